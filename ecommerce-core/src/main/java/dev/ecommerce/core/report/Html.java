package dev.ecommerce.core.report;

import java.util.Locale;

/** Values made safe for an HTML page and written the way the report shows them. */
final class Html {

    private Html() {}

    /**
     * A value as HTML text, safe both as element content and inside a quoted attribute (SVG included): every
     * character that could open markup, end an attribute or start an entity is replaced; null is empty.
     */
    static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '`' -> out.append("&#96;");
                default -> {
                    // Control characters other than tab and line breaks are not valid in an HTML document.
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A count with thousands separators: {@code 1,246}. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Seconds, to the hundredth below a minute and as minutes and seconds above. */
    static String seconds(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.2f s", seconds);
        }
        long whole = Math.round(seconds);
        return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
    }

    /** Bytes in binary units: {@code 12.3 KiB}. */
    static String bytes(long bytes) {
        return dev.ecommerce.core.io.Sizes.human(bytes);
    }

    /** A coordinate or length in an SVG attribute: at most one decimal, never a locale's comma. */
    static String px(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Text cut to {@code max} characters with an ellipsis; escape it after. */
    static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "\u2026";
    }
}
