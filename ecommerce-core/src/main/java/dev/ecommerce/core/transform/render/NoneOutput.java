package dev.ecommerce.core.transform.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.UnknownTokenException;
import com.hubspot.jinjava.lib.expression.DefaultExpressionStrategy;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;

/**
 * {@code {{ ... }}} as dbt prints it: a call that returns none ({@code {{ dbt_utils.get_single_value(...) }}}
 * while the project is parsed, {@code {{ adapter.get_relation(...) }}} of a missing table) prints {@code None},
 * as Python does. Any other expression that is none, such as an unknown name, still fails the render: unknown
 * tokens fail, and that is what catches a typo.
 */
final class NoneOutput extends DefaultExpressionStrategy {

    private static final long serialVersionUID = 1L;

    @Override
    public RenderedOutputNode interpretOutput(ExpressionToken master, JinjavaInterpreter interpreter) {
        String expression = master.getExpr().strip();
        Object value = interpreter.resolveELExpression(master.getExpr(), master.getLineNumber());
        if (value != null) {
            return new RenderedOutputNode(interpreter.getAsString(value));
        }
        if (interpreter.getErrors().stream()
                .anyMatch(e -> e.getSeverity() == com.hubspot.jinjava.interpret.TemplateError.ErrorType.FATAL
                        && !MacroReturn.isSignal(e))) {
            return new RenderedOutputNode("None"); // the call failed: the render reports its error, not this
        }
        if ((expression.endsWith(")") && isCallOfKnownName(expression, interpreter))
                || isNoneVariable(expression, interpreter)) {
            return new RenderedOutputNode("None");
        }
        if (isAssignedElsewhere(expression, interpreter)) {
            return new RenderedOutputNode(""); // Jinja's undefined prints nothing
        }
        throw new UnknownTokenException(expression, master.getLineNumber(), master.getStartPosition());
    }

    /** Whether {@code expression} is a plain name that the render's context holds, with none as its value. */
    private static boolean isNoneVariable(String expression, JinjavaInterpreter interpreter) {
        if (expression.isEmpty() || !Character.isJavaIdentifierStart(expression.charAt(0))) {
            return false;
        }
        for (int i = 1; i < expression.length(); i++) {
            if (!Character.isJavaIdentifierPart(expression.charAt(i))) {
                return false;
            }
        }
        for (com.hubspot.jinjava.interpret.Context c = interpreter.getContext(); c != null; c = c.getParent()) {
            if (c.getScope().containsKey(expression)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code expression} calls something whose first name is known (a variable, a macro or a function):
     * {@code macro()}, {@code ns.macro()}, {@code adapter.get_relation(...)}; a typo ({@code colum_name.lower()},
     * {@code (colum_name)}) is not.
     */
    private static boolean isCallOfKnownName(String expression, JinjavaInterpreter interpreter) {
        int end = 0;
        while (end < expression.length() && Character.isJavaIdentifierPart(expression.charAt(end))) {
            end++;
        }
        if (end == 0 || end == expression.length()) {
            return false;
        }
        String root = expression.substring(0, end);
        char next = expression.charAt(end);
        if (next == '(') {
            return interpreter.getContext().getGlobalMacro(root) != null
                    || interpreter.getContext().isGlobalMacro(root)
                    || interpreter.getContext().get(root) != null
                    || interpreter.getContext().getFunction(root) != null
                    || interpreter.getContext().getFunction(":" + root) != null;
        }
        return (next == '.' || next == '[') && interpreter.getContext().get(root) != null;
    }

    private static final java.util.regex.Pattern SET_NAME =
            java.util.regex.Pattern.compile("\\{%-?\\s*set\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*[=%-]");

    /** The names a text sets with {@code {% set name = ... %}} or {@code {% set name %}...{% endset %}}. */
    static java.util.Set<String> assignedNames(String text) {
        if (!text.contains("set")) {
            return java.util.Set.of();
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        java.util.regex.Matcher found = SET_NAME.matcher(text);
        while (found.find()) {
            names.add(found.group(1));
        }
        return names;
    }

    /** Names set with {@code {% set %}} in the macro running and the template being rendered. */
    static final String ASSIGNED = "__dbt_assigned_names";

    private static boolean isAssignedElsewhere(String expression, JinjavaInterpreter interpreter) {
        if (MacroReturn.runningMacroSets(expression)) {
            return true;
        }
        for (com.hubspot.jinjava.interpret.Context c = interpreter.getContext(); c != null; c = c.getParent()) {
            if (c.getScope().get(ASSIGNED) instanceof java.util.Set<?> names && names.contains(expression)) {
                return true;
            }
        }
        return false;
    }
}
