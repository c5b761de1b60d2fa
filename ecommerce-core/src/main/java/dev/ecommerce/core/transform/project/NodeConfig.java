package dev.ecommerce.core.transform.project;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.Setting;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configs of a node, merged from dbt_project.yml (by folder), a schema file's {@code config:} and the
 * model's own {@code config(...)}: later layers win, tags add up. As in dbt, any key is accepted: the ones
 * the embedded engine acts on are fields; the others (documentation, other adapters' keys such as
 * {@code sort} or {@code dist}) are kept in {@link #others} for manifest.json and logged at debug. Keys whose
 * effect the engine cannot give ({@link #REFUSED}) fail, naming the file, rather than being dropped.
 *
 * @param onSchemaChange an incremental model's {@code on_schema_change}: ignore, fail, append_new_columns or
 *     sync_all_columns (null: ignore)
 * @param fullRefresh the model's {@code full_refresh}: true always rebuilds, false never does (even with
 *     {@code --full-refresh}), null follows the run
 * @param preHooks {@code pre-hook} SQL run before the node is built, unrendered (rendered when it runs, with
 *     {@code this}); hooks add up across folders, schema files and the model, outer ones first, as in dbt
 * @param postHooks {@code post-hook} SQL run after it
 * @param others every other key, with its value
 */
public record NodeConfig(
        Materialization materialized,
        String schema,
        String alias,
        List<String> uniqueKey,
        String incrementalStrategy,
        List<String> tags,
        Boolean enabled,
        String severity,
        String location,
        String onSchemaChange,
        Boolean fullRefresh,
        String database,
        List<String> preHooks,
        List<String> postHooks,
        Map<String, Object> others) {

    private static final Logger LOG = LoggerFactory.getLogger(NodeConfig.class);

    /** Config keys that change what runs. */
    public static final Set<String> KEYS = Set.of(
            "materialized",
            "schema",
            "alias",
            "unique_key",
            "incremental_strategy",
            "tags",
            "enabled",
            "severity",
            "location",
            "on_schema_change",
            "full_refresh",
            "database",
            "pre-hook",
            "post-hook",
            "pre_hook",
            "post_hook");

    /** Hook keys: their Jinja is rendered when the hook runs, never when the project is read. */
    public static final Set<String> HOOKS = Set.of(
            "pre-hook", "post-hook", "pre_hook", "post_hook", "+pre-hook", "+post-hook", "+pre_hook", "+post_hook");

    /** Keys that only document (accepted, no effect on what runs). */
    public static final Set<String> DOCUMENTATION_KEYS = Set.of("docs", "meta", "description", "group");

    /** Keys kept with the others but read where they apply: the incremental strategies'. */
    static final Set<String> READ_WHERE_THEY_APPLY =
            Set.of("merge_update_columns", "merge_exclude_columns", "incremental_predicates");

    /** Keys dbt acts on that the embedded engine cannot honour, with what to do instead. */
    public static final Map<String, String> REFUSED = Map.of(
            "contract", "model contracts are not enforced by the embedded engine",
            "sql_header", "sql_header is not run by the embedded engine");

    private static final Set<String> ON_SCHEMA_CHANGE =
            Set.of("ignore", "fail", "append_new_columns", "sync_all_columns");

    public static final NodeConfig EMPTY = new NodeConfig(
            null, null, null, null, null, List.of(), null, null, null, null, null, null, List.of(), List.of(),
            Map.of());

    public NodeConfig {
        tags = tags == null ? List.of() : List.copyOf(tags);
        uniqueKey = uniqueKey == null ? null : List.copyOf(uniqueKey);
        others = others == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(others));
        preHooks = preHooks == null ? List.of() : List.copyOf(preHooks);
        postHooks = postHooks == null ? List.of() : List.copyOf(postHooks);
    }

    /** Reads config keys (with or without a leading {@code +}); fails on a {@link #REFUSED} key naming {@code where}. */
    public static NodeConfig of(Map<String, Object> raw, String where) {
        if (raw.isEmpty()) {
            return EMPTY; // most models' own config() and schema entries set nothing
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> others = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            String name = key.startsWith("+") ? key.substring(1) : key;
            String refusal = REFUSED.get(name);
            if (refusal != null && !isEmpty(value) && !isContractOff(name, value)) {
                throw new ConfigurationException(where + ": config '" + name + "': " + refusal + ". Remove it, or"
                        + " run with " + Setting.TRANSFORM_ENGINE.set("dbt") + ".");
            }
            if (KEYS.contains(name)) {
                values.put(name, value);
            } else {
                if (!DOCUMENTATION_KEYS.contains(name) && !READ_WHERE_THEY_APPLY.contains(name)) {
                    LOG.debug(
                            "{}: config '{}' has no effect in the embedded engine (kept in manifest.json)",
                            where,
                            name);
                }
                others.put(name, value);
            }
        });
        String materializedName = text(values.get("materialized"));
        Materialization materialized = materializedName == null ? null : Materialization.of(materializedName, where);
        String strategy = text(values.get("incremental_strategy")); // checked when the model runs, as in dbt
        String severity = text(values.get("severity"));
        if (severity != null && !severity.equalsIgnoreCase("error") && !severity.equalsIgnoreCase("warn")) {
            throw new ConfigurationException(where + ": severity must be error or warn, not '" + severity + "'.");
        }
        String onSchemaChange = text(values.get("on_schema_change"));
        if (onSchemaChange != null && !ON_SCHEMA_CHANGE.contains(onSchemaChange.trim())) {
            throw new ConfigurationException(where + ": on_schema_change must be one of "
                    + String.join(", ", new java.util.TreeSet<>(ON_SCHEMA_CHANGE)) + ", not '" + onSchemaChange + "'.");
        }
        Object enabled = values.get("enabled");
        Object fullRefresh = values.get("full_refresh");
        return new NodeConfig(
                materialized,
                text(values.get("schema")),
                text(values.get("alias")),
                values.containsKey("unique_key") ? Yaml.strings(values.get("unique_key"), where + " unique_key") : null,
                strategy,
                values.containsKey("tags") ? Yaml.strings(values.get("tags"), where + " tags") : List.of(),
                enabled == null ? null : Boolean.valueOf(String.valueOf(enabled)),
                severity == null ? null : severity.toLowerCase(Locale.ROOT),
                text(values.get("location")),
                onSchemaChange == null ? null : onSchemaChange.trim(),
                fullRefresh == null ? null : Boolean.valueOf(String.valueOf(fullRefresh)),
                text(values.get("database")),
                hooks(values.containsKey("pre-hook") ? values.get("pre-hook") : values.get("pre_hook"), where),
                hooks(values.containsKey("post-hook") ? values.get("post-hook") : values.get("post_hook"), where),
                others);
    }

    /** A hook config as SQL texts: one text, a list of them, or dbt's {@code {sql: ..., transaction: ...}}. */
    private static List<String> hooks(Object value, String where) {
        List<String> hooks = new ArrayList<>();
        if (value == null) {
            return hooks;
        }
        for (Object item : value instanceof List<?> list ? list : List.of(value)) {
            if (item instanceof Map<?, ?> map) {
                if (map.get("sql") == null) {
                    throw new ConfigurationException(where + ": a hook given as a mapping needs 'sql'.");
                }
                hooks.add(String.valueOf(map.get("sql")));
            } else if (item != null && !String.valueOf(item).isBlank()) {
                hooks.add(String.valueOf(item));
            }
        }
        return hooks;
    }

    private static boolean isEmpty(Object value) {
        return value == null
                || (value instanceof List<?> list && list.isEmpty())
                || (value instanceof Map<?, ?> map && map.isEmpty())
                || (value instanceof String s && s.isBlank());
    }

    /** {@code contract: {enforced: false}} asks for nothing. */
    private static boolean isContractOff(String name, Object value) {
        return name.equals("contract")
                && value instanceof Map<?, ?> map
                && !Boolean.parseBoolean(String.valueOf(map.get("enforced")));
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /** This config with {@code over}'s values on top; tags add up. */
    public NodeConfig with(NodeConfig over) {
        if (over == EMPTY) {
            return this;
        }
        Set<String> allTags = new LinkedHashSet<>(tags);
        allTags.addAll(over.tags);
        Map<String, Object> allOthers = new LinkedHashMap<>(others);
        allOthers.putAll(over.others);
        return new NodeConfig(
                over.materialized != null ? over.materialized : materialized,
                over.schema != null ? over.schema : schema,
                over.alias != null ? over.alias : alias,
                over.uniqueKey != null ? over.uniqueKey : uniqueKey,
                over.incrementalStrategy != null ? over.incrementalStrategy : incrementalStrategy,
                new ArrayList<>(allTags),
                over.enabled != null ? over.enabled : enabled,
                over.severity != null ? over.severity : severity,
                over.location != null ? over.location : location,
                over.onSchemaChange != null ? over.onSchemaChange : onSchemaChange,
                over.fullRefresh != null ? over.fullRefresh : fullRefresh,
                over.database != null ? over.database : database,
                concat(preHooks, over.preHooks),
                concat(postHooks, over.postHooks),
                allOthers);
    }

    /** The configs set, by dbt's key ({@code materialized}, {@code unique_key}, ...); unset ones are left out. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        putSet(map, "materialized", materialized == null ? null : materialized.dbtName());
        putSet(map, "schema", schema);
        putSet(map, "alias", alias);
        putSet(map, "unique_key", uniqueKey);
        putSet(map, "incremental_strategy", incrementalStrategy);
        putSet(map, "tags", tags.isEmpty() ? null : tags);
        putSet(map, "enabled", enabled);
        putSet(map, "severity", severity);
        putSet(map, "location", location);
        putSet(map, "on_schema_change", onSchemaChange);
        putSet(map, "full_refresh", fullRefresh);
        putSet(map, "database", database);
        putSet(map, "pre-hook", preHooks.isEmpty() ? null : preHooks);
        putSet(map, "post-hook", postHooks.isEmpty() ? null : postHooks);
        others.forEach((key, value) -> putSet(map, key, value));
        return map;
    }

    private static void putSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static List<String> concat(List<String> first, List<String> then) {
        List<String> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }

    public Materialization materializedOr(Materialization fallback) {
        return materialized == null ? fallback : materialized;
    }

    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    /** Whether this node is rebuilt from scratch in a run with {@code --full-refresh} set as given. */
    public boolean fullRefresh(boolean run) {
        return fullRefresh == null ? run : fullRefresh;
    }
}
