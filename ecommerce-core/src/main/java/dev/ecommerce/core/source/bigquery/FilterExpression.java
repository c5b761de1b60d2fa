package dev.ecommerce.core.source.bigquery;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A user's extra row filter, checked before it reaches SQL. The accepted language is small on purpose:
 * the table's own column names, number and string literals, {@code TIMESTAMP '...'} and {@code DATE '...'},
 * comparisons ({@code = != <> < <= > >=}), {@code AND OR NOT IN BETWEEN LIKE IS NULL TRUE FALSE}, parentheses
 * and commas. Anything else (functions, other identifiers, quotes of other kinds, comments, semicolons) is
 * rejected with a message that says what to change. The checked filter is re-rendered token by token,
 * with every column quoted by {@link GoogleSql}.
 */
final class FilterExpression {

    private static final Set<String> KEYWORDS =
            Set.of("AND", "OR", "NOT", "IN", "BETWEEN", "LIKE", "IS", "NULL", "TRUE", "FALSE", "TIMESTAMP", "DATE");
    private static final List<String> OPERATORS = List.of("<=", ">=", "!=", "<>", "=", "<", ">", "(", ")", ",");

    private FilterExpression() {}

    /**
     * Checks and renders a filter for a table.
     *
     * @throws ConfigurationException naming the table, the offending text and what is allowed
     */
    static String render(Table table, String filter) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int i = 0;
        String text = filter.strip();
        if (text.isEmpty()) {
            throw error(table, filter, "it is empty");
        }
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < text.length()
                        && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                String word = text.substring(i, end);
                String upper = word.toUpperCase(Locale.ROOT);
                if (KEYWORDS.contains(upper)) {
                    out.add(upper);
                } else if (table.columns().stream().anyMatch(col -> col.name().equals(word))) {
                    out.add(GoogleSql.column(word));
                } else {
                    throw error(
                            table,
                            filter,
                            "'" + word + "' is neither a column of " + table.sqlName() + " nor an allowed keyword");
                }
                i = end;
            } else if (Character.isDigit(c)
                    || c == '-' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
                int end = i + 1;
                while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
                    end++;
                }
                String number = text.substring(i, end);
                if (number.chars().filter(ch -> ch == '.').count() > 1) {
                    throw error(table, filter, "'" + number + "' is not a number");
                }
                out.add(number);
                i = end;
            } else if (c == '\'') {
                StringBuilder value = new StringBuilder();
                int end = i + 1;
                while (true) {
                    if (end >= text.length()) {
                        throw error(table, filter, "a string literal is not closed");
                    }
                    char d = text.charAt(end);
                    if (d == '\'' && end + 1 < text.length() && text.charAt(end + 1) == '\'') {
                        value.append('\'');
                        end += 2;
                    } else if (d == '\'') {
                        break;
                    } else if (d == '\\' || d == '\n' || d == '\r') {
                        throw error(table, filter, "string literals may not hold backslashes or line breaks");
                    } else {
                        value.append(d);
                        end++;
                    }
                }
                out.add(GoogleSql.string(value.toString()));
                i = end + 1;
            } else {
                String operator = operatorAt(text, i);
                if (operator == null) {
                    throw error(table, filter, "'" + c + "' is not allowed");
                }
                depth += operator.equals("(") ? 1 : operator.equals(")") ? -1 : 0;
                if (depth < 0) {
                    throw error(table, filter, "a ')' has no '('");
                }
                out.add(operator);
                i += operator.length();
            }
        }
        if (depth != 0) {
            throw error(table, filter, "a '(' is not closed");
        }
        return String.join(" ", out);
    }

    private static String operatorAt(String text, int index) {
        for (String operator : OPERATORS) {
            if (text.startsWith(operator, index)) {
                return operator;
            }
        }
        return null;
    }

    private static ConfigurationException error(Table table, String filter, String why) {
        return new ConfigurationException(
                "The filter for " + table.sqlName() + " in " + Setting.FILTERS.ref() + " is not accepted: " + why
                        + ". Filters may use the table's columns, literals, comparisons, AND/OR/NOT, IN, BETWEEN, LIKE,"
                        + " IS NULL and parentheses (got: " + filter + ").");
    }
}
