package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.schema.Table;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The embedded, seeded thelook generator.
 *
 * @param seed the random seed; the same seed, scale and anchor give byte-identical data
 * @param scale users = 100,000 × scale at the default anchor date (products and distribution centres do not scale)
 * @param anchorDate the day the world is seen on (midnight UTC): the rows created before it, with fulfilment as
 *     it stood then; a later date only adds rows and moves open orders forward
 * @param threads worker threads; does not change the output
 */
public record GeneratorSpec(long seed, double scale, LocalDate anchorDate, int threads) implements SourceSpec {

    public static final long DEFAULT_SEED = 42L;
    public static final double DEFAULT_SCALE = 0.1;
    public static final String DEFAULT_ANCHOR_DATE = "2026-01-01";
    public static final LocalDate DEFAULT_ANCHOR = LocalDate.parse(DEFAULT_ANCHOR_DATE);
    public static final double MAX_SCALE = 100.0;
    static final LocalDate EARLIEST_ANCHOR = LocalDate.of(2020, 1, 2);

    public GeneratorSpec {
        if (!(scale > 0) || scale > MAX_SCALE) {
            throw new ConfigurationException("scale must be greater than 0 and at most " + MAX_SCALE + " (got " + scale
                    + "): set " + Setting.SCALE.ref() + ", e.g. 0.1 for 10,000 users.");
        }
        if (Math.round(scale * 100_000) < 1) {
            throw new ConfigurationException("scale " + scale + " gives no users: use at least 0.00001.");
        }
        if (anchorDate == null || anchorDate.isBefore(EARLIEST_ANCHOR)) {
            throw new ConfigurationException("anchorDate must be on or after " + EARLIEST_ANCHOR + " (got " + anchorDate
                    + "): set " + Setting.ANCHOR_DATE.ref() + " as YYYY-MM-DD.");
        }
        if (threads < 1) {
            throw new ConfigurationException(
                    "threads must be at least 1 (got " + threads + "): set " + Setting.THREADS.ref() + ".");
        }
    }

    /**
     * From a build tool's values: the anchor date as {@code YYYY-MM-DD} text, and 0 threads for one per
     * available processor.
     */
    public static GeneratorSpec of(long seed, double scale, String anchorDate, int threads) {
        LocalDate anchor;
        try {
            anchor = LocalDate.parse(anchorDate == null ? "" : anchorDate.trim());
        } catch (DateTimeParseException e) {
            throw new ConfigurationException("'" + anchorDate + "' is not a date for " + Setting.ANCHOR_DATE.ref()
                    + ": use YYYY-MM-DD, e.g. " + DEFAULT_ANCHOR_DATE + ".");
        }
        return new GeneratorSpec(
                seed,
                scale,
                anchor,
                threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
    }

    /** The number of users generated: 100,000 × scale, rounded. */
    public int users() {
        return (int) Math.round(scale * 100_000);
    }

    @Override
    public String kind() {
        return "generated";
    }

    @Override
    public String describe() {
        return String.format(
                Locale.ROOT,
                "the thelook generator (seed %d, scale %s, anchor %s, %d users, %d threads)",
                seed,
                scale,
                anchorDate,
                users(),
                threads);
    }

    /** Products and distribution centres come from the shipped reference files: only the source matters. */
    @Override
    public Map<String, Object> fingerprint(Table table) {
        Map<String, Object> fingerprint = new LinkedHashMap<>();
        fingerprint.put("kind", kind());
        if (table != Table.PRODUCTS && table != Table.DISTRIBUTION_CENTERS) {
            fingerprint.put("seed", seed);
            fingerprint.put("scale", scale);
            fingerprint.put("anchorDate", anchorDate.toString());
        }
        return fingerprint;
    }

    /** The same seed, scale and anchor date give the same bytes. */
    @Override
    public boolean reproducible() {
        return true;
    }

    @Override
    public Map<String, Object> world(Table table) {
        Map<String, Object> world = fingerprint(table);
        world.remove("anchorDate");
        return world;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("kind", kind());
        parameters.put("seed", seed);
        parameters.put("scale", scale);
        parameters.put("anchorDate", anchorDate.toString());
        parameters.put("users", users());
        return parameters;
    }
}
