package dev.ecommerce.core.transform.project;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.Setting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configs the embedded engine understands, merged from dbt_project.yml (by folder), a schema file's
 * {@code config:} and the model's own {@code config(...)}: later layers win, tags add up.
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
        String location) {

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
            "location");

    /** Keys that only document (accepted, no effect on what runs). */
    public static final Set<String> DOCUMENTATION_KEYS = Set.of("docs", "meta", "description", "group");

    public static final NodeConfig EMPTY = new NodeConfig(null, null, null, null, null, List.of(), null, null, null);

    public NodeConfig {
        tags = tags == null ? List.of() : List.copyOf(tags);
        uniqueKey = uniqueKey == null ? null : List.copyOf(uniqueKey);
    }

    /** Reads config keys (with or without a leading {@code +}); fails on an unknown key naming {@code where}. */
    public static NodeConfig of(Map<String, Object> raw, String where) {
        Map<String, Object> values = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            String name = key.startsWith("+") ? key.substring(1) : key;
            if (DOCUMENTATION_KEYS.contains(name)) {
                return;
            }
            if (!KEYS.contains(name)) {
                throw new ConfigurationException(where + ": config '" + name
                        + "' is not supported by the embedded engine (supported: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)) + "). Remove it, or run with"
                        + " " + Setting.TRANSFORM_ENGINE.set("dbt") + ".");
            }
            values.put(name, value);
        });
        String materializedName = text(values.get("materialized"));
        Materialization materialized = materializedName == null ? null : Materialization.of(materializedName, where);
        String strategy = text(values.get("incremental_strategy"));
        if (strategy != null && !strategy.equals("append") && !strategy.equals("delete+insert")) {
            throw new ConfigurationException(where + ": incremental_strategy '" + strategy
                    + "' is not supported by the embedded engine (supported: append, delete+insert).");
        }
        String severity = text(values.get("severity"));
        if (severity != null && !severity.equalsIgnoreCase("error") && !severity.equalsIgnoreCase("warn")) {
            throw new ConfigurationException(where + ": severity must be error or warn, not '" + severity + "'.");
        }
        Object enabled = values.get("enabled");
        return new NodeConfig(
                materialized,
                text(values.get("schema")),
                text(values.get("alias")),
                values.containsKey("unique_key") ? Yaml.strings(values.get("unique_key"), where + " unique_key") : null,
                strategy,
                values.containsKey("tags") ? Yaml.strings(values.get("tags"), where + " tags") : List.of(),
                enabled == null ? null : Boolean.valueOf(String.valueOf(enabled)),
                severity == null ? null : severity.toLowerCase(java.util.Locale.ROOT),
                text(values.get("location")));
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /** This config with {@code over}'s values on top; tags add up. */
    public NodeConfig with(NodeConfig over) {
        Set<String> allTags = new LinkedHashSet<>(tags);
        allTags.addAll(over.tags);
        return new NodeConfig(
                over.materialized != null ? over.materialized : materialized,
                over.schema != null ? over.schema : schema,
                over.alias != null ? over.alias : alias,
                over.uniqueKey != null ? over.uniqueKey : uniqueKey,
                over.incrementalStrategy != null ? over.incrementalStrategy : incrementalStrategy,
                new ArrayList<>(allTags),
                over.enabled != null ? over.enabled : enabled,
                over.severity != null ? over.severity : severity,
                over.location != null ? over.location : location);
    }

    public Materialization materializedOr(Materialization fallback) {
        return materialized == null ? fallback : materialized;
    }

    public boolean isEnabled() {
        return enabled == null || enabled;
    }
}
