package dev.ecommerce.core.transform.execute;

import dev.ecommerce.core.transform.project.Materialization;
import dev.ecommerce.core.transform.render.RelationName;
import dev.ecommerce.core.warehouse.Sql;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * Prepares the builds of a run's seeds, models and snapshots, each with its materialization's {@link Materializer}, over
 * the run's database and files; creates each schema once, before the first relation in it.
 */
public final class Materializers {

    private final Database database;
    private final ExternalFiles files;
    private final String externalRoot;
    private final boolean fullRefresh;
    private final Set<String> schemas = new HashSet<>();

    /**
     * @param externalRoot the target's {@code external_root}, or null
     * @param fullRefresh whether incremental models are built again from scratch
     */
    public Materializers(Database database, ExternalFiles files, String externalRoot, boolean fullRefresh) {
        this.database = database;
        this.files = files;
        this.externalRoot = externalRoot;
        this.fullRefresh = fullRefresh;
    }

    /**
     * Prepares the build of {@code node}, after creating its schema when it is the first relation in it.
     *
     * @throws IllegalStateException for an ephemeral model, which is never built
     */
    public Materializer.Build prepare(Materialization materialization, BuildNode node) throws SQLException {
        createSchema(node.relation().schema());
        return of(materialization).prepare(node);
    }

    /** Creates a schema unless this run created it already (dbt creates the selected nodes' before its hooks). */
    public void createSchema(String schema) throws SQLException {
        if (schemas.add(schema)) {
            database.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.identifier(schema));
        }
    }

    /** {@link #createSchema(String)} of a relation's schema (a node rendered when it runs finds its own). */
    public void createSchema(RelationName relation) throws SQLException {
        createSchema(relation.schema());
    }

    private Materializer of(Materialization materialization) {
        return switch (materialization) {
            case TABLE -> new TableMaterializer(database);
            case VIEW -> new ViewMaterializer(database);
            case INCREMENTAL -> new IncrementalMaterializer(database, fullRefresh);
            case EXTERNAL -> new ExternalMaterializer(database, files, externalRoot);
            case SEED -> new SeedMaterializer(database);
            case SNAPSHOT -> new SnapshotMaterializer(database);
            case EPHEMERAL -> throw new IllegalStateException("An ephemeral model is inlined, never built");
        };
    }
}
