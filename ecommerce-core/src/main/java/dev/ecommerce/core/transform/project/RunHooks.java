package dev.ecommerce.core.transform.project;

import dev.ecommerce.core.ConfigurationException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A project's {@code on-run-start} and {@code on-run-end} hooks from {@code dbt_project.yml}: each a text or a
 * list of texts, kept unrendered (dbt renders them when they run), and dbt's
 * {@code flags: skip_nodes_if_on_run_start_fails} (false by default: the nodes run after a failing start hook).
 *
 * @param onRunStart the SQL run before the first node, in order
 * @param onRunEnd the SQL run after the last node, in order
 * @param skipNodesIfStartFails whether a failing {@code on-run-start} hook skips every node
 */
public record RunHooks(List<String> onRunStart, List<String> onRunEnd, boolean skipNodesIfStartFails) {

    /** No hooks. */
    public static final RunHooks NONE = new RunHooks(List.of(), List.of(), false);

    public RunHooks {
        onRunStart = List.copyOf(onRunStart);
        onRunEnd = List.copyOf(onRunEnd);
    }

    /** Reads the hooks of the project in {@code root} from its {@code dbt_project.yml}. */
    public static RunHooks read(Path root) {
        Map<String, Object> yml = Yaml.readMap(root.resolve("dbt_project.yml"), "dbt_project.yml");
        Map<String, Object> flags = Yaml.map(yml.get("flags"), "dbt_project.yml flags");
        Object skip = flags.getOrDefault("skip_nodes_if_on_run_start_fails", false);
        if (!(skip instanceof Boolean skipNodes)) {
            throw new ConfigurationException("dbt_project.yml: flags: skip_nodes_if_on_run_start_fails must be true or"
                    + " false, not '" + skip + "'.");
        }
        return new RunHooks(hooks(yml, "on-run-start"), hooks(yml, "on-run-end"), skipNodes);
    }

    private static List<String> hooks(Map<String, Object> yml, String key) {
        Object value = yml.get(key);
        if (value instanceof List<?> list && list.stream().anyMatch(h -> !(h instanceof String))) {
            throw new ConfigurationException("dbt_project.yml: " + key + ": must be a SQL text or a list of SQL texts"
                    + " (quote each hook), not '" + value + "'.");
        }
        return Yaml.strings(value, "dbt_project.yml " + key);
    }
}
