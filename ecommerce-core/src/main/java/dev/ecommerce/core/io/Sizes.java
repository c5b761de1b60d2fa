package dev.ecommerce.core.io;

import java.util.Locale;

/** Byte counts as people read them in logs and reports. */
public final class Sizes {

    private Sizes() {}

    /** Bytes in binary units: {@code 512 B}, {@code 12.3 KiB}, {@code 4.0 GiB}. */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
