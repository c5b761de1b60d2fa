package dev.ecommerce.core.transform.render;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import dev.ecommerce.core.ConfigurationException;
import java.util.ArrayList;
import java.util.List;

/**
 * dbt's {@code adapter} object in the render context: one public method per adapter method a template may
 * call ({@code adapter.dispatch(...)}, {@code adapter.quote(...)}, ...). Jinjava calls them as bean methods.
 */
public final class Adapter {

    private final MacroNamespaces macros;

    Adapter(MacroNamespaces macros) {
        this.macros = macros;
    }

    /** {@code adapter.quote(identifier)}: the identifier in DuckDB's double quotes. */
    public String quote(Object identifier) {
        return '"' + String.valueOf(identifier).replace("\"", "\"\"") + '"';
    }

    /**
     * {@code adapter.dispatch(macro_name, macro_namespace=None)}: the macro to call, by dbt's search order. The
     * call that usually follows, {@code adapter.dispatch(...)(args)}, is made by {@link Dispatch#rewrite}.
     */
    public Object dispatch(Object... args) {
        List<Object> positional = new ArrayList<>();
        String namespace = null;
        for (Object arg : args == null ? new Object[0] : args) {
            if (arg instanceof NamedParameter named) {
                switch (named.getName()) {
                    case "macro_name" -> positional.add(0, named.getValue());
                    case "macro_namespace" ->
                        namespace = named.getValue() == null
                                ? null
                                : named.getValue().toString();
                    case "packages" ->
                        throw new ConfigurationException("adapter.dispatch's packages argument is"
                                + " deprecated in dbt and not supported: use macro_namespace and the project's dispatch"
                                + " config.");
                    default ->
                        throw new ConfigurationException("adapter.dispatch has no argument '" + named.getName() + "'");
                }
            } else {
                positional.add(arg);
            }
        }
        if (positional.isEmpty() || positional.size() > 2) {
            throw new ConfigurationException("adapter.dispatch takes a macro name and a macro namespace, e.g."
                    + " adapter.dispatch('dateadd', 'dbt')");
        }
        if (positional.size() == 2 && positional.get(1) != null) {
            namespace = positional.get(1).toString();
        }
        return macros.dispatch(
                String.valueOf(positional.get(0)),
                namespace,
                JinjavaInterpreter.getCurrent().getContext());
    }
}
