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
            int argumentsEnd = closing(template, next + 1);
            if (argumentsEnd < 0) {
                at = template.indexOf(CALL, at + CALL.length());
                continue;
            }
            String arguments = template.substring(next + 1, argumentsEnd);
            out.append(template, done, at)
                    .append("__dbt_call(")
                    .append(template, at, close + 1)
                    .append(arguments.isBlank() ? "" : ", ")
                    .append(splats(arguments))
                    .append(')');
            done = argumentsEnd + 1;
            at = template.indexOf(CALL, done);
        }
        return out.append(template, done, template.length()).toString();
    }

    /**
     * Python's {@code *args} and {@code **kwargs} in the call's arguments, which Jinjava cannot parse, as
     * {@code __dbt_args(args)} and {@code __dbt_kwargs(kwargs)}: {@link MacroReturn#call} spreads them.
     */
    static String splats(String arguments) {
        if (arguments.indexOf('*') < 0) {
            return arguments;
        }
        StringBuilder out = new StringBuilder(arguments.length() + 16);
        int depth = 0;
        char quote = 0;
        boolean argumentStart = true;
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == '*' && depth == 0 && argumentStart) {
                boolean keywords = i + 1 < arguments.length() && arguments.charAt(i + 1) == '*';
                int from = i + (keywords ? 2 : 1);
                int end = from;
                while (end < arguments.length()
                        && (Character.isJavaIdentifierPart(arguments.charAt(end)) || arguments.charAt(end) == '.')) {
                    end++;
                }
                out.append(keywords ? "__dbt_kwargs(" : "__dbt_args(")
                        .append(arguments, from, end)
                        .append(')');
                i = end - 1;
                argumentStart = false;
                continue;
            }
            if (!Character.isWhitespace(c)) {
                argumentStart = depth == 0 && quote == 0 && c == ',';
            }
            out.append(c);
        }
        return out.toString();
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
        return closing(text, from - 1, '(', ')');
    }

    /**
     * The index of the {@code close} bracket that closes the {@code open} one at {@code at} (strings skipped), or
     * -1; shared by the template rewrites.
     */
    static int closing(String text, int at, char open, char close) {
        int depth = 0;
        char quote = 0;
        for (int i = at; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
