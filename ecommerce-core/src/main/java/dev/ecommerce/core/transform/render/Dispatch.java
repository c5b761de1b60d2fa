package dev.ecommerce.core.transform.render;

import java.util.List;

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
        List<String> rewritten = new java.util.ArrayList<>();
        for (String argument : split(arguments, ',')) {
            String trimmed = argument.strip();
            boolean keywords = trimmed.startsWith("**");
            String name = trimmed.substring(keywords ? 2 : trimmed.startsWith("*") ? 1 : 0);
            boolean spread = (keywords || trimmed.startsWith("*")) && name.matches("[A-Za-z_][A-Za-z0-9_.]*");
            rewritten.add(spread ? (keywords ? " __dbt_kwargs(" : " __dbt_args(") + name + ")" : argument);
        }
        return String.join(",", rewritten).strip();
    }

    /** {@code text} split at {@code separator} outside strings and brackets. */
    static List<String> split(String text, char separator) {
        List<String> parts = new java.util.ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == separator && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
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
