package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The checks validate runs on whole tables after the row contracts, each off (null) or on with its severity. Parsed
 * from {@code check: key=value, ...; check: ...}, e.g. {@code freshness: maxAge=36h; volume: maxChange=20%,
 * severity=fail; schema: policy=freeze; references: off}; a check the text does not name keeps its default
 * ({@link #DEFAULTS}), {@code none} turns every check off.
 *
 * @param freshness the newest {@code created_at} of each table that has one is at most {@code maxAge} older than the
 *     run (than the generator's anchor date for generated data)
 * @param volume a table's row count changed by at most {@code maxChange} percent since the previous validation; a
 *     table with no rows always fails
 * @param schema columns added, removed or retyped since the previous validation: {@code evolve} accepts and records
 *     them (a warning), {@code freeze} fails
 * @param primaryKeys each table's key is unique
 * @param foreignKeys each reference between thelook's tables resolves (nulls aside)
 */
public record TableChecks(
        Freshness freshness, Volume volume, SchemaDrift schema, Severity primaryKeys, Severity foreignKeys) {

    /** What a failed check does: {@code warn} reports it and goes on, {@code fail} fails the build. */
    public enum Severity {
        WARN,
        FAIL;

        /** {@code warn} or {@code fail}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** dlt's schema contracts: {@code evolve} accepts a changed schema and records it, {@code freeze} refuses it. */
    public enum SchemaPolicy {
        EVOLVE,
        FREEZE
    }

    /** Freshness: the newest row is at most {@code maxAge} old. */
    public record Freshness(Duration maxAge, Severity severity) {}

    /** Volume: the row count moved by at most {@code maxChangePercent} since the previous validation. */
    public record Volume(double maxChangePercent, Severity severity) {}

    /** Schema drift under a policy; {@code evolve} warns, {@code freeze} fails. */
    public record SchemaDrift(SchemaPolicy policy) {

        /** The severity of a drift under this policy. */
        public Severity severity() {
            return policy == SchemaPolicy.FREEZE ? Severity.FAIL : Severity.WARN;
        }
    }

    /**
     * The defaults for thelook: freshness 2 days (warn), volume 50% (warn; no rows fails), schema {@code evolve},
     * primary keys fail, foreign keys warn (quarantined rows and a BigQuery date range leave orphans by design).
     */
    public static final TableChecks DEFAULTS = new TableChecks(
            new Freshness(Duration.ofDays(2), Severity.WARN),
            new Volume(50, Severity.WARN),
            new SchemaDrift(SchemaPolicy.EVOLVE),
            Severity.FAIL,
            Severity.WARN);

    /** Every check off. */
    public static final TableChecks NONE = new TableChecks(null, null, null, null, null);

    private static final List<String> CHECKS = List.of("freshness", "volume", "schema", "primaryKeys", "foreignKeys");

    /** The checks the text declares over {@link #DEFAULTS}; blank text gives the defaults. */
    public static TableChecks parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULTS;
        }
        if (text.trim().equalsIgnoreCase("none")) {
            return NONE;
        }
        TableChecks checks = DEFAULTS;
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.indexOf(':');
            String name = (colon < 0 ? part : part.substring(0, colon)).trim();
            String body = colon < 0 ? "" : part.substring(colon + 1).trim();
            if (!CHECKS.contains(name)) {
                throw invalid("unknown check '" + name + "' (valid: " + String.join(", ", CHECKS) + ")");
            }
            checks = checks.with(name, body);
        }
        return checks;
    }

    private TableChecks with(String name, String body) {
        boolean off = body.equalsIgnoreCase("off");
        Options options = off ? null : Options.parse(name, body);
        return switch (name) {
            case "freshness" ->
                new TableChecks(
                        off
                                ? null
                                : new Freshness(
                                        options.duration(DEFAULTS.freshness.maxAge()),
                                        options.severityOr(Severity.WARN)),
                        volume,
                        schema,
                        primaryKeys,
                        foreignKeys);
            case "volume" ->
                new TableChecks(
                        freshness,
                        off
                                ? null
                                : new Volume(
                                        options.percent(DEFAULTS.volume.maxChangePercent()),
                                        options.severityOr(Severity.WARN)),
                        schema,
                        primaryKeys,
                        foreignKeys);
            case "schema" ->
                new TableChecks(
                        freshness,
                        volume,
                        off ? null : new SchemaDrift(options.schemaPolicy()),
                        primaryKeys,
                        foreignKeys);
            case "primaryKeys" ->
                new TableChecks(freshness, volume, schema, off ? null : options.severityOr(Severity.FAIL), foreignKeys);
            default ->
                new TableChecks(freshness, volume, schema, primaryKeys, off ? null : options.severityOr(Severity.WARN));
        };
    }

    /** One check's {@code key=value} pairs; each key is allowed only where it means something. */
    private record Options(String check, String maxAge, String maxChange, String severity, String policy) {

        static Options parse(String check, String body) {
            String maxAge = null;
            String maxChange = null;
            String severity = null;
            String policy = null;
            for (String pair : body.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                String[] kv = pair.split("=", 2);
                if (kv.length != 2) {
                    throw invalid(check + ": '" + pair.trim() + "' is not key=value");
                }
                String key = kv[0].trim();
                String value = kv[1].trim();
                String allowed = switch (check) {
                    case "freshness" -> "maxAge, severity";
                    case "volume" -> "maxChange, severity";
                    case "schema" -> "policy";
                    default -> "severity";
                };
                if (!List.of(allowed.split(", ")).contains(key)) {
                    throw invalid(check + ": unknown key '" + key + "' (valid: " + allowed + ")");
                }
                switch (key) {
                    case "maxAge" -> maxAge = value;
                    case "maxChange" -> maxChange = value;
                    case "severity" -> severity = value;
                    default -> policy = value;
                }
            }
            return new Options(check, maxAge, maxChange, severity, policy);
        }

        Severity severityOr(Severity otherwise) {
            return severity == null
                    ? otherwise
                    : Choices.parse(Severity.class, severity, Setting.TABLE_CHECKS.ref() + " " + check + " severity");
        }

        SchemaPolicy schemaPolicy() {
            return policy == null
                    ? DEFAULTS.schema.policy()
                    : Choices.parse(SchemaPolicy.class, policy, Setting.TABLE_CHECKS.ref() + " schema policy");
        }

        /** {@code 36h}, {@code 2d}, {@code 90m} or ISO-8601 ({@code PT36H}). */
        Duration duration(Duration otherwise) {
            if (maxAge == null) {
                return otherwise;
            }
            String value = maxAge.toLowerCase(Locale.ROOT);
            try {
                Duration duration;
                if (value.startsWith("p")) {
                    duration = Duration.parse(value.toUpperCase(Locale.ROOT));
                } else {
                    long amount = Long.parseLong(value.substring(0, value.length() - 1));
                    duration = switch (value.charAt(value.length() - 1)) {
                        case 'd' -> Duration.ofDays(amount);
                        case 'h' -> Duration.ofHours(amount);
                        case 'm' -> Duration.ofMinutes(amount);
                        default -> throw new NumberFormatException(value);
                    };
                }
                if (duration.isNegative() || duration.isZero()) {
                    throw new NumberFormatException(value);
                }
                return duration;
            } catch (RuntimeException e) {
                throw invalid(
                        "freshness: maxAge must be a positive duration such as 36h, 2d or 90m, not '" + maxAge + "'");
            }
        }

        /** {@code 50%} or {@code 50}: a percentage above 0. */
        double percent(double otherwise) {
            if (maxChange == null) {
                return otherwise;
            }
            String value = maxChange.endsWith("%") ? maxChange.substring(0, maxChange.length() - 1) : maxChange;
            try {
                double percent = Double.parseDouble(value.trim());
                if (percent > 0 && Double.isFinite(percent)) {
                    return percent;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid("volume: maxChange must be a percentage above 0 such as 50%, not '" + maxChange + "'");
        }
    }

    private static ConfigurationException invalid(String what) {
        return new ConfigurationException(Setting.TABLE_CHECKS.ref() + ": " + what
                + ". Write it as 'freshness: maxAge=2d, severity=warn; volume: maxChange=50%, severity=warn;"
                + " schema: policy=evolve; primaryKeys: severity=fail; foreignKeys: severity=warn', a check as"
                + " 'check: off', or 'none'.");
    }
}
