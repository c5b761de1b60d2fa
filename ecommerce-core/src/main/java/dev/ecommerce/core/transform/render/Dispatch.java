package dev.ecommerce.core.transform.render;

/**
 * Makes {@code adapter.dispatch(name, namespace)(arguments)} something Jinjava can evaluate: its expression
 * language cannot call what a method returned, so the text becomes {@code __dbt_call(adapter.dispatch(name,
 * namespace), arguments)} before rendering ({@link MacroReturn#call}).
 */
final class Dispatch {

    private static final String CALL = "adapter.dispatch(";

    private Dispatch() {}

    static String rewrite(String template) {
        int at = template.indexOf(CALL);
        if (at < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 32);
        int done = 0;
        while (at >= 0) {
            int close = closing(template, at + CALL.length());
            int next = close < 0 ? -1 : skipSpaces(template, close + 1);
            if (next < 0 || next >= template.length() || template.charAt(next) != '(' || precededByName(template, at)) {
                at = template.indexOf(CALL, at + CALL.length());
                continue;
            }
            int first = skipSpaces(template, next + 1);
            boolean noArguments = first < template.length() && template.charAt(first) == ')';
            out.append(template, done, at)
                    .append("__dbt_call(")
                    .append(template, at, close + 1)
                    .append(noArguments ? "" : ", ");
            done = next + 1;
            at = template.indexOf(CALL, done);
        }
        return out.append(template, done, template.length()).toString();
    }

    /** Whether {@code adapter} at {@code at} is the end of a longer name ({@code my_adapter.dispatch(}). */
    private static boolean precededByName(String text, int at) {
        if (at == 0) {
            return false;
        }
        char c = text.charAt(at - 1);
        return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index of the parenthesis closing the one opened just before {@code from}, or -1. */
    private static int closing(String text, int from) {
        int depth = 1;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
