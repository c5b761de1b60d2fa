package dev.ecommerce.core.transform.render;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import dev.ecommerce.core.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A unit test's {@code overrides: macros:} as dbt applies them: each name, bare or {@code namespace.name},
 * becomes a macro returning the given text (a bare name also under {@code dbt.}, where dbt's own macros are
 * found) and, for names used as variables ({@code invocation_id}), a variable holding it.
 * {@code is_incremental} is left to {@link RenderScope#overriding}.
 */
final class MacroOverrides {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String DBT = "dbt";

    private MacroOverrides() {}

    /** Defines the overrides in the interpreter's context, before the model is rendered there. */
    static void define(String file, Map<String, Object> macros, JinjavaInterpreter interpreter) {
        Context context = interpreter.getContext();
        int i = 0;
        for (Map.Entry<String, Object> override : macros.entrySet()) {
            if (override.getKey().equals("is_incremental")) {
                continue;
            }
            String[] parts = override.getKey().split("\\.", -1);
            if (parts.length > 2
                    || !NAME.matcher(parts[parts.length - 1]).matches()
                    || !NAME.matcher(parts[0]).matches()) {
                throw new ConfigurationException(file + ": the macro override '" + override.getKey()
                        + "' must be a macro name or namespace.name, e.g. type_int or dbt.type_int.");
            }
            String name = parts[parts.length - 1];
            String macro = parts.length == 1 ? name : "__dbt_override_" + (i++);
            interpreter.render(
                    "{% macro " + macro + "() %}{% raw %}" + text(override.getValue()) + "{% endraw %}{% endmacro %}");
            MacroFunction function = context.getGlobalMacro(macro);
            if (parts.length == 1) {
                context.put(name, override.getValue());
                namespace(context, DBT).putIfAbsent(name, function);
            } else {
                namespace(context, parts[0]).put(name, function);
            }
        }
    }

    /** The namespace's members, copied into this context so that the run's stay untouched. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> namespace(Context context, String name) {
        Object existing = context.getScope().get(name);
        if (existing instanceof LinkedHashMap<?, ?> own && context.getScope().containsKey(name)) {
            return (Map<String, Object>) own;
        }
        Map<String, Object> members = new LinkedHashMap<>();
        if (context.get(name) instanceof Map<?, ?> inherited) {
            inherited.forEach((k, v) -> members.put(String.valueOf(k), v));
        }
        context.put(name, members);
        return members;
    }

    /** The text a value renders as, as dbt (Python) prints it. */
    private static String text(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(value);
    }
}
