package dev.ecommerce.core.contract;

/**
 * The text formats of thelook columns, as regular expressions for {@code @Pattern}. They use only the
 * syntax Java and RE2 (DuckDB) read alike, so they translate to SQL.
 */
public final class Formats {

    private static final String NUMBER = "-?[0-9]+(\\.[0-9]+)?(E-?[0-9]+)?";

    /** A WKT point, longitude first, as BigQuery renders GEOGRAPHY: {@code POINT(-81.1167 32.0167)}. */
    public static final String WKT_POINT = "POINT\\(" + NUMBER + " " + NUMBER + "\\)";

    /** 32 upper-case hexadecimal characters. */
    public static final String SKU = "[0-9A-F]{32}";

    /** A UUID in canonical lower-case form. */
    public static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";

    /** A dotted IPv4 address. */
    public static final String IPV4 = "(" + OCTET + "\\.){3}" + OCTET;

    /** The event URIs: fixed pages, a product page or a department/category/brand page. */
    public static final String EVENT_URI = "/home|/cart|/purchase|/cancel|/product/[1-9][0-9]*"
            + "|/department/(men|women)/category/[^/]+/brand/[^/]+";

    /** A simple address shape; {@code @Email} carries the full check. */
    public static final String EMAIL = "[^@ ]+@[^@ ]+";

    private Formats() {}
}
