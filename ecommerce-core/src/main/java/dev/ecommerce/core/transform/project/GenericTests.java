package dev.ecommerce.core.transform.project;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.project.Definitions.GenericTest;
import dev.ecommerce.core.transform.project.Definitions.ParentKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Parses a generic test entry of a schema file ({@code - unique}, {@code - accepted_values: {values: [...]}},
 * {@code - my_test: {arguments: {...}, config: {...}}}) as dbt's {@code TestBuilder} does: configs apart from
 * arguments, and dbt's names.
 */
final class GenericTests {

    /** dbt's built-in generic tests and their arguments. */
    static final Map<String, Set<String>> BUILT_IN = Map.of(
            "unique", Set.of(),
            "not_null", Set.of(),
            "accepted_values", Set.of("values", "quote"),
            "relationships", Set.of("to", "field"));

    /** Entry keys that are configs, not arguments (dbt's {@code TestBuilder.CONFIG_ARGS}). */
    private static final List<String> CONFIG_ARGS = List.of(
            "severity",
            "tags",
            "enabled",
            "where",
            "limit",
            "warn_if",
            "error_if",
            "fail_calc",
            "store_failures",
            "store_failures_as",
            "meta",
            "database",
            "schema",
            "alias");

    private GenericTests() {}

    /**
     * @param macros the names of the project's macros ({@code test_x} for {@code {% test x() %}})
     * @param render renders Jinja in config values, as dbt does at parse time
     * @param projectConfig the configs dbt_project.yml's {@code data_tests:} gives tests of this file
     */
    static GenericTest parse(
            Object entry,
            ParentKind kind,
            String parent,
            String column,
            String file,
            String where,
            Set<String> macros,
            UnaryOperator<String> render,
            Map<String, Object> projectConfig) {
        String testKind;
        Map<String, Object> args = new LinkedHashMap<>();
        if (entry instanceof String s) {
            testKind = s;
        } else {
            Map<String, Object> map = new LinkedHashMap<>(Yaml.map(entry, where + " test"));
            if (map.containsKey("test_name")) {
                testKind = String.valueOf(map.remove("test_name"));
                args.putAll(map);
            } else {
                if (map.size() != 1) {
                    throw new ConfigurationException(where + ": a test is one name, or one name with its arguments.");
                }
                testKind = map.keySet().iterator().next();
                args.putAll(Yaml.map(map.get(testKind), where + " " + testKind));
            }
        }
        where = where + " test " + testKind;
        if (!isTestKind(testKind)) {
            throw new ConfigurationException(
                    where + ": '" + testKind + "' is no test name: a generic test is" + " name or package.name.");
        }
        String namespace = null; // a package's test, as in dbt_utils.expression_is_true
        if (testKind.contains(".")) {
            namespace = testKind.substring(0, testKind.indexOf('.'));
            if (!macros.contains(testKind.replace(".", ".test_"))) {
                throw new ConfigurationException(where + ": no generic test '" + testKind + "': the project has no"
                        + " package " + namespace + " with {% test " + testKind.substring(namespace.length() + 1)
                        + "(...) %}; install the package (packages.yml, then dbt deps) or correct the name.");
            }
        }
        boolean builtIn = namespace == null && BUILT_IN.containsKey(testKind) && !overridden(testKind, macros);
        if (namespace == null && !BUILT_IN.containsKey(testKind) && !macros.contains("test_" + testKind)) {
            throw new ConfigurationException(where + ": no generic test '" + testKind + "': the built-in ones are"
                    + " unique, not_null, accepted_values and relationships; define it with {% test " + testKind
                    + "(model, column_name) %} in tests/generic/ or macros/.");
        }
        if (column != null) {
            args.put("column_name", column);
        }
        if (args.get("arguments") != null) { // dbt 1.10's form
            args.putAll(Yaml.map(args.remove("arguments"), where + " arguments"));
        }
        Map<String, Object> nested = new LinkedHashMap<>(Yaml.map(args.remove("config"), where + " config"));
        Map<String, Object> config = new LinkedHashMap<>();
        for (String key : CONFIG_ARGS) {
            Object value = args.remove(key);
            if (value != null && nested.containsKey(key)) {
                throw new ConfigurationException(where + ": '" + key + "' is given twice, at the test's top level"
                        + " and under config:. Keep one.");
            }
            if (value != null) {
                config.put(key, value);
            }
        }
        config.putAll(nested);
        args.remove("description");
        String givenName = args.containsKey("name") ? String.valueOf(args.remove("name")) : null;
        Map<String, Object> configValues = DbtProjectReader.rendered(config, render);
        TestConfig testConfig = TestConfig.DEFAULT
                .with(projectConfig, "dbt_project.yml data_tests")
                .with(configValues, where + " config");
        String testColumn = args.containsKey("column_name") ? String.valueOf(args.get("column_name")) : null;
        Map<String, Object> arguments = new LinkedHashMap<>(args);
        arguments.remove("column_name");
        if (builtIn) {
            checkBuiltIn(testKind, testColumn, arguments, where);
        }
        String testType = (namespace == null ? "" : namespace + "_")
                + (kind == ParentKind.SOURCE ? "source_" : "")
                + testKind.substring(testKind.indexOf('.') + 1);
        String target = parent.replace('.', '_');
        String fullName = TestNames.fullName(testType, target, args);
        String name = givenName != null ? givenName : fullName;
        String shortName = givenName != null ? givenName : TestNames.shortName(testType, target, fullName);
        Map<String, Object> kwargs = new LinkedHashMap<>(args);
        kwargs.put("model", "{{ get_where_subquery(" + modelString(kind, parent) + ") }}");
        String hash = TestNames.hash(name, testKind.substring(testKind.indexOf('.') + 1), namespace, kwargs);
        return new GenericTest(
                name,
                shortName,
                testKind,
                kind,
                parent,
                testColumn,
                arguments,
                testConfig,
                java.util.Collections.unmodifiableMap(configValues),
                projectConfig,
                file,
                hash,
                kwargs);
    }

    /** Whether {@code kind} is {@code name} or {@code package.name}, each a name as in {@code [A-Za-z_][A-Za-z0-9_]*}. */
    static boolean isTestKind(String kind) {
        int dot = kind.indexOf('.');
        return dot < 0 ? isName(kind, 0, kind.length()) : isName(kind, 0, dot) && isName(kind, dot + 1, kind.length());
    }

    private static boolean isName(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        if (Character.isDigit(s.charAt(from))) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!TestNames.isWordChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** True when the project defines a built-in test's macro itself, or the implementation it dispatches to. */
    static boolean overridden(String kind, Set<String> macros) {
        return macros.contains("test_" + kind)
                || macros.contains("default__test_" + kind)
                || macros.contains("duckdb__test_" + kind);
    }

    private static String modelString(ParentKind kind, String parent) {
        if (kind == ParentKind.SOURCE) {
            String[] parts = parent.split("\\.", 2);
            return "source('" + parts[0] + "', '" + parts[1] + "')";
        }
        return "ref('" + parent + "')";
    }

    private static void checkBuiltIn(String kind, String column, Map<String, Object> arguments, String where) {
        Yaml.onlyKeys(arguments, BUILT_IN.get(kind), where);
        if (column == null) {
            throw new ConfigurationException(where + ": the test '" + kind + "' needs a column: put it under"
                    + " columns:, or give column_name.");
        }
        if (kind.equals("accepted_values") && !(arguments.get("values") instanceof List<?>)) {
            throw new ConfigurationException(where + ": accepted_values needs 'values', a list.");
        }
        if (kind.equals("relationships") && (arguments.get("to") == null || arguments.get("field") == null)) {
            throw new ConfigurationException(where + ": relationships needs 'to' (e.g. ref('dim_users')) and 'field'.");
        }
    }
}
