package dev.ecommerce.core.transform.project;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.transform.project.Definitions.Given;
import dev.ecommerce.core.transform.project.Definitions.Model;
import dev.ecommerce.core.transform.project.Definitions.Overrides;
import dev.ecommerce.core.transform.project.Definitions.Rows;
import dev.ecommerce.core.transform.project.Definitions.Seed;
import dev.ecommerce.core.transform.project.Definitions.UnitTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the {@code unit_tests:} entries of schema files as dbt's unit test parser does, once the models,
 * seeds and fixture files ({@code <test-path>/fixtures/**.csv|sql}) are known: rows as dicts, CSV or SQL,
 * inline or from a fixture file, a seed's own rows when an input of a seed has none, {@code overrides},
 * {@code config} (tags, enabled, meta), and dbt's parse-time checks of incremental models.
 */
final class UnitTests {

    private static final Set<String> GIVEN_KEYS = Set.of("input", "rows", "format", "fixture");
    private static final Set<String> EXPECT_KEYS = Set.of("rows", "format", "fixture");
    private static final Set<String> OVERRIDE_KEYS = Set.of("macros", "vars", "env_vars");
    private static final Set<String> CONFIG_KEYS = Set.of("tags", "enabled", "meta");
    private static final Pattern SEED_REF = Pattern.compile("\\s*ref\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)\\s*");
    private static final Pattern CALLS_IS_INCREMENTAL = Pattern.compile("\\bis_incremental\\s*\\(");

    /** A fixture file: its project-relative path and text. */
    record Fixture(String file, String text) {}

    private final Map<String, Model> models = new LinkedHashMap<>();
    private final Map<String, Seed> seeds = new LinkedHashMap<>();
    private final Map<String, Fixture> fixtures;

    UnitTests(List<Model> models, List<Seed> seeds, Map<String, Fixture> fixtures) {
        models.forEach(m -> this.models.put(m.name(), m));
        seeds.forEach(s -> this.seeds.put(s.name(), s));
        this.fixtures = fixtures;
    }

    /** The fixture files under each test path's {@code fixtures} folder, by name (the file name's stem). */
    static Map<String, Fixture> fixtures(Path root, List<String> testPaths, Function<Path, String> relative) {
        Map<String, Fixture> result = new LinkedHashMap<>();
        for (String dir : testPaths) {
            Path base = root.resolve(dir).resolve("fixtures");
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(base)) {
                for (Path file : walk.sorted().toList()) {
                    String fileName = file.getFileName().toString();
                    if (!Files.isRegularFile(file) || !(fileName.endsWith(".csv") || fileName.endsWith(".sql"))) {
                        continue;
                    }
                    String name = fileName.substring(0, fileName.lastIndexOf('.'));
                    Fixture previous = result.put(name, new Fixture(relative.apply(file), Files.readString(file)));
                    if (previous != null) {
                        throw new ConfigurationException("Two unit test fixtures are named " + name + ": "
                                + previous.file() + " and " + relative.apply(file) + ". Rename one.");
                    }
                }
            } catch (IOException e) {
                throw new InfrastructureException("Cannot read the fixtures in " + base, e);
            }
        }
        return result;
    }

    /** One {@code unit_tests:} entry of {@code file}; null when it is disabled ({@code enabled: false}). */
    UnitTest parse(Map<String, Object> raw, String file) {
        String name = Yaml.string(raw, "name", file + " unit_tests entry");
        String where = file + " (unit test " + name + ")";
        if (raw.containsKey("versions")) {
            throw new ConfigurationException(where + ": 'versions' is not supported by the embedded engine, which"
                    + " has no versioned models. Remove it.");
        }
        Map<String, Object> config = Yaml.map(raw.get("config"), where + " config");
        Yaml.onlyKeys(config, CONFIG_KEYS, where + " config");
        if (Boolean.FALSE.equals(config.get("enabled")) || "false".equals(String.valueOf(config.get("enabled")))) {
            return null;
        }
        String modelName = Yaml.string(raw, "model", where);
        Model model = models.get(modelName);
        if (model == null) {
            throw new ConfigurationException(where + ": there is no model " + modelName + " to test.");
        }
        List<Given> given = new ArrayList<>();
        for (Object item : Yaml.list(raw.get("given"), where + " given")) {
            Map<String, Object> input = Yaml.map(item, where + " given");
            Yaml.onlyKeys(input, GIVEN_KEYS, where + " given");
            String inputText = Yaml.string(input, "input", where + " given");
            given.add(new Given(inputText, rows(input, inputText, where + " given " + inputText)));
        }
        Map<String, Object> expect = Yaml.map(raw.get("expect"), where + " expect");
        Yaml.onlyKeys(expect, EXPECT_KEYS, where + " expect");
        Overrides overrides = overrides(Yaml.map(raw.get("overrides"), where + " overrides"), where);
        checkIncremental(model, given, overrides, name, where);
        return new UnitTest(
                name,
                modelName,
                List.copyOf(given),
                rows(expect, null, where + " expect"),
                overrides,
                Yaml.strings(config.get("tags"), where + " config tags"),
                file);
    }

    /** dbt's checks: an incremental model's unit test sets {@code is_incremental}, and gives {@code this} if true. */
    private static void checkIncremental(
            Model model, List<Given> given, Overrides overrides, String name, String where) {
        if (!CALLS_IS_INCREMENTAL.matcher(model.sql()).find()) {
            return;
        }
        if (overrides.incremental() == null) {
            throw new ConfigurationException(where + ": Boolean override for 'is_incremental' must be provided for"
                    + " unit test '" + name + "' in model '" + model.name() + "': add overrides: macros:"
                    + " is_incremental: true (or false).");
        }
        if (overrides.incremental()
                && given.stream().noneMatch(g -> g.input().strip().equals("this"))) {
            throw new ConfigurationException(where + ": Unit test '" + name + "' for incremental model '" + model.name()
                    + "' must have a 'this' input: the rows the model's table holds already.");
        }
    }

    private static Overrides overrides(Map<String, Object> raw, String where) {
        if (raw.isEmpty()) {
            return Overrides.NONE;
        }
        Yaml.onlyKeys(raw, OVERRIDE_KEYS, where + " overrides");
        Map<String, String> environment = new LinkedHashMap<>();
        Yaml.map(raw.get("env_vars"), where + " overrides env_vars")
                .forEach((k, v) -> environment.put(k, v == null ? "" : String.valueOf(v)));
        return new Overrides(
                new LinkedHashMap<>(Yaml.map(raw.get("macros"), where + " overrides macros")),
                new LinkedHashMap<>(Yaml.map(raw.get("vars"), where + " overrides vars")),
                environment);
    }

    /**
     * Rows of a given ({@code input} set) or of {@code expect}: {@code format} dict (the default), csv or sql;
     * {@code rows} inline or {@code fixture} by name; a seed input without either has the seed's rows.
     */
    private Rows rows(Map<String, Object> owner, String input, String where) {
        String format = owner.containsKey("format") ? String.valueOf(owner.get("format")) : "dict";
        Object rows = owner.get("rows");
        Object fixture = owner.get("fixture");
        switch (format) {
            case "dict" -> {
                if (rows == null && fixture == null && input != null) {
                    return Rows.of(seedRows(input, where));
                }
                if (!(rows instanceof List<?>)) {
                    throw new ConfigurationException(where + ": the rows do not match format dict: give a list of"
                            + " mappings, or set format: csv or format: sql.");
                }
                List<Map<String, Object>> result = new ArrayList<>();
                for (Object row : (List<?>) rows) {
                    result.add(Yaml.map(row, where + " rows"));
                }
                return Rows.of(result);
            }
            case "csv", "sql" -> {
                if (!(rows instanceof String) && !(fixture instanceof String)) {
                    throw new ConfigurationException(where + ": the rows or fixture do not match format " + format
                            + ": expected text (rows: |) or a fixture name (fixture: name).");
                }
                String text = rows instanceof String inline ? inline : fixture(String.valueOf(fixture), where);
                return format.equals("csv") ? Rows.of(Csv.parse(text, where)) : Rows.query(text);
            }
            default ->
                throw new ConfigurationException(
                        where + ": format '" + format + "' is not a unit test format" + " (dict, csv, sql).");
        }
    }

    private String fixture(String name, String where) {
        Fixture fixture = fixtures.get(name);
        if (fixture == null) {
            throw new ConfigurationException(where + ": File not found for fixture '" + name + "' in unit tests:"
                    + " put " + name + ".csv or " + name + ".sql in the tests/fixtures folder.");
        }
        return fixture.text();
    }

    /** dbt reads a seed's CSV file when an input of the seed gives no rows. */
    private List<Map<String, Object>> seedRows(String input, String where) {
        Matcher ref = SEED_REF.matcher(input);
        Seed seed = ref.matches() ? seeds.get(ref.group(1)) : null;
        if (seed == null) {
            throw new ConfigurationException(where + ": Unable to find seed '" + (ref.matches() ? ref.group(1) : input)
                    + "' for unit tests: an input without rows must be a seed, whose rows it then has; give rows.");
        }
        try {
            return Csv.parse(Files.readString(seed.path()), seed.file());
        } catch (IOException e) {
            throw new InfrastructureException("Cannot read " + seed.path(), e);
        }
    }
}
