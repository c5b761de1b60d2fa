package dev.ecommerce.core.transform.execute;

import java.sql.SQLException;

/**
 * Builds the relation of a seed or model one way; {@link Materializers} holds one per materialization.
 * Preparing decides what runs, reading the database where that depends on it; running the build writes.
 */
public interface Materializer {

    /** What builds {@code node}: the SQL it runs, as dbt records it (compiled code), and the statements. */
    Build prepare(BuildNode node) throws SQLException;

    /**
     * A prepared build.
     *
     * @param sql the node's compiled SQL as it runs
     * @param statements what writes the relation
     */
    record Build(String sql, Statements statements) {

        /** Writes the relation; returns the rows written, or -1. */
        public long run() throws SQLException {
            return statements.run();
        }
    }

    /** The statements of a build; they return the rows written, or -1. */
    @FunctionalInterface
    interface Statements {
        long run() throws SQLException;
    }
}
