package dev.ecommerce.core.transform.graph;

import dev.ecommerce.core.ConfigurationException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One selection criterion as dbt parses it ({@code selector_spec.py}): {@code @}, {@code n+} before,
 * {@code method.arguments:value}, {@code +n} after. Without a method, a value with a {@code /} is a path, one
 * ending in {@code .sql}, {@code .py} or {@code .csv} a file, anything else a fully qualified name.
 *
 * @param raw the criterion as written
 * @param childrensParents {@code @}: its descendants and their ancestors too
 * @param parentsDepth how many generations of ancestors ({@code +} before), {@link Integer#MAX_VALUE} for all,
 *     0 for none
 * @param method {@code fqn}, {@code tag}, {@code config}, ...
 * @param arguments the method's arguments ({@code materialized} in {@code config.materialized})
 * @param childrenDepth how many generations of descendants ({@code +} after), as {@code parentsDepth}
 */
record Criterion(
        String raw,
        boolean childrensParents,
        int parentsDepth,
        String method,
        List<String> arguments,
        String value,
        int childrenDepth) {

    private static final Pattern RAW = Pattern.compile("\\A(?<at>@)?(?<parents>(?<pd>\\d*)\\+)?"
            + "((?<method>[\\w.]+):)?(?<value>.*?)(?<children>\\+(?<cd>\\d*))?\\z");

    Criterion {
        arguments = List.copyOf(arguments);
    }

    /** @param where the setting that holds it, for messages */
    static Criterion parse(String raw, String where) {
        Matcher m = RAW.matcher(raw);
        if (!m.matches() || m.group("value").isEmpty()) {
            throw new ConfigurationException(
                    "The selector '" + raw + "' is not a dbt node selector: change " + where + ".");
        }
        if (m.group("at") != null && m.group("parents") != null) {
            throw new ConfigurationException("The selector '" + raw + "' combines '@' with '+' on the left, which"
                    + " dbt does not allow: change " + where + ".");
        }
        String value = m.group("value");
        String method;
        List<String> arguments = List.of();
        if (m.group("method") == null) {
            String lower = value.toLowerCase(java.util.Locale.ROOT);
            method = value.contains("/") || value.contains("\\")
                    ? "path"
                    : lower.endsWith(".sql") || lower.endsWith(".py") || lower.endsWith(".csv") ? "file" : "fqn";
        } else {
            String[] parts = m.group("method").split("\\.");
            method = parts[0];
            arguments = List.of(parts).subList(1, parts.length);
        }
        return new Criterion(
                raw,
                m.group("at") != null,
                depth(m.group("parents"), m.group("pd")),
                method,
                arguments,
                value,
                depth(m.group("children"), m.group("cd")));
    }

    private static int depth(String operator, String digits) {
        if (operator == null) {
            return 0;
        }
        return digits.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }
}
