package dev.ecommerce.core.transform.render;

import java.util.regex.Pattern;

/**
 * Jinja's whitespace control on expressions, {@code {{- x }}} and {@code {{ x -}}}, which Jinjava does not
 * apply (it does on tags): the whitespace before {@code {{-} and after {@code -}}} is removed from the text
 * before rendering, which is what Jinja's lexer does.
 */
final class WhitespaceControl {

    private static final Pattern BEFORE = Pattern.compile("\\s+\\{\\{-");
    private static final Pattern AFTER = Pattern.compile("-}}\\s+");

    private WhitespaceControl() {}

    static String rewrite(String template) {
        if (!template.contains("{{-") && !template.contains("-}}")) {
            return template;
        }
        String stripped = BEFORE.matcher(template).replaceAll("{{-");
        return AFTER.matcher(stripped).replaceAll("-}}");
    }
}
