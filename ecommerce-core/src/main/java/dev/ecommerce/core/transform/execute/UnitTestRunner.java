package dev.ecommerce.core.transform.execute;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.project.Definitions.Given;
import dev.ecommerce.core.transform.project.Definitions.Model;
import dev.ecommerce.core.transform.project.Definitions.UnitTest;
import dev.ecommerce.core.transform.render.RelationName;
import dev.ecommerce.core.transform.render.RenderScope;
import dev.ecommerce.core.transform.render.Renderer;
import dev.ecommerce.core.warehouse.Sql;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs a dbt unit test: the model's SQL with each {@code ref}/{@code source} replaced by a CTE of the given
 * rows (typed like the real relation when it exists), compared with the expected rows as multisets, on the
 * expected rows' columns only.
 */
public final class UnitTestRunner {

    private static final Pattern REF = Pattern.compile("\\s*ref\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)\\s*");
    private static final Pattern SOURCE =
            Pattern.compile("\\s*source\\(\\s*['\"]([^'\"]+)['\"]\\s*,\\s*['\"]([^'\"]+)['\"]\\s*\\)\\s*");
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
     * @param realTable for an input ({@code ref:x} or {@code source:a.b}), the real relation's schema and name,
     *     or null when there is none (then the given values' own types count)
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
            Map<String, String> types = table == null ? Map.of() : database.columns(table[0], table[1]);
            ctes.put(cte, values(given.rows(), types, where + " given " + given.input()));
        }
        Set<String> used = new LinkedHashSet<>();
        RenderScope scope = new RenderScope(
                model.file(),
                name -> input(inputNames, used, "ref:" + name, "ref('" + name + "')", where),
                (s, t) -> input(inputNames, used, "source:" + s + "." + t, "source('" + s + "', '" + t + "')", where),
                false,
                () -> self);
        String sql = Ctes.inject(renderer.render(scope, model.sql()), ctes);
        List<String> columns = new ArrayList<>();
        test.expect()
                .forEach(row ->
                        row.keySet().stream().filter(c -> !columns.contains(c)).forEach(columns::add));
        String actual = Sql.identifier("__dbt_unit_actual");
        String expected = Sql.identifier("__dbt_unit_expected");
        String selected = columns.isEmpty()
                ? "*"
                : columns.stream().map(c -> column(c, where)).collect(Collectors.joining(", "));
        try {
            database.execute("CREATE OR REPLACE TEMP TABLE " + actual + " AS SELECT " + selected + " FROM (\n" + sql
                    + "\n) AS __dbt_model");
            if (columns.isEmpty()) {
                long rows = database.count("SELECT count(*) FROM " + actual);
                return new Outcome(rows, rows == 0 ? "" : rows + " rows, none expected", sql);
            }
            Map<String, String> types = new LinkedHashMap<>();
            for (Map<String, Object> row : database.rows("DESCRIBE " + actual, 10_000)) {
                types.put(String.valueOf(row.get("column_name")), String.valueOf(row.get("column_type")));
            }
            database.execute("CREATE OR REPLACE TEMP TABLE " + expected + " AS "
                    + values(test.expect(), types, where + " expect"));
            String diff = "SELECT '-' AS __diff, * FROM (SELECT * FROM " + expected + " EXCEPT ALL SELECT * FROM "
                    + actual + ") UNION ALL SELECT '+', * FROM (SELECT * FROM " + actual + " EXCEPT ALL SELECT * FROM "
                    + expected + ")";
            long differences = database.count("SELECT count(*) FROM (" + diff + ")");
            if (differences == 0) {
                return new Outcome(0, "", sql);
            }
            StringBuilder text = new StringBuilder(
                    "actual differs from expected (- expected row missing," + " + unexpected actual row):");
            for (Map<String, Object> row : database.rows(diff + " ORDER BY 1, 2", SHOWN_DIFFERENCES)) {
                Object sign = row.remove("__diff");
                text.append("\n  ").append(sign).append(' ').append(row);
            }
            if (differences > SHOWN_DIFFERENCES) {
                text.append("\n  ... ").append(differences - SHOWN_DIFFERENCES).append(" more");
            }
            return new Outcome(differences, text.toString(), sql);
        } finally {
            database.execute("DROP TABLE IF EXISTS " + actual);
            database.execute("DROP TABLE IF EXISTS " + expected);
        }
    }

    private static String input(Map<String, String> inputs, Set<String> used, String key, String call, String where) {
        String cte = inputs.get(key);
        if (cte == null) {
            throw new ConfigurationException(where + ": the model calls " + call + " but 'given' has no input for it;"
                    + " give every ref and source the model reads.");
        }
        used.add(key);
        return cte;
    }

    /** {@code ref:x} or {@code source:a.b} of a given's input text. */
    public static String inputKey(String input, String where) {
        Matcher ref = REF.matcher(input);
        if (ref.matches()) {
            return "ref:" + ref.group(1);
        }
        Matcher source = SOURCE.matcher(input);
        if (source.matches()) {
            return "source:" + source.group(1) + "." + source.group(2);
        }
        throw new ConfigurationException(
                where + ": input '" + input + "' must be ref('model') or" + " source('source', 'table').");
    }

    /** A query of literal rows; with types, every column of the relation (missing values NULL) cast to its type. */
    private static String values(List<Map<String, Object>> rows, Map<String, String> types, String where) {
        List<String> columns = new ArrayList<>(types.keySet());
        for (Map<String, Object> row : rows) {
            for (String column : row.keySet()) {
                if (!types.isEmpty() && !types.containsKey(column)) {
                    throw new ConfigurationException(where + ": there is no column '" + column + "' (columns: "
                            + String.join(", ", types.keySet()) + ").");
                }
                if (!columns.contains(column)) {
                    columns.add(column);
                }
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
            selects.add("SELECT "
                    + columns.stream()
                            .map(c -> {
                                String literal = literal(row.get(c));
                                String type = types.get(c);
                                return (type == null ? literal : "CAST(" + literal + " AS " + type + ")") + " AS "
                                        + column(c, where);
                            })
                            .collect(Collectors.joining(", ")));
        }
        return String.join("\nUNION ALL ", selects);
    }

    private static String column(String name, String where) {
        try {
            return Sql.identifier(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(where + ": column '" + name + "' must be a lower-case SQL name.");
        }
    }

    private static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Boolean || value instanceof Number) {
            return String.valueOf(value);
        }
        return Sql.literal(String.valueOf(value));
    }
}
