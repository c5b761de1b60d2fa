package dev.ecommerce.core.transform.render;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * What a render at run time ({@code execute} true) sees of the run: the target's live database, for
 * {@code run_query}, {@code statement} and the adapter's methods, the relations {@code ref()} names, and
 * {@code graph}. The engine implements it over its DuckDB connection, so everything a template changes goes
 * through the engine's own statements (and its catalogue of relations stays in step).
 */
public interface Warehouse {

    /** The target's database name ({@code target.database}). */
    String database();

    /** Runs one SQL text (one or more statements); the last statement's result set, or an empty table. */
    AgateTable run(String sql) throws SQLException;

    /** {@code table}, {@code view}, or null when {@code schema.identifier} does not exist. */
    String relationType(String schema, String identifier) throws SQLException;

    /** The relation's columns, in order: name to the database's type; empty when it does not exist. */
    Map<String, String> columns(String schema, String identifier) throws SQLException;

    /** Every relation of {@code schema} as {@code [identifier, type]} ({@code table} or {@code view}). */
    List<String[]> relations(String schema) throws SQLException;

    /** What {@code ref(name)} is at run time: the node's relation; null for a name that is no node. */
    Relation ref(String name);

    /**
     * The relation a text names: a {@code ref()} as rendered before compiling, or an SQL name
     * ({@code "schema"."name"}, {@code "database"."schema"."name"}); null when it names none.
     */
    Relation named(String text);

    /** dbt's {@code graph}: {@code nodes} (unique id to the node as in manifest.json) and {@code sources}. */
    Map<String, Object> graph();
}
