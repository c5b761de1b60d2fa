package dev.ecommerce.core.transform.graph;

import dev.ecommerce.core.ConfigurationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * The nodes of a previous run's {@code manifest.json} (dbt's {@code --state}), and dbt's {@code state:}
 * checks of a node against them. A node is modified when it is new, or its body (the file's checksum), its
 * configs (the configs the project sets, tags and group aside, schema, alias and database included) or its
 * fully qualified name changed, or a project macro it calls (directly or through other macros) changed, as
 * in dbt. Unlike dbt, a source is modified only when it is new.
 *
 * @param nodes the previous nodes and sources by unique id
 * @param macros the previous manifest's {@code macro_sql} by macro unique id
 * @param current the project's macros now, and which each node calls ({@link #against})
 */
public record PreviousState(Map<String, Node> nodes, Map<String, String> macros, MacroGraph current) {

    /**
     * A node of the previous manifest.
     *
     * @param checksum null when the manifest has none
     * @param fqn empty when the manifest has none
     */
    public record Node(Checksum checksum, Map<String, Object> unrenderedConfig, List<String> fqn) {

        public Node {
            unrenderedConfig = Collections.unmodifiableMap(new LinkedHashMap<>(unrenderedConfig));
            fqn = List.copyOf(fqn);
        }
    }

    /** Configs dbt leaves out of the config comparison: tags and group (schema, alias, database are compared). */
    private static final List<String> NOT_COMPARED = List.of("tags", "group");

    private static final Map<String, BiPredicate<Node, Selectable>> CHECKS = Map.of(
            "new", (old, now) -> old == null,
            "old", (old, now) -> old != null,
            "modified", (old, now) -> !sameContents(old, now),
            "unmodified", (old, now) -> sameContents(old, now),
            "modified.body", (old, now) -> old == null || !sameBody(old, now),
            "modified.configs", (old, now) -> old == null || !sameConfig(old, now),
            "modified.relation", (old, now) -> old == null || !sameRelation(old, now),
            // the engine persists no descriptions and enforces no contracts: only a new node differs
            "modified.persisted_descriptions", (old, now) -> old == null,
            "modified.contract", (old, now) -> old == null,
            "modified.macros", (old, now) -> false); // and the macro check of matches

    public PreviousState {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        macros = Collections.unmodifiableMap(new LinkedHashMap<>(macros));
    }

    public PreviousState(Map<String, Node> nodes) {
        this(nodes, Map.of(), MacroGraph.NONE);
    }

    /** This state compared with the project's macros now ({@code state:modified.macros}, {@code state:modified}). */
    public PreviousState against(MacroGraph now) {
        return new PreviousState(nodes, macros, now);
    }

    /**
     * Fails unless {@code state:<check>} is a check the engine makes.
     *
     * @param where the setting that holds the selector, for the message
     */
    public void check(String check, String where) {
        if (!CHECKS.containsKey(check)) {
            throw new ConfigurationException("The selector state:" + check + " is not one of dbt's state checks ("
                    + String.join(", ", new java.util.TreeSet<>(CHECKS.keySet())) + "): change " + where + ".");
        }
    }

    /** Whether {@code node} passes {@code state:<check>}, a check that {@link #check} accepted. */
    public boolean matches(String check, Selectable node) {
        Node old = nodes.get(node.uniqueId());
        if (node.resourceType().equals("source") && check.startsWith("modified.")) {
            return false; // dbt compares a source as a whole only
        }
        boolean matches = CHECKS.get(check).test(old, node);
        return switch (check) {
            case "modified", "modified.macros" -> matches || callsModifiedMacro(node);
            case "unmodified" -> matches && !callsModifiedMacro(node);
            default -> matches;
        };
    }

    /** dbt's {@code check_macros_modified}: the node calls a macro that changed, directly or through others. */
    private boolean callsModifiedMacro(Selectable node) {
        return !current.macrosOf(node.uniqueId()).isEmpty()
                && current.callsAny(node.uniqueId(), current.modified(macros));
    }

    /** dbt's {@code same_contents}: same body, configs, name and relation; a generic test has no body. */
    private static boolean sameContents(Node old, Selectable now) {
        if (old == null) {
            return false;
        }
        if (now.resourceType().equals("source")) {
            return true;
        }
        boolean body = now.testName() != null || sameBody(old, now);
        return body && sameConfig(old, now) && sameFqn(old, now) && sameRelation(old, now);
    }

    private static boolean sameBody(Node old, Selectable now) {
        return now.checksum().same(old.checksum());
    }

    private static boolean sameConfig(Node old, Selectable now) {
        Map<String, Object> before = new LinkedHashMap<>(old.unrenderedConfig());
        Map<String, Object> after = new LinkedHashMap<>(now.unrenderedConfig());
        NOT_COMPARED.forEach(k -> {
            before.remove(k);
            after.remove(k);
        });
        return normalized(before).equals(normalized(after));
    }

    /** dbt's {@code same_database_representation}: the configs database, schema and alias. */
    private static boolean sameRelation(Node old, Selectable now) {
        for (String key : List.of("database", "schema", "alias")) {
            if (!Objects.equals(
                    normalized(old.unrenderedConfig().get(key)),
                    normalized(now.unrenderedConfig().get(key)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameFqn(Node old, Selectable now) {
        return old.fqn().isEmpty() || old.fqn().equals(now.fqn());
    }

    /** Values compared as text, so that the JSON's {@code true} and a YAML's {@code "true"} agree. */
    private static Object normalized(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new java.util.TreeMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), normalized(v)));
            return result;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PreviousState::normalized).toList();
        }
        return value == null ? null : String.valueOf(value);
    }
}
