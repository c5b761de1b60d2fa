package dev.ecommerce.core.transform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.config.TransformEngineKind;
import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.transform.NodeResult;
import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformEngine;
import dev.ecommerce.core.transform.TransformResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dbt project written file by file into a folder, as the cases of dbt's adapter test suite
 * ({@code dbt-tests-adapter}) declare theirs: project {@code test}, profile target {@code default} on the
 * DuckDB file {@code test.duckdb}, schema {@code test_schema}. Runs the embedded engine directly (a failing
 * node is a result here, not an exception) and offers the suite's checks: relation equality, row counts,
 * statuses per node.
 */
final class DbtTestProject {

    static final String SCHEMA = "test_schema";

    final Path dir;
    final Path database;
    private final List<String> log = new ArrayList<>();
    private String projectExtra = "";

    DbtTestProject(Path dir) {
        this.dir = dir;
        this.database = dir.resolve("test.duckdb");
        file("profiles.yml", """
                test:
                  target: default
                  outputs:
                    default:
                      type: duckdb
                      path: test.duckdb
                      schema: test_schema
                      threads: 1
                """);
        writeProject();
    }

    /** Adds YAML to dbt_project.yml (what the suite's {@code project_config_update} fixture does). */
    DbtTestProject project(String yaml) {
        projectExtra = projectExtra + yaml.stripIndent() + "\n";
        writeProject();
        return this;
    }

    private void writeProject() {
        file("dbt_project.yml", "name: test\nprofile: test\nconfig-version: 2\n" + projectExtra);
    }

    /** Writes (or overwrites) a project file, e.g. {@code models/base.sql}. */
    DbtTestProject file(String path, String text) {
        try {
            Files.createDirectories(dir.resolve(path).getParent());
            Files.writeString(dir.resolve(path), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Copies the test package {@code src/test/resources/dbt-packages/<name>/} to {@code folder} of the project
     * (what {@code dbt deps} does for {@code dbt_packages/<name>}).
     */
    DbtTestProject copyPackage(String name, String folder) {
        try {
            Path from = Path.of(
                    DbtTestProject.class.getResource("/dbt-packages/" + name).toURI());
            try (java.util.stream.Stream<Path> files = Files.walk(from)) {
                for (Path source : files.filter(Files::isRegularFile).toList()) {
                    file(
                            folder + "/" + from.relativize(source).toString().replace('\\', '/'),
                            Files.readString(source));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    void delete(String path) throws IOException {
        Files.delete(dir.resolve(path));
    }

    String read(String path) throws IOException {
        return Files.readString(dir.resolve(path));
    }

    TransformSpec spec(List<String> select, boolean fullRefresh, Map<String, Object> vars) {
        return spec(select, fullRefresh, vars, Map.of(), List.of(), null);
    }

    /** {@code dbt build}, every node. */
    TransformResult build() {
        return run(spec(List.of(), false, Map.of()));
    }

    /** {@code dbt build --select ...}. */
    TransformResult build(String... select) {
        return run(spec(List.of(select), false, Map.of()));
    }

    /** {@code dbt build --select ... --exclude ... [--state state]}; {@code state} may be null. */
    TransformResult build(List<String> select, List<String> exclude, Path state) {
        return run(spec(select, false, Map.of(), Map.of(), exclude, state));
    }

    private TransformSpec spec(
            List<String> select,
            boolean fullRefresh,
            Map<String, Object> vars,
            Map<String, String> environment,
            List<String> exclude,
            Path state) {
        return new TransformSpec(
                dir.resolve("work"),
                dir,
                dir,
                null,
                vars,
                select,
                TransformEngineKind.EMBEDDED,
                null,
                fullRefresh,
                environment,
                null,
                null,
                exclude,
                state);
    }

    /** The suite's {@code copy_state}: {@code target/manifest.json} copied to {@code state/}; returns that folder. */
    Path copyState() throws IOException {
        Path state = dir.resolve("state");
        Files.createDirectories(state);
        Files.copy(
                dir.resolve("target/manifest.json"),
                state.resolve("manifest.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return state;
    }

    /** {@code dbt build} with vars and an environment ({@code env_var}). */
    TransformResult build(Map<String, Object> vars, Map<String, String> environment) {
        return run(spec(List.of(), false, vars, environment, List.of(), null));
    }

    TransformResult run(TransformSpec spec) {
        return TransformEngine.of(spec).run(spec, log::add);
    }

    List<String> log() {
        return log;
    }

    /** Unique id to status, in run order. */
    static Map<String, Status> statuses(TransformResult result) {
        Map<String, Status> statuses = new LinkedHashMap<>();
        result.nodes().forEach(n -> statuses.put(n.uniqueId(), n.status()));
        return statuses;
    }

    /** A test's unique id without dbt's hash suffix ({@code test.p.name.0123456789} is {@code test.p.name}). */
    static String withoutHash(String uniqueId) {
        return uniqueId.replaceFirst("^(test\\..+)\\.[0-9a-f]{10}$", "$1");
    }

    /** {@link #statuses}, with test ids {@link #withoutHash without their hash}. */
    static Map<String, Status> statusesByName(TransformResult result) {
        Map<String, Status> statuses = new LinkedHashMap<>();
        result.nodes().forEach(n -> statuses.put(withoutHash(n.uniqueId()), n.status()));
        return statuses;
    }

    /** How many results of each kind ({@code model}, {@code seed}, {@code test}, ...) have that status. */
    static long count(TransformResult result, String idPrefix, Status status) {
        return result.nodes().stream()
                .filter(n -> n.uniqueId().startsWith(idPrefix + ".") && n.status() == status)
                .count();
    }

    static NodeResult node(TransformResult result, String uniqueId) {
        return result.nodes().stream()
                .filter(n -> n.uniqueId().equals(uniqueId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + uniqueId + " in "
                        + result.nodes().stream().map(NodeResult::uniqueId).toList()));
    }

    void sql(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database);
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    List<List<Object>> rows(String query) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    long rowCount(String relation) throws SQLException {
        return ((Number) rows("SELECT count(*) FROM " + qualified(relation))
                        .get(0)
                        .get(0))
                .longValue();
    }

    /** The relation's type in the catalogue ({@code BASE TABLE}, {@code VIEW}), or null when it does not exist. */
    String relationType(String relation) throws SQLException {
        String[] parts = split(relation);
        List<List<Object>> rows = rows("SELECT table_type FROM information_schema.tables WHERE table_schema = '"
                + parts[0] + "' AND table_name = '" + parts[1] + "'");
        return rows.isEmpty() ? null : String.valueOf(rows.get(0).get(0));
    }

    /** dbt's {@code check_relations_equal}: same rows as multisets (EXCEPT ALL both ways is empty). */
    void assertRelationsEqual(String first, String second) throws SQLException {
        String a = qualified(first);
        String b = qualified(second);
        assertThat(rowCount(first)).as("rows of %s and %s", first, second).isEqualTo(rowCount(second));
        assertThat(rows("(SELECT * FROM " + a + " EXCEPT ALL SELECT * FROM " + b + ") UNION ALL (SELECT * FROM " + b
                        + " EXCEPT ALL SELECT * FROM " + a + ")"))
                .as("rows in only one of %s and %s", first, second)
                .isEmpty();
    }

    /** {@code name} in the test schema, or {@code schema.name} as given. */
    private static String qualified(String relation) {
        String[] parts = split(relation);
        return "\"" + parts[0] + "\".\"" + parts[1] + "\"";
    }

    private static String[] split(String relation) {
        return relation.contains(".") ? relation.split("\\.", 2) : new String[] {SCHEMA, relation};
    }
}
