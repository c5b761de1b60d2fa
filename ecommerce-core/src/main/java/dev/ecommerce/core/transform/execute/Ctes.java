package dev.ecommerce.core.transform.execute;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Puts common table expressions in front of a query, as dbt does for ephemeral models and unit test inputs. */
public final class Ctes {

    private static final Pattern LEADING_WITH = Pattern.compile("(?is)^\\s*with\\s+(?!recursive\\b)");
    private static final Pattern LEADING_SELECT = Pattern.compile("(?is)^\\s*(select|from)\\b");

    private Ctes() {}

    /**
     * A query's text without trailing semicolons and blanks (regex {@code \s}: space, tab, newline, vertical tab,
     * form feed, carriage return); a loop from the end: a regex anchored at the end tries every blank before it.
     */
    public static String strip(String sql) {
        int end = sql.length();
        while (end > 0) {
            char c = sql.charAt(end - 1);
            if (c != ';' && c != ' ' && c != '\t' && c != '\n' && c != '\u000B' && c != '\f' && c != '\r') {
                break;
            }
            end--;
        }
        return end == sql.length() ? sql : sql.substring(0, end);
    }

    /** {@code sql} with the CTEs (name to query, in dependency order) in front. */
    public static String inject(String sql, Map<String, String> ctes) {
        String body = strip(sql);
        if (ctes.isEmpty()) {
            return body;
        }
        String definitions = ctes.entrySet().stream()
                .map(e -> e.getKey() + " as (\n" + strip(e.getValue()) + "\n)")
                .collect(Collectors.joining(",\n"));
        Matcher with = LEADING_WITH.matcher(body);
        if (with.find()) {
            return "with " + definitions + ",\n" + body.substring(with.end());
        }
        if (LEADING_SELECT.matcher(body).find()) {
            return "with " + definitions + "\n" + body;
        }
        return "with " + definitions + "\nselect * from (\n" + body + "\n) as __dbt_wrapped";
    }
}
