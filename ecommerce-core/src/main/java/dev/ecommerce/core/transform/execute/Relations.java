package dev.ecommerce.core.transform.execute;

import dev.ecommerce.core.transform.render.RelationName;
import java.sql.SQLException;

/** What the materializers share about the relation they build: its type in the database. */
final class Relations {

    static final String TABLE = "BASE TABLE";
    static final String VIEW = "VIEW";

    private Relations() {}

    /** Drops the relation when it exists as the other type (a view that becomes a table, or back). */
    static void dropIfOther(Database database, RelationName relation, String wanted) throws SQLException {
        String existing = database.relationType(relation.schema(), relation.identifier());
        if (existing != null && !existing.equals(wanted)) {
            database.execute((existing.equals(VIEW) ? "DROP VIEW " : "DROP TABLE ") + relation.sql());
        }
    }
}
