package dev.ecommerce.core.transform.execute;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.project.Definitions.Given;
import dev.ecommerce.core.transform.project.Definitions.Model;
import dev.ecommerce.core.transform.project.Definitions.Rows;
import dev.ecommerce.core.transform.project.Definitions.UnitTest;
import dev.ecommerce.core.transform.render.RelationName;
import dev.ecommerce.core.transform.render.RenderScope;
import dev.ecommerce.core.transform.render.Renderer;
import dev.ecommerce.core.warehouse.Sql;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs a dbt unit test as dbt's {@code unit} materialization does: the model's SQL rendered with the test's
 * overrides, each {@code ref}/{@code source} (and {@code this}) replaced by a CTE of the given rows (typed like
 * the real relation when it exists), compared with the expected rows as multisets on the expected rows' columns
 * (all columns for expected SQL). Column names are compared case-insensitively, as dbt does.
 */
public final class UnitTestRunner {

    private static final Pattern REF = Pattern.compile("\\s*ref\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)\\s*");
    private static final Pattern SOURCE =
            Pattern.compile("\\s*source\\(\\s*['\"]([^'\"]+)['\"]\\s*,\\s*['\"]([^'\"]+)['\"]\\s*\\)\\s*");
    private static final String THIS = "this";
    private static final int SHOWN_DIFFERENCES = 10;

    /** The outcome: differing rows and a readable diff. */
    public record Outcome(long differences, String diff, String compiledSql) {}

    private final Database database;
    private final Renderer renderer;

    public UnitTestRunner(Database database, Renderer renderer) {
        this.database = database;
        this.renderer = renderer;
    }

    /**
     * @param realTable for an input ({@code ref:x}, {@code source:a.b} or {@code this}), the real relation's
     *     schema and name, or null when there is none (then the given values' own types count)
     */
    public Outcome run(UnitTest test, Model model, RelationName self, Function<String, String[]> realTable)
            throws SQLException {
        String where = test.file() + " (unit test " + test.name() + ")";
        Map<String, String> inputNames = new LinkedHashMap<>();
        Map<String, String> ctes = new LinkedHashMap<>();
        int i = 0;
        for (Given given : test.given()) {
            String key = inputKey(given.input(), where);
            String cte = "__dbt__input_" + (i++);
            inputNames.put(key, cte);
            String[] table = realTable.apply(key);
            Map<String, String> types = table == null ? Map.of() : lowerCase(database.columns(table[0], table[1]));
            String fixture = fixtureName(key, model);
            ctes.put(
                    cte,
                    given.rows().sql() != null
                            ? given.rows().sql()
                            : values(given.rows().dicts(), types, fixture, where + " given " + given.input()));
        }
        RenderScope scope = new RenderScope(
                        model.file(),
                        name -> input(inputNames, "ref:" + name, "ref('" + name + "')", where),
                        (s, t) -> input(inputNames, "source:" + s + "." + t, "source('" + s + "', '" + t + "')", where),
                        false,
                        () -> self)
                .overriding(test.overrides(), inputNames.get(THIS));
        String sql = Ctes.inject(renderer.render(scope, model.sql()), ctes);
        String all = Sql.identifier("__dbt_unit_all");
        String actual = Sql.identifier("__dbt_unit_actual");
        String expected = Sql.identifier("__dbt_unit_expected");
        try {
            database.execute(
                    "CREATE OR REPLACE TEMP TABLE " + all + " AS SELECT * FROM (\n" + sql + "\n) AS __dbt_model");
            Map<String, String> types = new LinkedHashMap<>();
            for (Map<String, Object> row : database.rows("DESCRIBE " + all, 10_000)) {
                types.put(lower(String.valueOf(row.get("column_name"))), String.valueOf(row.get("column_type")));
            }
            Rows expect = test.expect();
            if (expect.sql() == null && expect.dicts().isEmpty()) {
                long rows = database.count("SELECT count(*) FROM " + all);
                return new Outcome(rows, rows == 0 ? "" : rows + " rows, none expected", sql);
            }
            Expected wanted = expected(expect, types, where);
            database.execute("CREATE OR REPLACE TEMP TABLE " + actual + " AS SELECT "
                    + selection(wanted.columns(), where) + " FROM " + all);
            database.execute("CREATE OR REPLACE TEMP TABLE " + expected + " AS " + wanted.sql());
            return compare(actual, expected, sql);
        } finally {
            database.execute("DROP TABLE IF EXISTS " + all);
            database.execute("DROP TABLE IF EXISTS " + actual);
            database.execute("DROP TABLE IF EXISTS " + expected);
        }
    }

    /** The expected rows as a query, and the columns compared: the expected rows', or all for expected SQL. */
    private record Expected(List<String> columns, String sql) {}

    /** @param types the model's columns (lower case) and their types */
    private static Expected expected(Rows expect, Map<String, String> types, String where) {
        if (expect.sql() != null) {
            List<String> columns = new ArrayList<>(types.keySet());
            return new Expected(
                    columns,
                    "SELECT " + selection(columns, where) + " FROM (\n" + Ctes.strip(expect.sql())
                            + "\n) AS __dbt_expected");
        }
        List<String> columns = columnsOf(expect.dicts());
        Map<String, String> expectedTypes = new LinkedHashMap<>();
        for (String column : columns) {
            if (!types.containsKey(column)) {
                throw invalidColumn(column, "expected output", types, where + " expect");
            }
            expectedTypes.put(column, types.get(column));
        }
        return new Expected(columns, values(expect.dicts(), expectedTypes, "expected output", where + " expect"));
    }

    private Outcome compare(String actual, String expected, String sql) throws SQLException {
        String diff = "SELECT '-' AS __diff, * FROM (SELECT * FROM " + expected + " EXCEPT ALL SELECT * FROM "
                + actual + ") UNION ALL SELECT '+', * FROM (SELECT * FROM " + actual + " EXCEPT ALL SELECT * FROM "
                + expected + ")";
        long differences = database.count("SELECT count(*) FROM (" + diff + ")");
        if (differences == 0) {
            return new Outcome(0, "", sql);
        }
        StringBuilder text =
                new StringBuilder("actual differs from expected (- expected row missing, + unexpected actual row):");
        for (Map<String, Object> row : database.rows(diff + " ORDER BY 1, 2", SHOWN_DIFFERENCES)) {
            Object sign = row.remove("__diff");
            text.append("\n  ").append(sign).append(' ').append(row);
        }
        if (differences > SHOWN_DIFFERENCES) {
            text.append("\n  ... ").append(differences - SHOWN_DIFFERENCES).append(" more");
        }
        return new Outcome(differences, text.toString(), sql);
    }

    /** How dbt names an input's fixture in messages: {@code 'model'} (the input's model, seed or table name). */
    private static String fixtureName(String key, Model model) {
        if (key.equals(THIS)) {
            return "'" + model.name() + "'";
        }
        return "'" + key.substring(key.startsWith("ref:") ? 4 : key.lastIndexOf('.') + 1) + "'";
    }

    private static String input(Map<String, String> inputs, String key, String call, String where) {
        String cte = inputs.get(key);
        if (cte == null) {
            throw new ConfigurationException(where + ": the model calls " + call + " but 'given' has no input for it;"
                    + " give every ref and source the model reads.");
        }
        return cte;
    }

    /** {@code ref:x}, {@code source:a.b} or {@code this} of a given's input text. */
    public static String inputKey(String input, String where) {
        if (input.strip().equals(THIS)) {
            return THIS;
        }
        Matcher ref = REF.matcher(input);
        if (ref.matches()) {
            return "ref:" + ref.group(1);
        }
        Matcher source = SOURCE.matcher(input);
        if (source.matches()) {
            return "source:" + source.group(1) + "." + source.group(2);
        }
        throw new ConfigurationException(
                where + ": input '" + input + "' must be ref('model')," + " source('source', 'table') or this.");
    }

    /** The rows' columns in lower case, in order of appearance. */
    private static List<String> columnsOf(List<Map<String, Object>> rows) {
        List<String> columns = new ArrayList<>();
        rows.forEach(row -> row.keySet().stream()
                .map(UnitTestRunner::lower)
                .filter(c -> !columns.contains(c))
                .forEach(columns::add));
        return columns;
    }

    /**
     * A query of literal rows; with types, every column of the relation (missing values NULL) cast to its type.
     *
     * @param fixture the fixture's name in dbt's messages: {@code 'model'} or {@code expected output}
     */
    private static String values(
            List<Map<String, Object>> rows, Map<String, String> types, String fixture, String where) {
        List<String> columns = new ArrayList<>(types.keySet());
        for (String column : columnsOf(rows)) {
            if (!types.isEmpty() && !types.containsKey(column)) {
                throw invalidColumn(column, fixture, types, where);
            }
            if (!columns.contains(column)) {
                columns.add(column);
            }
        }
        if (rows.isEmpty()) {
            if (types.isEmpty()) {
                throw new ConfigurationException(where + ": with no rows, the input must be a relation that exists,"
                        + " so that its columns are known.");
            }
            return "SELECT "
                    + columns.stream()
                            .map(c -> "CAST(NULL AS " + types.get(c) + ") AS " + column(c, where))
                            .collect(Collectors.joining(", "))
                    + " WHERE false";
        }
        List<String> selects = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> values = new LinkedHashMap<>();
            row.forEach((k, v) -> values.put(lower(k), v));
            selects.add("SELECT "
                    + columns.stream()
                            .map(c -> {
                                String literal = literal(values.get(c));
                                String type = types.get(c);
                                return (type == null ? literal : "CAST(" + literal + " AS " + type + ")") + " AS "
                                        + column(c, where);
                            })
                            .collect(Collectors.joining(", ")));
        }
        return String.join("\nUNION ALL ", selects);
    }

    private static ConfigurationException invalidColumn(
            String column, String fixture, Map<String, String> types, String where) {
        return new ConfigurationException(where + ": Invalid column name: '" + column + "' in unit test fixture for "
                + fixture + ". Accepted columns for " + fixture + " are: " + List.copyOf(types.keySet()) + ".");
    }

    private static String selection(List<String> columns, String where) {
        return columns.stream().map(c -> column(c, where)).collect(Collectors.joining(", "));
    }

    private static String column(String name, String where) {
        try {
            return Sql.identifier(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(
                    where + ": column '" + name + "' must be a SQL name (letters, digits" + " and underscores).");
        }
    }

    private static Map<String, String> lowerCase(Map<String, String> columns) {
        Map<String, String> result = new LinkedHashMap<>();
        columns.forEach((name, type) -> result.put(lower(name), type));
        return result;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** A YAML value as a SQL literal: a mapping as a struct, a list as a list, text quoted. */
    static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Boolean || value instanceof Number) {
            return String.valueOf(value);
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> Sql.literal(String.valueOf(e.getKey())) + ": " + literal(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(UnitTestRunner::literal).collect(Collectors.joining(", ", "[", "]"));
        }
        return Sql.literal(String.valueOf(value));
    }
}
