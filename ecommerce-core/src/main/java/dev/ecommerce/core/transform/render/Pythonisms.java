package dev.ecommerce.core.transform.render;

import java.util.List;
import java.util.Map;

/**
 * The Python that dbt projects and packages write inside Jinja and Jinjava does not take, rewritten to what it
 * does before rendering, inside {@code {{ }}} and {@code {% %}} only and outside string literals: string methods
 * ({@code name.lower()}, {@code .upper()}, {@code .startswith(...)}, {@code .endswith(...)}, {@code .lstrip()},
 * {@code .rstrip()}, to Java's), and a trailing comma before a closing bracket ({@code f(a=1, b=2,)},
 * {@code [a, b,]}).
 */
final class Pythonisms {

    private static final Map<String, String> METHODS = Map.of(
            ".lower()", ".toLowerCase()",
            ".upper()", ".toUpperCase()",
            ".startswith(", ".startsWith(",
            ".endswith(", ".endsWith(",
            ".lstrip()", ".stripLeading()",
            ".rstrip()", ".stripTrailing()");

    private Pythonisms() {}

    static String rewrite(String template) {
        if (!mayNeed(template)) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length());
        int i = 0;
        while (i < template.length()) {
            int open = nextTag(template, i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, open + 2);
            String close = template.charAt(open + 1) == '{' ? "}}" : "%}";
            i = rewriteTag(template, open + 2, close, out);
        }
        return out.toString();
    }

    private static boolean mayNeed(String template) {
        if (template.contains(": ")
                && (template.contains("({") || template.contains(" {") || template.contains("={"))) {
            return true; // perhaps a dict literal with computed keys
        }
        for (int comma = template.indexOf(','); comma >= 0; comma = template.indexOf(',', comma + 1)) {
            int next = comma + 1;
            while (next < template.length() && Character.isWhitespace(template.charAt(next))) {
                next++;
            }
            if (next < template.length() && closes(template.charAt(next))) {
                return true;
            }
        }
        for (String python : METHODS.keySet()) {
            if (template.contains(python)) {
                return true;
            }
        }
        return false;
    }

    private static int nextTag(String text, int from) {
        int expression = text.indexOf("{{", from);
        int statement = text.indexOf("{%", from);
        if (expression < 0) {
            return statement;
        }
        return statement < 0 ? expression : Math.min(expression, statement);
    }

    /** Copies one tag's body from {@code from} to its {@code close}, rewritten; returns the index after it. */
    private static int rewriteTag(String text, int from, String close, StringBuilder out) {
        char quote = 0;
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quote != 0) {
                out.append(c);
                quote = c == quote ? 0 : quote;
                i++;
                continue;
            }
            if (text.startsWith(close, i)) {
                out.append(close);
                return i + close.length();
            }
            if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
                i++;
                continue;
            }
            if (c == '{') {
                int end = Dispatch.closing(text, i, '{', '}');
                if (end > 0) {
                    out.append(dict(text.substring(i + 1, end)));
                    i = end + 1;
                    continue;
                }
            }
            if (c == ',') {
                int next = i + 1;
                while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
                    next++;
                }
                if (next < text.length() && closes(text.charAt(next))) {
                    i = next; // a trailing comma: dropped
                    continue;
                }
            }
            if (c == '.') {
                String replaced = method(text, i);
                if (replaced != null) {
                    out.append(METHODS.get(replaced));
                    i += replaced.length();
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return i;
    }

    /**
     * A dict literal's body as Jinjava can take it: unchanged if every key is a name, a string or a number;
     * else {@code __dbt_dict(key, value, ...)}, since Jinjava's parser takes no other keys ({@code {col.column:
     * col}}, {@code {key.lower(): value}}).
     */
    static String dict(String body) {
        List<String> entries = Dispatch.split(body, ',');
        List<String> parts = new java.util.ArrayList<>();
        boolean simple = true;
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue; // a trailing comma
            }
            List<String> keyValue = Dispatch.split(entry, ':');
            if (keyValue.size() < 2) {
                return "{" + body + "}"; // not a dict literal this understands: left to Jinjava
            }
            String key = keyValue.get(0).strip();
            String value =
                    String.join(":", keyValue.subList(1, keyValue.size())).strip();
            simple &= key.matches("[A-Za-z_][A-Za-z0-9_]*|'[^']*'|\"[^\"]*\"|-?[0-9.]+");
            parts.add(rewriteExpression(key));
            parts.add(rewriteExpression(value));
        }
        if (simple) {
            StringBuilder same = new StringBuilder("{");
            for (int i = 0; i < parts.size(); i += 2) {
                same.append(i == 0 ? "" : ", ")
                        .append(parts.get(i))
                        .append(": ")
                        .append(parts.get(i + 1));
            }
            return same.append('}').toString();
        }
        return "__dbt_dict(" + String.join(", ", parts) + ")";
    }

    /** An expression's text with the rewrites of a tag's body. */
    private static String rewriteExpression(String expression) {
        StringBuilder out = new StringBuilder();
        rewriteTag(expression + "%}", 0, "%}", out);
        return out.substring(0, out.length() - 2);
    }

    private static boolean closes(char c) {
        return c == ')' || c == ']' || c == '}';
    }

    private static String method(String text, int at) {
        for (String python : METHODS.keySet()) {
            if (text.startsWith(python, at)) {
                return python;
            }
        }
        return null;
    }
}
