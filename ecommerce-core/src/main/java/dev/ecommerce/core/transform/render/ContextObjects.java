package dev.ecommerce.core.transform.render;

import com.hubspot.jinjava.el.ext.NamedParameter;
import dev.ecommerce.core.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dbt's context objects that are no functions: {@code exceptions}, {@code api} ({@code api.Relation}),
 * {@code builtins} and {@code graph}. Jinjava calls their public methods as bean methods.
 */
final class ContextObjects {

    private ContextObjects() {}

    /** {@code exceptions.raise_compiler_error(msg)} fails the render naming the file; {@code warn} logs. */
    public static final class Exceptions {

        public Object raise_compiler_error(Object message) {
            RenderScope scope = RunTimeContext.scope();
            return DbtFunctions.guard(scope, () -> {
                throw new ConfigurationException(scope.file + ": Compilation Error: " + message);
            });
        }

        public Object raise_not_implemented(Object message) {
            return raise_compiler_error("Not implemented: " + message);
        }

        public Object warn(Object message) {
            TemplateWarnings.warn(RunTimeContext.scope().file + ": " + message);
            return "";
        }
    }

    /** {@code api.Relation}. */
    public static final class RelationApi {

        /** {@code api.Relation.create(database=, schema=, identifier=, type=)}: a relation, printed as its name. */
        public Relation create(Object... args) {
            Map<String, Object> bound = bind("api.Relation.create", args, "database", "schema", "identifier", "type");
            Object database = bound.get("database");
            Object schema = bound.get("schema");
            Object identifier = bound.get("identifier");
            Object type = bound.get("type");
            return Relation.of(
                    database == null ? null : database.toString(),
                    schema == null ? null : schema.toString(),
                    identifier == null ? null : identifier.toString(),
                    type == null ? null : type.toString());
        }

        /** {@code api.Relation.add_ephemeral_prefix(name)}: the name of an ephemeral model's CTE. */
        public String add_ephemeral_prefix(Object name) {
            return Relation.EPHEMERAL_PREFIX + name;
        }
    }

    /** {@code builtins}: dbt's own {@code ref} and {@code source}, for projects that override them. */
    public static final class Builtins {

        public Object ref(Object... args) {
            return DbtFunctions.ref(args);
        }

        public Object source(Object... args) {
            return DbtFunctions.source(args);
        }
    }

    /**
     * {@code graph}: the run's {@code nodes} and {@code sources} as in manifest.json; empty at parse time, as
     * a template should read it under {@code {% if execute %}} (reading it marks the node to render again).
     */
    public static final class Graph {

        public Object getNodes() {
            return part("nodes");
        }

        public Object getSources() {
            return part("sources");
        }

        private static Object part(String name) {
            RenderScope scope = RunTimeContext.scope();
            scope.recordRunTimeUse();
            if (!scope.isLive()) {
                return new LinkedHashMap<>();
            }
            Object part = scope.warehouse("graph").graph().get(name);
            return part == null ? new LinkedHashMap<>() : part;
        }
    }

    /**
     * Positional and keyword arguments of {@code method} bound to its parameter {@code names} (missing ones
     * null); fails naming the method for an unknown keyword or too many arguments.
     */
    static Map<String, Object> bind(String method, Object[] args, String... names) {
        Map<String, Object> bound = new LinkedHashMap<>();
        int position = 0;
        for (Object arg : args == null ? new Object[0] : args) {
            if (arg instanceof NamedParameter named) {
                if (!List.of(names).contains(named.getName())) {
                    throw new ConfigurationException(method + " has no argument '" + named.getName() + "'; it takes "
                            + String.join(", ", names) + ".");
                }
                bound.put(named.getName(), named.getValue());
            } else {
                if (position >= names.length) {
                    throw new ConfigurationException(method + " takes at most " + names.length + " arguments ("
                            + String.join(", ", names) + ").");
                }
                bound.put(names[position++], arg);
            }
        }
        return bound;
    }
}
