package dev.ecommerce.core.contract.tablecheck;

import java.util.List;

/**
 * One check of one table, as the reports show it.
 *
 * @param check {@code freshness}, {@code volume}, {@code schema}, {@code primaryKey} or {@code foreignKey}
 * @param table the table checked
 * @param subject what of it: {@code created_at}, {@code rows}, {@code columns}, the key column, or a reference such as
 *     {@code order_items.order_id -> orders.order_id}
 * @param status {@code pass}, {@code warn} or {@code fail}
 * @param severity what the check does when it finds something: {@code warn} or {@code fail}
 * @param observed what the check found, in words
 * @param offendingRows rows that break a key or reference check (0 for the others)
 * @param examples a few offending keys, e.g. {@code 17 (2 rows)} or {@code order_items 123 -> 456}
 */
public record TableCheckResult(
        String check,
        String table,
        String subject,
        String status,
        String severity,
        String observed,
        long offendingRows,
        List<String> examples) {

    /** Status of a check that found nothing. */
    public static final String PASS = "pass";

    /** Status of a check that found something and only reports it. */
    public static final String WARN = "warn";

    /** Status of a check that found something and fails the build. */
    public static final String FAIL = "fail";

    public TableCheckResult {
        examples = List.copyOf(examples);
    }

    /** True when this check fails the build. */
    public boolean failed() {
        return FAIL.equals(status);
    }

    /** {@code primaryKey orders (order_id)}: the check, the table and its subject. */
    public String name() {
        return check + " " + table + " (" + subject + ")";
    }
}
