package dev.ecommerce.core.transform.render;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import dev.ecommerce.core.ConfigurationException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /**
     * {@code adapter.get_relation(database, schema, identifier)}: the relation when it exists in the target's
     * database, else none (also at parse time).
     */
    public Relation get_relation(Object... args) {
        Map<String, Object> a = ContextObjects.bind("adapter.get_relation", args, "database", "schema", "identifier");
        return live(
                "adapter.get_relation",
                null,
                warehouse -> existing(
                        warehouse,
                        a.get("database"),
                        String.valueOf(a.get("schema")),
                        String.valueOf(a.get("identifier"))));
    }

    /** {@code load_relation(relation)}: the relation as it exists in the database (with its type), else none. */
    public Relation load_relation(Object relation) {
        return live("load_relation", null, warehouse -> {
            Relation r = relation(relation, "load_relation", warehouse);
            return existing(warehouse, r.getDatabase(), r.getSchema(), r.getIdentifier());
        });
    }

    private static Relation existing(Warehouse warehouse, Object database, String schema, String identifier)
            throws SQLException {
        String type = warehouse.relationType(schema, identifier);
        return type == null
                ? null
                : Relation.of(database == null ? warehouse.database() : database.toString(), schema, identifier, type);
    }

    /** {@code adapter.get_columns_in_relation(relation)}: its columns in order; empty at parse time. */
    public List<Column> get_columns_in_relation(Object relation) {
        return live("adapter.get_columns_in_relation", List.of(), warehouse -> {
            Relation r = relation(relation, "adapter.get_columns_in_relation", warehouse);
            List<Column> columns = new ArrayList<>();
            warehouse
                    .columns(r.getSchema(), r.getIdentifier())
                    .forEach((name, type) -> columns.add(new Column(name, type)));
            return columns;
        });
    }

    /** {@code adapter.create_schema(relation)}: creates the relation's schema when missing. */
    public Object create_schema(Object relation) {
        return live("adapter.create_schema", "", warehouse -> {
            warehouse.run("CREATE SCHEMA IF NOT EXISTS "
                    + quote(relation(relation, "adapter.create_schema", warehouse)
                            .getSchema()));
            return "";
        });
    }

    /** {@code adapter.drop_schema(relation)}: drops the relation's schema and everything in it. */
    public Object drop_schema(Object relation) {
        return live("adapter.drop_schema", "", warehouse -> {
            warehouse.run("DROP SCHEMA IF EXISTS "
                    + quote(relation(relation, "adapter.drop_schema", warehouse).getSchema()) + " CASCADE");
            return "";
        });
    }

    /** {@code adapter.drop_relation(relation)}: drops the table or view when it exists. */
    public Object drop_relation(Object relation) {
        return live("adapter.drop_relation", "", warehouse -> {
            Relation r = relation(relation, "adapter.drop_relation", warehouse);
            String type = warehouse.relationType(r.getSchema(), r.getIdentifier());
            if (type != null) {
                warehouse.run("DROP " + ("view".equals(type) ? "VIEW" : "TABLE") + " IF EXISTS " + quote(r.getSchema())
                        + "." + quote(r.getIdentifier()) + " CASCADE");
            }
            return "";
        });
    }

    /** {@code adapter.already_exists(schema, name)}: whether the relation exists; false at parse time. */
    public boolean already_exists(Object schema, Object name) {
        return live(
                "adapter.already_exists",
                false,
                warehouse -> warehouse.relationType(String.valueOf(schema), String.valueOf(name)) != null);
    }

    /** {@code adapter.list_relations_without_caching(schema_relation)}: the relations of its schema. */
    public List<Relation> list_relations_without_caching(Object schemaRelation) {
        return live("adapter.list_relations_without_caching", List.of(), warehouse -> {
            Relation r = relation(schemaRelation, "adapter.list_relations_without_caching", warehouse);
            List<Relation> relations = new ArrayList<>();
            for (String[] found : warehouse.relations(r.getSchema())) {
                relations.add(Relation.of(warehouse.database(), r.getSchema(), found[0], found[1]));
            }
            return relations;
        });
    }

    /** A method that needs the database: {@code parsed} at parse time (recording the use), else its result. */
    private static <T> T live(String method, T parsed, WarehouseCall<T> call) {
        RenderScope scope = RunTimeContext.scope();
        scope.recordRunTimeUse();
        if (!scope.execute()) {
            return parsed;
        }
        @SuppressWarnings("unchecked")
        T result = (T) DbtFunctions.guard(scope, () -> {
            try {
                return call.apply(scope.warehouse(method));
            } catch (SQLException e) {
                throw new ConfigurationException(scope.file + ": " + method + " failed: " + e.getMessage(), e);
            }
        });
        return result;
    }

    /**
     * The relation a method is given: a relation object, {@code this}, or text naming one as SQL does (a
     * generic test's {@code model}, {@code "schema"."name"}) or as a {@code ref()} renders before compiling.
     */
    private static Relation relation(Object value, String method, Warehouse warehouse) {
        if (value instanceof Relation relation) {
            return relation;
        }
        if (value instanceof Renderer.LazyRelation self) {
            return Relation.of(warehouse.database(), self.getSchema(), self.getIdentifier(), null);
        }
        Relation named = value == null ? null : warehouse.named(value.toString());
        if (named != null) {
            return named;
        }
        throw new ConfigurationException(method + " takes a relation (ref(...), this, api.Relation.create(...),"
                + " adapter.get_relation(...)), not '" + value + "'");
    }

    /** One use of the run's database. */
    @FunctionalInterface
    private interface WarehouseCall<T> {
        T apply(Warehouse warehouse) throws SQLException;
    }
}
