package dev.ecommerce.core.transform.project;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.Setting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data test's configs as dbt has them ({@code severity}, {@code where}, {@code warn_if}, {@code error_if},
 * {@code fail_calc}, {@code limit}, {@code tags}, {@code enabled}), with dbt's defaults: severity {@code ERROR},
 * {@code count(*)}, {@code != 0}. Other keys are accepted as dbt accepts them (logged at debug). Storing
 * failures is not supported: asking for it is a {@link ConfigurationException}.
 *
 * @param severity {@code ERROR} or {@code WARN}, upper case as dbt writes it
 * @param where a filter on the tested relation, or null
 * @param limit at most this many failing rows are counted, or null
 */
public record TestConfig(
        String severity,
        String where,
        String warnIf,
        String errorIf,
        String failCalc,
        Integer limit,
        List<String> tags,
        boolean enabled) {

    /** The config keys dbt gives a data test, in a schema file's test entry or in {@code config:} / {@code config()}. */
    public static final Set<String> KEYS = Set.of(
            "severity",
            "where",
            "warn_if",
            "error_if",
            "fail_calc",
            "limit",
            "tags",
            "enabled",
            "store_failures",
            "store_failures_as",
            "meta",
            "database",
            "schema",
            "alias",
            "description",
            "docs",
            "group");

    private static final Logger LOG = LoggerFactory.getLogger(TestConfig.class);

    public static final TestConfig DEFAULT =
            new TestConfig("ERROR", null, "!= 0", "!= 0", "count(*)", null, List.of(), true);

    public TestConfig {
        tags = List.copyOf(tags);
    }

    /**
     * This config with the keys of {@code raw} on top (with or without a leading {@code +}); tags add up.
     * {@code database}, {@code schema} and {@code alias} only name where dbt stores failures, so they have no
     * effect here; stored failures fail naming {@code where}.
     */
    public TestConfig with(Map<String, Object> raw, String where) {
        if (raw.isEmpty()) {
            return this; // as most tests are: 10,000 in a large project
        }
        Map<String, Object> values = new LinkedHashMap<>();
        raw.forEach((key, value) -> values.put(key.startsWith("+") ? key.substring(1) : key, value));
        for (String key : values.keySet()) {
            if (!KEYS.contains(key)) { // dbt accepts any key, as for models
                LOG.debug("{}: config '{}' has no effect on a data test in the embedded engine", where, key);
            }
        }
        Object store = values.get("store_failures");
        Object storeAs = values.get("store_failures_as");
        if ((store != null && Boolean.parseBoolean(String.valueOf(store)))
                || (storeAs != null && !"ephemeral".equals(String.valueOf(storeAs)))) {
            throw new ConfigurationException(where + ": store_failures is not supported by the embedded engine."
                    + " Remove it (or set it to false), or run with " + Setting.TRANSFORM_ENGINE.set("dbt") + ".");
        }
        String newSeverity = text(values.get("severity"));
        if (newSeverity != null) {
            newSeverity = newSeverity.toUpperCase(Locale.ROOT);
            if (!newSeverity.equals("ERROR") && !newSeverity.equals("WARN")) {
                throw new ConfigurationException(
                        where + ": severity must be error or warn, not '" + values.get("severity") + "'.");
            }
        }
        List<String> allTags = new java.util.ArrayList<>(tags);
        if (values.containsKey("tags")) {
            Object value = values.get("tags");
            for (String tag : value instanceof String s ? List.of(s) : Yaml.strings(value, where + " tags")) {
                if (!allTags.contains(tag)) {
                    allTags.add(tag);
                }
            }
        }
        Integer newLimit = limit;
        if (values.get("limit") != null) {
            try {
                newLimit = Integer.valueOf(String.valueOf(values.get("limit")).strip());
            } catch (NumberFormatException e) {
                throw new ConfigurationException(
                        where + ": limit must be a whole number, not '" + values.get("limit") + "'.");
            }
        }
        Object enable = values.get("enabled");
        return new TestConfig(
                newSeverity != null ? newSeverity : severity,
                values.containsKey("where") ? text(values.get("where")) : this.where,
                or(text(values.get("warn_if")), warnIf),
                or(text(values.get("error_if")), errorIf),
                or(text(values.get("fail_calc")), failCalc),
                newLimit,
                allTags,
                enable == null ? enabled : Boolean.parseBoolean(String.valueOf(enable)));
    }

    /** The configs as dbt's {@code config} dict holds them (what {@code config.<key>:} selects on). */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("enabled", enabled);
        map.put("severity", severity);
        map.put("warn_if", warnIf);
        map.put("error_if", errorIf);
        map.put("fail_calc", failCalc);
        if (where != null) {
            map.put("where", where);
        }
        if (limit != null) {
            map.put("limit", limit);
        }
        map.put("tags", tags);
        return map;
    }

    /** True for {@code severity: warn}: failing rows are a warning, never a failure. */
    public boolean warnOnly() {
        return severity.equals("WARN");
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
