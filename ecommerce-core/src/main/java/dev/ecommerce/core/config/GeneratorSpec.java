package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import java.time.LocalDate;

/**
 * The embedded, seeded thelook generator.
 *
 * @param seed the random seed; the same seed, scale and anchor give byte-identical data
 * @param scale users = 100,000 × scale (products and distribution centres do not scale)
 * @param anchorDate the generator's "now" (midnight UTC); data spans 2019-01-01 up to about this date
 * @param threads worker threads; does not change the output
 */
public record GeneratorSpec(long seed, double scale, LocalDate anchorDate, int threads) implements SourceSpec {

    public static final long DEFAULT_SEED = 42L;
    public static final double DEFAULT_SCALE = 0.1;
    public static final LocalDate DEFAULT_ANCHOR = LocalDate.of(2026, 1, 1);
    public static final double MAX_SCALE = 100.0;
    static final LocalDate EARLIEST_ANCHOR = LocalDate.of(2020, 1, 2);

    public GeneratorSpec {
        if (!(scale > 0) || scale > MAX_SCALE) {
            throw new ConfigurationException("scale must be greater than 0 and at most " + MAX_SCALE + " (got " + scale
                    + "): set <scale> or -Decommerce.scale, e.g. 0.1 for 10,000 users.");
        }
        if (Math.round(scale * 100_000) < 1) {
            throw new ConfigurationException("scale " + scale + " gives no users: use at least 0.00001.");
        }
        if (anchorDate == null || anchorDate.isBefore(EARLIEST_ANCHOR)) {
            throw new ConfigurationException("anchorDate must be on or after " + EARLIEST_ANCHOR + " (got " + anchorDate
                    + "): set <anchorDate> or -Decommerce.anchorDate as YYYY-MM-DD.");
        }
        if (threads < 1) {
            throw new ConfigurationException(
                    "threads must be at least 1 (got " + threads + "): set <threads> or -Decommerce.threads.");
        }
    }

    /** The number of users generated: 100,000 × scale, rounded. */
    public int users() {
        return (int) Math.round(scale * 100_000);
    }

    @Override
    public String kind() {
        return "generated";
    }
}
