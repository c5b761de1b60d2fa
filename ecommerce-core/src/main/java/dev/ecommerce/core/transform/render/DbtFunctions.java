package dev.ecommerce.core.transform.render;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.transform.project.Definitions.Overrides;
import dev.ecommerce.core.transform.project.NodeConfig;
import dev.ecommerce.core.transform.project.TestConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dbt's Jinja functions, registered with Jinjava as EL functions. Jinjava calls static methods, so each one
 * finds the current render's {@link RenderScope} and the run's {@link Globals} in the interpreter's context.
 * Keyword arguments arrive as {@link NamedParameter}s.
 */
public final class DbtFunctions {

    static final String SCOPE = "__dbt_scope";
    static final String GLOBALS = "__dbt_globals";

    private DbtFunctions() {}

    /** The values every render shares: vars and the environment. */
    record Globals(Map<String, Object> vars, Map<String, String> environment) {

        /** These globals with a unit test's var and environment variable overrides on top. */
        Globals over(Overrides overrides) {
            Map<String, Object> allVars = new LinkedHashMap<>(vars);
            allVars.putAll(overrides.vars());
            Map<String, String> allEnvironment = new LinkedHashMap<>(environment);
            allEnvironment.putAll(overrides.envVars());
            return new Globals(allVars, allEnvironment);
        }
    }

    public static Object ref(Object... args) {
        RenderScope scope = scope();
        Arguments a = Arguments.of(args);
        return guard(scope, () -> {
            if (a.positional.isEmpty() || a.positional.size() > 2 || !a.named.isEmpty()) {
                throw new ConfigurationException(scope.file + ": ref() takes a model name, or a package and a model"
                        + " name (versions are not supported by the embedded engine).");
            }
            String name = String.valueOf(a.positional.get(a.positional.size() - 1));
            if (a.positional.size() == 2 && packages() != null) {
                packages().checkRef(scope.file, String.valueOf(a.positional.get(0)), name);
            }
            scope.recordRef(name);
            String mark = scope.refs.apply(name);
            Relation relation = scope.isLive() ? scope.warehouse("ref").ref(name) : null;
            if (relation == null) { // at parse time, dbt's guess: the target's schema, the model's name
                Context context = JinjavaInterpreter.getCurrent().getContext();
                return Relation.of(
                        (String) string(context.get("database")),
                        (String) string(context.get("schema")),
                        name,
                        null,
                        mark);
            }
            return relation.shownAs(mark); // prints as the mark, compiled to the relation's name
        });
    }

    public static Object source(Object... args) {
        RenderScope scope = scope();
        Arguments a = Arguments.of(args);
        return guard(scope, () -> {
            if (a.positional.size() != 2) {
                throw new ConfigurationException(scope.file + ": source() takes a source name and a table name.");
            }
            String source = String.valueOf(a.positional.get(0));
            String table = String.valueOf(a.positional.get(1));
            scope.recordSource(source + "." + table);
            return scope.sources.apply(source, table);
        });
    }

    public static Object config(Object... args) {
        RenderScope scope = scope();
        Arguments a = Arguments.of(args);
        return guard(scope, () -> {
            Map<String, Object> values = new LinkedHashMap<>(a.named);
            for (Object positional : a.positional) {
                if (!(positional instanceof Map<?, ?> map)) {
                    throw new ConfigurationException(
                            scope.file + ": config() takes keyword arguments, e.g." + " config(materialized='table').");
                }
                map.forEach((k, v) -> values.put(String.valueOf(k), v));
            }
            if (scope.isDataTest()) { // fails here, so the message gets the line
                TestConfig.DEFAULT.with(values, scope.file);
            } else {
                NodeConfig.of(values, scope.file);
            }
            scope.recordConfig(values);
            return "";
        });
    }

    public static Object var(Object... args) {
        RenderScope scope = scope();
        Globals globals = globals();
        Arguments a = Arguments.of(args);
        return guard(scope, () -> {
            if (a.positional.isEmpty()) {
                throw new ConfigurationException(scope.file + ": var() needs the variable's name.");
            }
            String name = String.valueOf(a.positional.get(0));
            Map<String, Object> vars = packages() == null
                    ? globals.vars()
                    : packages().vars(scope.file, globals.vars(), scope.overrides.vars());
            if (vars.containsKey(name)) {
                return vars.get(name);
            }
            if (a.positional.size() > 1) {
                return a.positional.get(1);
            }
            if (a.named.containsKey("default")) {
                return a.named.get("default");
            }
            throw new ConfigurationException(scope.file + ": required var '" + name + "' is not set: give it in"
                    + " dbt_project.yml vars, or with " + Setting.TRANSFORM_VARS.ref() + ", or give var() a default.");
        });
    }

    public static Object env_var(Object... args) {
        RenderScope scope = scope();
        Globals globals = globals();
        Arguments a = Arguments.of(args);
        return guard(scope, () -> {
            if (a.positional.isEmpty()) {
                throw new ConfigurationException(scope.file + ": env_var() needs the variable's name.");
            }
            String name = String.valueOf(a.positional.get(0));
            scope.recordEnvironment(name);
            String value = globals.environment().get(name);
            if (value != null) {
                return value;
            }
            if (a.positional.size() > 1) {
                return a.positional.get(1);
            }
            if (a.named.containsKey("default")) {
                return a.named.get("default");
            }
            throw new ConfigurationException(scope.file + ": the environment variable " + name
                    + " is required (env_var without a default) but not set: set it, or add it to .env.");
        });
    }

    public static boolean is_incremental() {
        return scope().incremental;
    }

    /** dbt's {@code log()}: the message goes to the debug log, the template gets nothing. */
    public static Object log(Object... args) {
        org.slf4j.LoggerFactory.getLogger(DbtFunctions.class)
                .debug("{}", args.length == 0 ? "" : String.valueOf(args[0]));
        return "";
    }

    private static Object string(Object value) {
        return value == null ? null : value.toString();
    }

    private static RenderScope scope() {
        return (RenderScope) JinjavaInterpreter.getCurrent().getContext().get(SCOPE);
    }

    private static Globals globals() {
        return (Globals) JinjavaInterpreter.getCurrent().getContext().get(GLOBALS);
    }

    /** The run's {@link PackageScopes}, or null before they are set (e.g. while dbt_project.yml is read). */
    private static PackageScopes packages() {
        return (PackageScopes) JinjavaInterpreter.getCurrent().getContext().get(PackageScopes.KEY);
    }

    static Object guard(RenderScope scope, java.util.function.Supplier<Object> call) {
        try {
            return call.get();
        } catch (EcommerceException e) {
            scope.fail(e);
            throw e;
        } catch (IllegalStateException e) {
            ConfigurationException wrapped = new ConfigurationException(e.getMessage(), e);
            scope.fail(wrapped);
            throw wrapped;
        }
    }

    /** Positional and keyword arguments of one call. */
    private record Arguments(List<Object> positional, Map<String, Object> named) {

        static Arguments of(Object[] args) {
            List<Object> positional = new ArrayList<>();
            Map<String, Object> named = new LinkedHashMap<>();
            if (args != null) {
                for (Object arg : args) {
                    if (arg instanceof NamedParameter p) {
                        named.put(p.getName(), p.getValue());
                    } else {
                        positional.add(arg);
                    }
                }
            }
            return new Arguments(positional, named);
        }
    }
}
