package dev.ecommerce.core.transform.project;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.transform.project.Definitions.GenericTest;
import dev.ecommerce.core.transform.project.Definitions.ParentKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses a generic test entry of a schema file ({@code - unique}, {@code - accepted_values: {values: [...]}}). */
final class GenericTests {

    private static final Map<String, Set<String>> ARGUMENTS = Map.of(
            "unique", Set.of(),
            "not_null", Set.of(),
            "accepted_values", Set.of("values", "quote"),
            "relationships", Set.of("to", "field"));

    private GenericTests() {}

    static GenericTest parse(Object entry, ParentKind kind, String parent, String column, String file, String where) {
        String testKind;
        Map<String, Object> body = new LinkedHashMap<>();
        if (entry instanceof String s) {
            testKind = s;
        } else {
            Map<String, Object> map = Yaml.map(entry, where + " test");
            if (map.size() != 1) {
                throw new ConfigurationException(where + ": a test is one name, or one name with its arguments.");
            }
            testKind = map.keySet().iterator().next();
            body.putAll(Yaml.map(map.get(testKind), where + " " + testKind));
        }
        if (!DbtProject.GENERIC_TESTS.contains(testKind)) {
            throw new ConfigurationException(where + ": the test '" + testKind + "' is not supported by the embedded"
                    + " engine (supported: unique, not_null, accepted_values, relationships; packages such as"
                    + " dbt_utils are not available). Write a singular test, or run with "
                    + Setting.TRANSFORM_ENGINE.set("dbt") + ".");
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        if (body.get("arguments") != null) { // dbt 1.10's form
            arguments.putAll(Yaml.map(body.remove("arguments"), where + " " + testKind + " arguments"));
        }
        Map<String, Object> config = new LinkedHashMap<>(Yaml.map(body.remove("config"), where + " config"));
        String name = body.containsKey("name") ? String.valueOf(body.remove("name")) : null;
        String testColumn = column;
        if (body.containsKey("column_name")) {
            testColumn = String.valueOf(body.remove("column_name"));
        }
        for (String key : List.of("severity", "where", "tags", "enabled")) {
            if (body.containsKey(key)) {
                config.put(key, body.remove(key));
            }
        }
        arguments.putAll(body);
        Yaml.onlyKeys(arguments, ARGUMENTS.get(testKind), where + " " + testKind);
        String filter = config.containsKey("where") ? String.valueOf(config.remove("where")) : null;
        NodeConfig testConfig = NodeConfig.of(config, where + " " + testKind + " config");
        if (testColumn == null) {
            throw new ConfigurationException(where + ": the test '" + testKind + "' needs a column: put it under"
                    + " columns:, or give column_name.");
        }
        if (testKind.equals("accepted_values") && !(arguments.get("values") instanceof List<?>)) {
            throw new ConfigurationException(where + ": accepted_values needs 'values', a list.");
        }
        if (testKind.equals("relationships") && (arguments.get("to") == null || arguments.get("field") == null)) {
            throw new ConfigurationException(where + ": relationships needs 'to' (e.g. ref('dim_users')) and 'field'.");
        }
        String parentName = parent.replace('.', '_');
        if (name == null) {
            name = testKind + "_" + parentName + "_" + testColumn + suffix(testKind, arguments);
        }
        return new GenericTest(name, testKind, kind, parent, testColumn, arguments, testConfig, filter, file);
    }

    /** dbt's name suffix for tests with arguments, e.g. {@code __placed__shipped}. */
    private static String suffix(String kind, Map<String, Object> arguments) {
        if (kind.equals("accepted_values")) {
            StringBuilder s = new StringBuilder();
            for (Object value : (List<?>) arguments.get("values")) {
                s.append("__").append(String.valueOf(value).replaceAll("[^A-Za-z0-9_]", "_"));
            }
            return s.toString();
        }
        if (kind.equals("relationships")) {
            String to = String.valueOf(arguments.get("to")).replaceAll("[^A-Za-z0-9_]", "_");
            return "__" + arguments.get("field") + "__" + to;
        }
        return "";
    }
}
