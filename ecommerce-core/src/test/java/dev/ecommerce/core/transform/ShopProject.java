package dev.ecommerce.core.transform;

import dev.ecommerce.core.config.TransformEngineKind;
import dev.ecommerce.core.config.TransformSpec;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The fixture dbt project {@code shop} copied into a folder, with its raw table in a fresh DuckDB file. */
final class ShopProject {

    final Path dir;
    final Path database;

    private ShopProject(Path dir) {
        this.dir = dir;
        this.database = dir.resolve("shop.duckdb");
    }

    /** A copy made before, in {@code dir}. */
    static ShopProject at(Path dir) {
        return new ShopProject(dir);
    }

    /** Copies the fixture into {@code dir} and loads the raw orders (ids 1-4, all valid). */
    static ShopProject copyTo(Path dir) throws Exception {
        Path fixture = Path.of(
                        ShopProject.class.getResource("shop/dbt_project.yml").toURI())
                .getParent();
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path file : files.toList()) {
                Path target = dir.resolve(fixture.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        ShopProject project = new ShopProject(dir);
        project.sql(
                "CREATE TABLE main.raw_orders (id BIGINT, country VARCHAR, amount_cents BIGINT, status VARCHAR)",
                "INSERT INTO main.raw_orders VALUES (1, 'DE', 1050, 'paid'), (2, 'DE', 450, 'paid'),"
                        + " (3, 'FR', 100, 'paid'), (4, 'FR', 999, 'open')");
        return project;
    }

    TransformSpec spec(List<String> select, boolean fullRefresh, Map<String, Object> vars) {
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
                Map.of(),
                null,
                null);
    }

    /** The whole project on another target of profiles.yml, with an environment. */
    TransformSpec spec(String target, Map<String, String> environment) {
        return new TransformSpec(
                dir.resolve("work"),
                dir,
                null,
                target,
                Map.of(),
                List.of(),
                TransformEngineKind.EMBEDDED,
                null,
                false,
                environment,
                null,
                null);
    }

    TransformSpec spec() {
        return spec(List.of(), false, Map.of());
    }

    void write(String file, String text) {
        try {
            Files.createDirectories(dir.resolve(file).getParent());
            Files.writeString(dir.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String file) throws IOException {
        return Files.readString(dir.resolve(file));
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
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database)) {
            return rows(c, query);
        }
    }

    /** Every row of a query, as lists of column values. */
    static List<List<Object>> rows(Connection connection, String query) throws SQLException {
        try (Statement s = connection.createStatement();
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
}
