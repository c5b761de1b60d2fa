package dev.ecommerce.core.transform.render;

/**
 * Jinja's {@code {{ x if condition }}} (no {@code else}) prints nothing when the condition is false; Jinjava
 * evaluates it to null, which our strict rendering (unknown tokens fail) reports as an error. So an expression
 * tag whose top-level conditional has no {@code else} gets {@code else ''} before rendering, as dbt projects
 * write {@code {{ ',' if not loop.last }}}.
 */
final class InlineIf {

    private InlineIf() {}

    static String rewrite(String template) {
        if (!template.contains(" if ")) {
            return template;
        }
        StringBuilder out = null;
        int done = 0;
        int open = template.indexOf("{{");
        while (open >= 0) {
            int close = closing(template, open + 2);
            if (close < 0) {
                break;
            }
            int end = close; // before the "}}", and before a whitespace-control "-"
            if (end > open + 2 && template.charAt(end - 1) == '-') {
                end--;
            }
            if (needsElse(template, open + 2, end)) {
                out = out == null ? new StringBuilder(template.length() + 16) : out;
                int at = end;
                while (at > open + 2 && Character.isWhitespace(template.charAt(at - 1))) {
                    at--;
                }
                out.append(template, done, at).append(" else ''");
                done = at;
            }
            open = template.indexOf("{{", close + 2);
        }
        return out == null
                ? template
                : out.append(template, done, template.length()).toString();
    }

    /** Whether the expression in [from, to) has a top-level {@code if} and no top-level {@code else}. */
    private static boolean needsElse(String text, int from, int to) {
        boolean conditional = false;
        int depth = 0;
        char quote = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == '\\' ? quote : c == quote ? 0 : quote;
                if (c == '\\') {
                    i++;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 0 && word(text, i, to, "if")) {
                conditional = true;
            } else if (depth == 0 && word(text, i, to, "else")) {
                return false;
            }
        }
        return conditional;
    }

    private static boolean word(String text, int at, int to, String word) {
        int end = at + word.length();
        return end <= to
                && text.startsWith(word, at)
                && (at == 0 || !isNamePart(text.charAt(at - 1)))
                && (end == to || !isNamePart(text.charAt(end)));
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    /** The index of the {@code }}} closing an expression tag whose text starts at {@code from}, or -1. */
    private static int closing(String text, int from) {
        char quote = 0;
        for (int i = from; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '}' && text.charAt(i + 1) == '}') {
                return i;
            }
        }
        return -1;
    }
}
