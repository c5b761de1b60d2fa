package dev.ecommerce.core.transform.execute;

import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relations of the target's database and their types, read from DuckDB once and then kept in step with
 * the statements the engine runs: a {@code CREATE [OR REPLACE] TABLE|VIEW "schema"."name"} or
 * {@code DROP TABLE|VIEW "schema"."name"} is applied; temporary relations change nothing; any other statement
 * that may change the catalogue (other DDL, a rollback, a failed DDL statement) forgets the copy, which is
 * read again when next asked. A stale answer could make an incremental model rebuild itself, so when in doubt
 * the copy is dropped.
 */
final class RelationCatalog {

    private static final String QUOTED = "\"((?:[^\"]|\"\")+)\"";
    private static final Pattern CREATE = Pattern.compile(
            "^\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?(TABLE|VIEW)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + QUOTED + "\\."
                    + QUOTED + "\\s",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DROP = Pattern.compile(
            "^\\s*DROP\\s+(TABLE|VIEW)\\s+(?:IF\\s+EXISTS\\s+)?" + QUOTED + "\\." + QUOTED + "\\s*;?\\s*$",
            Pattern.CASE_INSENSITIVE);
    /** Statements that leave the catalogue's relations as they are. */
    private static final Pattern HARMLESS = Pattern.compile(
            "^\\s*(?:SELECT|WITH|INSERT|UPDATE|DELETE|BEGIN|COMMIT|SET|PRAGMA|DESCRIBE|SHOW|EXPLAIN|CHECKPOINT|INSTALL|LOAD"
                    + "|CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:TEMP|TEMPORARY)\\s|CREATE\\s+(?:OR\\s+REPLACE\\s+)?SECRET\\s"
                    + "|CREATE\\s+SCHEMA\\s|DROP\\s+TABLE\\s+IF\\s+EXISTS\\s+\"__dbt"
                    + "|ALTER\\s+TABLE\\s+" + QUOTED + "\\." + QUOTED + "\\s+(?:ADD|DROP|ALTER)\\s+COLUMN\\s)",
            Pattern.CASE_INSENSITIVE);

    /** The relations' types by {@link #key}, or null when they are to be read again. */
    private Map<String, String> types;

    /** Reads the whole catalogue: every relation of the current database, by {@link #key}. */
    @FunctionalInterface
    interface Reader {
        Map<String, String> read() throws SQLException;
    }

    static String key(String schema, String name) {
        return schema + '\u0000' + name;
    }

    String type(String schema, String name, Reader reader) throws SQLException {
        if (types == null) {
            types = reader.read();
        }
        return types.get(key(schema, name));
    }

    /** Keeps the copy in step with a statement that ran ({@code done}) or failed. */
    void after(String sql, boolean done) {
        if (types == null) {
            return;
        }
        String body = sql.strip();
        if (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1);
        }
        if (body.contains(";")) {
            types = null; // several statements (a hook, run_query): read again rather than parse them
            return;
        }
        Matcher create = CREATE.matcher(sql);
        Matcher drop = DROP.matcher(sql);
        if (done && create.find()) {
            types.put(key(unquote(create.group(2)), unquote(create.group(3))), type(create.group(1)));
        } else if (done && drop.matches()) {
            types.remove(key(unquote(drop.group(2)), unquote(drop.group(3))));
        } else if (!done || !HARMLESS.matcher(sql).find()) {
            types = null; // a rollback, other DDL, a failed statement: read again when next asked
        }
    }

    private static String type(String keyword) {
        return keyword.equalsIgnoreCase("VIEW") ? Relations.VIEW : Relations.TABLE;
    }

    private static String unquote(String identifier) {
        return identifier.replace("\"\"", "\"");
    }
}
