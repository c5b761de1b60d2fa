package dev.ecommerce.core.source.thelook;

import java.util.SplittableRandom;

/**
 * One independent random stream per entity (a user, an anonymous session, the product catalogue), derived
 * from the run's seed. Because no stream is shared, the output does not depend on how work is split
 * between threads. Only {@link SplittableRandom} (whose algorithm is specified) and {@link StrictMath} are
 * used, so the same seed gives the same data on every JVM.
 */
final class Streams {

    static final int PRODUCTS = 1;
    static final int USER = 2;
    static final int ANONYMOUS_SESSION = 3;

    private Streams() {}

    static long seed(long runSeed, int kind, long index) {
        return mix(mix(runSeed ^ (0x9E3779B97F4A7C15L * kind)) + index);
    }

    static SplittableRandom of(long runSeed, int kind, long index) {
        return new SplittableRandom(seed(runSeed, kind, index));
    }

    /** A standard normal draw (Box-Muller with StrictMath, reproducible everywhere). */
    static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** An index drawn from cumulative weights (the last one must be 1.0). */
    static int weighted(SplittableRandom random, double[] cumulative) {
        double u = random.nextDouble();
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    /** Cumulative weights from raw weights, normalised to end at exactly 1.0. */
    static double[] cumulative(double... weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum / total;
        }
        cumulative[weights.length - 1] = 1.0;
        return cumulative;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
