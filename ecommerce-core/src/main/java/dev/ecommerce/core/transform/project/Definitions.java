package dev.ecommerce.core.transform.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The definitions a dbt project is made of, as read from its files (before any Jinja is rendered). */
public final class Definitions {

    private Definitions() {}

    /** A SQL model: {@code models/**}{@code /<name>.sql}. */
    public record Model(String name, String file, String sql, NodeConfig config) {}

    /** A CSV seed: {@code seeds/<name>.csv}. */
    public record Seed(String name, String file, Path path, NodeConfig config) {}

    /**
     * A snapshot: a {@code {% snapshot name %}} block of a file under {@code snapshots/}, or (dbt 1.9) a
     * schema file's {@code snapshots:} entry with a {@code relation}.
     *
     * @param file the file that defines it
     * @param sql the block's SQL (Jinja not rendered), or {@code select * from {{ <relation> }}}
     * @param config its folder and schema file configs (its own {@code config()} is read when rendered)
     * @param compiledPath where dbt writes its compiled SQL under {@code target/compiled/<project>/}
     */
    public record Snapshot(String name, String file, String sql, NodeConfig config, String compiledPath) {}

    /**
     * A table of a {@code sources:} entry.
     *
     * @param externalLocation the file the table is read from instead ({@code meta.external_location},
     *     rendered, placeholders filled: a path or {@code s3://bucket/key}), or null for a relation
     */
    public record Source(
            String sourceName,
            String tableName,
            String database,
            String schema,
            String identifier,
            String file,
            String externalLocation) {

        public String key() {
            return sourceName + "." + tableName;
        }
    }

    /** Where a generic test is attached: a model, a seed, a snapshot or a source table. */
    public enum ParentKind {
        MODEL,
        SEED,
        SNAPSHOT,
        SOURCE
    }

    /**
     * A generic test from a schema file, named as dbt names it.
     *
     * @param name dbt's name (unique id, fqn), e.g. {@code not_null_orders_id}, or the entry's own {@code name}
     * @param shortName the name of its compiled file: {@code name}, or dbt's hashed name when that is long
     * @param kind the test: {@code unique}, {@code not_null}, {@code accepted_values}, {@code relationships}, or
     *     a project's own {@code {% test kind(...) %}}
     * @param parentKind what it tests
     * @param parent the model or seed name, or {@code source.table}
     * @param column the tested column, or null for a test on the whole relation
     * @param arguments the test's arguments, without {@code model} and {@code column_name}
     * @param config severity, where, thresholds, tags, enabled
     * @param configValues the configs the schema file gives (rendered), which win over the test macro's own
     *     {@code config()}
     * @param projectConfig the configs dbt_project.yml's {@code data_tests:} gives it, under all others
     * @param file the schema file
     * @param hash the end of dbt's unique id ({@code test.<project>.<name>.<hash>})
     * @param kwargs the test's keyword arguments as dbt's manifest shows them ({@code test_metadata.kwargs})
     */
    public record GenericTest(
            String name,
            String shortName,
            String kind,
            ParentKind parentKind,
            String parent,
            String column,
            Map<String, Object> arguments,
            TestConfig config,
            Map<String, Object> configValues,
            Map<String, Object> projectConfig,
            String file,
            String hash,
            Map<String, Object> kwargs) {}

    /**
     * A singular test: {@code tests/<name>.sql}, passing when it returns no rows.
     *
     * @param projectConfig the configs dbt_project.yml's {@code data_tests:} gives it (under its own
     *     {@code config()})
     */
    public record SingularTest(String name, String file, String sql, Map<String, Object> projectConfig) {}

    /**
     * A dbt unit test.
     *
     * @param given inputs: {@code ref('x')}, {@code source('a','b')} or {@code this}, with rows
     * @param expect the expected rows (of dict or CSV rows, only their columns are compared; of SQL, all columns)
     * @param overrides macros, vars and environment variables the tested model sees instead of the run's
     * @param tags the unit test's {@code config: tags}
     */
    public record UnitTest(
            String name,
            String model,
            List<Given> given,
            Rows expect,
            Overrides overrides,
            List<String> tags,
            String file) {}

    /** One input of a unit test: {@code ref('x')}, {@code source('a', 'b')} or {@code this}. */
    public record Given(String input, Rows rows) {}

    /**
     * A unit test's rows: dicts (from {@code rows:}, CSV text or a CSV fixture file), or a query
     * ({@code format: sql}, inline or from a SQL fixture file).
     *
     * @param dicts column to value; empty when {@code sql} is set
     * @param sql the query giving the rows, or null
     */
    public record Rows(List<Map<String, Object>> dicts, String sql) {

        public static Rows of(List<Map<String, Object>> dicts) {
            return new Rows(dicts, null);
        }

        public static Rows query(String sql) {
            return new Rows(List.of(), sql);
        }
    }

    /**
     * A unit test's {@code overrides:}.
     *
     * @param macros macro (or context variable) name, possibly {@code namespace.name}, to the value it returns
     * @param vars vars over the run's
     * @param envVars environment variables over the run's
     */
    public record Overrides(Map<String, Object> macros, Map<String, Object> vars, Map<String, String> envVars) {

        public static final Overrides NONE = new Overrides(Map.of(), Map.of(), Map.of());

        /** What {@code is_incremental()} returns: the boolean override, or null when there is none. */
        public Boolean incremental() {
            return macros.get("is_incremental") instanceof Boolean b ? b : null;
        }
    }
}
