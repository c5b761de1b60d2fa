package dev.ecommerce.core.transform.project;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.transform.project.Definitions.GenericTest;
import dev.ecommerce.core.transform.project.Definitions.Model;
import dev.ecommerce.core.transform.project.Definitions.ParentKind;
import dev.ecommerce.core.transform.project.Definitions.Seed;
import dev.ecommerce.core.transform.project.Definitions.SingularTest;
import dev.ecommerce.core.transform.project.Definitions.Snapshot;
import dev.ecommerce.core.transform.project.Definitions.Source;
import dev.ecommerce.core.transform.project.Definitions.UnitTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a {@link DbtProject} from disk; one reader per read, thrown away afterwards. */
final class DbtProjectReader {

    private static final Set<String> PROJECT_KEYS = Set.of(
            "name",
            "version",
            "config-version",
            "profile",
            "model-paths",
            "seed-paths",
            "test-paths",
            "macro-paths",
            "analysis-paths",
            "snapshot-paths",
            "docs-paths",
            "asset-paths",
            "target-path",
            "clean-targets",
            "log-path",
            "packages-install-path",
            "require-dbt-version",
            "vars",
            "dispatch",
            "models",
            "seeds",
            "snapshots",
            "tests",
            "data_tests",
            "flags",
            "quoting",
            "on-run-start", // run by the engine from RunHooks
            "on-run-end");
    private static final Set<String> SCHEMA_FILE_KEYS =
            Set.of("version", "models", "sources", "seeds", "snapshots", "unit_tests", "macros", "exposures");
    private static final Set<String> MODEL_KEYS =
            Set.of("name", "description", "columns", "config", "tests", "data_tests", "docs", "meta", "tags");
    private static final Set<String> COLUMN_KEYS =
            Set.of("name", "description", "data_type", "tests", "data_tests", "meta", "quote", "tags", "tests_config");
    private static final Set<String> SOURCE_KEYS = Set.of(
            "name",
            "description",
            "database",
            "schema",
            "tables",
            "meta",
            "tags",
            "loader",
            "config",
            "freshness",
            "loaded_at_field",
            "quoting");
    private static final Set<String> SOURCE_TABLE_KEYS = Set.of(
            "name",
            "description",
            "identifier",
            "columns",
            "tests",
            "data_tests",
            "meta",
            "tags",
            "config",
            "freshness",
            "loaded_at_field",
            "quoting",
            "external");
    /** A schema file's {@code snapshots:} entry: a model's keys, and dbt 1.9's {@code relation}. */
    private static final Set<String> SNAPSHOT_KEYS = Set.of(
            "name", "description", "columns", "config", "tests", "data_tests", "docs", "meta", "tags", "relation");
    /** {@code {% snapshot name %} ... {% endsnapshot %}}: the name and the body. */
    private static final Pattern SNAPSHOT_BLOCK = Pattern.compile(
            "\\{%-?\\s*snapshot\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*-?%}(.*?)\\{%-?\\s*endsnapshot\\s*-?%}", Pattern.DOTALL);

    private static final Pattern JINJA_COMMENT = Pattern.compile("\\{#.*?#}", Pattern.DOTALL);
    /** dbt 1.9's {@code relation:} of a YAML snapshot: a ref or a source, nothing else. */
    private static final Pattern SNAPSHOT_RELATION = Pattern.compile(
            "\\s*(ref\\(\\s*(['\"])[^'\"]+\\2\\s*\\)|source\\(\\s*(['\"])[^'\"]+\\3\\s*,\\s*(['\"])[^'\"]+\\4\\s*\\))\\s*");

    private static final Pattern TEST_BLOCK = Pattern.compile("\\{%(-?)\\s*test\\s+([A-Za-z_]\\w*)\\s*\\(");
    private static final Pattern END_TEST = Pattern.compile("\\{%(-?)\\s*endtest\\s*(-?)%}");
    private static final Pattern MACRO = Pattern.compile("\\{%-?\\s*macro\\s+([A-Za-z_]\\w*)\\s*\\(");
    private static final Set<String> UNIT_TEST_KEYS =
            Set.of("name", "description", "model", "given", "expect", "overrides", "config", "versions");

    private final Path root;
    private final UnaryOperator<String> render;
    private final String name;
    private final String profile;
    private final String targetPath;
    private final Map<String, Object> vars;
    private final Map<String, List<String>> dispatch;
    private final List<Model> models = new ArrayList<>();
    private final List<Seed> seeds = new ArrayList<>();
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final List<GenericTest> genericTests = new ArrayList<>();
    private final List<SingularTest> singularTests = new ArrayList<>();
    private final List<UnitTest> unitTests = new ArrayList<>();
    private final List<Snapshot> snapshots = new ArrayList<>();
    private final List<Map<String, Object>> yamlSnapshots = new ArrayList<>();
    private final List<Map<String, Object>> unitTestEntries = new ArrayList<>();
    private final Map<String, String> macroFiles = new LinkedHashMap<>();
    private final Set<String> macroNames = new HashSet<>();
    private Map<String, Object> testConfigs = Map.of();
    private final Map<String, Map<String, Object>> schemaFileEntries = new LinkedHashMap<>();
    private final ProjectFiles projectFiles;
    /** Each configs tree's folders, worked out once ({@link #folderConfig}). */
    private final Map<Map<String, Object>, Map<Path, FolderLevel>> folderLevels = new java.util.IdentityHashMap<>();
    /** Each schema file's {@link #testFolderConfig}. */
    private final Map<String, Map<String, Object>> testFolderConfigs = new java.util.HashMap<>();
    /** A package's: the root project's dbt_project.yml, whose configs go over the package's own; else null. */
    private Map<String, Object> rootYml;

    private DbtProjectReader(Path root, Map<String, Object> yml, UnaryOperator<String> render) {
        this(root, yml, render, null);
    }

    private DbtProjectReader(Path root, Map<String, Object> yml, UnaryOperator<String> render, ProjectFiles ahead) {
        this.root = root;
        this.render = render;
        this.projectFiles = ahead != null && ahead.of(root) ? ahead : new ProjectFiles(root);
        Yaml.onlyKeys(yml, PROJECT_KEYS, "dbt_project.yml");
        this.name = Yaml.string(yml, "name", "dbt_project.yml");
        this.profile = yml.containsKey("profile") ? String.valueOf(yml.get("profile")) : name;
        this.targetPath = yml.containsKey("target-path") ? String.valueOf(yml.get("target-path")) : "target";
        this.vars = projectVars(Yaml.map(yml.get("vars"), "dbt_project.yml vars"));
        this.dispatch = dispatch(yml.get("dispatch"));
    }

    /** {@code dispatch: [{macro_namespace: dbt_utils, search_order: [my_project, dbt_utils]}]}. */
    private static Map<String, List<String>> dispatch(Object value) {
        Map<String, List<String>> orders = new LinkedHashMap<>();
        if (value == null) {
            return orders;
        }
        String hint = ": dispatch: must be a list of {macro_namespace: <name>, search_order: [<package>, ...]}";
        if (!(value instanceof List<?> entries)) {
            throw new ConfigurationException("dbt_project.yml" + hint);
        }
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> map)
                    || !(map.get("macro_namespace") instanceof String namespace)
                    || !(map.get("search_order") instanceof List<?> order)
                    || !map.keySet().equals(Set.of("macro_namespace", "search_order"))) {
                throw new ConfigurationException("dbt_project.yml" + hint + "; got " + entry);
            }
            orders.put(namespace, order.stream().map(String::valueOf).toList());
        }
        return orders;
    }

    /** The keys of dbt_project.yml naming the project's folders, with dbt's defaults. */
    static final Map<String, String> FOLDER_KEYS = orderedMap(
            "model-paths", "models",
            "seed-paths", "seeds",
            "snapshot-paths", "snapshots",
            "macro-paths", "macros",
            "test-paths", "tests");

    /** The files a project's parse depends on besides its folders. */
    private static final List<String> PROJECT_FILES =
            List.of("dbt_project.yml", "packages.yml", "dependencies.yml", ".dbtignore");

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    static DbtProject.Header header(Path root) {
        Map<String, Object> yml = Yaml.readMap(root.resolve("dbt_project.yml"), "dbt_project.yml");
        DbtProjectReader project = new DbtProjectReader(root, yml, t -> t);
        Set<String> inputs = new java.util.TreeSet<>(PROJECT_FILES);
        FOLDER_KEYS.forEach((key, fallback) -> inputs.addAll(paths(yml, key, fallback)));
        inputs.add(
                yml.containsKey("packages-install-path")
                        ? String.valueOf(yml.get("packages-install-path"))
                        : "dbt_packages");
        return new DbtProject.Header(
                project.name, project.profile, project.vars, project.dispatch, project.targetPath, List.copyOf(inputs));
    }

    /**
     * What {@link #header} gives as inputs for a dbt_project.yml that names none of the keys they depend on, told
     * from its text alone; null when it may name one.
     */
    static List<String> defaultInputs(String projectYml) {
        List<String> keys = new ArrayList<>(FOLDER_KEYS.keySet());
        keys.add("packages-install-path");
        keys.add("target-path"); // the folder left out of the stamps
        if (keys.stream().anyMatch(projectYml::contains)) {
            return null;
        }
        Set<String> inputs = new java.util.TreeSet<>(PROJECT_FILES);
        inputs.addAll(FOLDER_KEYS.values());
        inputs.add("dbt_packages");
        return List.copyOf(inputs);
    }

    static DbtProject load(Path root, UnaryOperator<String> render, ProjectFiles ahead) {
        Map<String, Object> yml = Yaml.readMap(root.resolve("dbt_project.yml"), "dbt_project.yml");
        String installPath = yml.containsKey("packages-install-path")
                ? String.valueOf(yml.get("packages-install-path"))
                : "dbt_packages";
        List<Path> packageRoots = Packages.find(root, installPath, render);
        Set<String> packageMacros = new HashSet<>();
        packageRoots.forEach(p -> packageMacros.addAll(macroNames(p)));
        List<DbtProject> packages = new ArrayList<>();
        List<DbtPackage> described = new ArrayList<>();
        for (Path packageRoot : packageRoots) {
            String prefix = DbtProject.relative(root, packageRoot) + "/";
            Map<String, Object> packageYml =
                    Yaml.readMap(packageRoot.resolve("dbt_project.yml"), prefix + "dbt_project.yml");
            DbtProject pkg;
            try {
                pkg = Packages.prefixed(load(packageRoot, packageYml, render, yml, packageMacros, null), prefix);
            } catch (ConfigurationException e) { // its messages name its files from its own folder
                throw new ConfigurationException("In the package " + prefix + ": " + e.getMessage(), e);
            }
            packages.add(pkg);
            described.add(new DbtPackage(pkg.name(), prefix, packageRoot, pkg.vars(), pkg.macroFiles()));
        }
        DbtProject project = load(root, yml, render, null, packageMacros, ahead);
        return Packages.merged(project, packages, described);
    }

    /**
     * Reads the project in {@code root} from its {@code dbt_project.yml}, {@code yml}.
     *
     * @param rootYml for a package, the root project's dbt_project.yml (its configs go over the package's)
     * @param knownMacros the names of the packages' macros, for the tests of the schema files
     */
    private static DbtProject load(
            Path root,
            Map<String, Object> yml,
            UnaryOperator<String> render,
            Map<String, Object> rootYml,
            Set<String> knownMacros,
            ProjectFiles ahead) {
        DbtProjectReader project = new DbtProjectReader(root, yml, render, ahead);
        project.rootYml = rootYml;
        project.macroNames.addAll(knownMacros);
        String testsKey = yml.containsKey("data_tests") ? "data_tests" : "tests";
        project.testConfigs = Yaml.map(yml.get(testsKey), "dbt_project.yml " + testsKey);
        List<String> modelPaths = paths(yml, "model-paths", "models");
        List<String> seedPaths = paths(yml, "seed-paths", "seeds");
        List<String> snapshotPaths = paths(yml, "snapshot-paths", "snapshots");
        project.projectFiles.prefetch(modelPaths, seedPaths, snapshotPaths);
        for (String dir : paths(yml, "macro-paths", "macros")) {
            for (Path sql : project.files(root.resolve(dir), ".sql")) {
                project.addMacroFile(sql);
            }
        }
        List<String> testPaths = paths(yml, "test-paths", "tests");
        for (String dir : testPaths) {
            for (Path sql : project.files(root.resolve(dir), ".sql")) {
                if (isGenericTestFile(project.relative(sql))) {
                    project.addMacroFile(sql);
                }
            }
        }
        for (String dir : modelPaths) {
            for (Path yamlFile : project.yamlFiles(root.resolve(dir))) {
                project.readSchemaFile(yamlFile);
            }
        }
        for (String dir : seedPaths) {
            for (Path yamlFile : project.yamlFiles(root.resolve(dir))) {
                project.readSchemaFile(yamlFile);
            }
        }
        for (String dir : snapshotPaths) {
            for (Path yamlFile : project.yamlFiles(root.resolve(dir))) {
                project.readSchemaFile(yamlFile);
            }
        }
        Map<String, Object> modelConfigs = Yaml.map(yml.get("models"), "dbt_project.yml models");
        for (String dir : modelPaths) {
            Path base = root.resolve(dir);
            for (Path sql : project.files(base, ".sql")) {
                String modelName = stem(sql);
                String relative = project.relative(sql);
                NodeConfig config =
                        project.folderConfig("models", modelConfigs, base.relativize(sql.getParent()), relative);
                config = config.with(project.schemaFileConfig(modelName, "model"));
                project.models.add(new Model(modelName, relative, project.text(sql), config));
            }
        }
        Map<String, Object> seedConfigs = Yaml.map(yml.get("seeds"), "dbt_project.yml seeds");
        for (String dir : seedPaths) {
            Path base = root.resolve(dir);
            for (Path csv : project.files(base, ".csv")) {
                String relative = project.relative(csv);
                NodeConfig config = project.folderConfig(
                                "seeds", seedConfigs, base.relativize(csv.getParent()), relative)
                        .with(project.schemaFileConfig(stem(csv), "seed"));
                project.seeds.add(new Seed(stem(csv), relative, csv, config));
            }
        }
        project.readSnapshots(snapshotPaths, Yaml.map(yml.get("snapshots"), "dbt_project.yml snapshots"));
        for (String dir : testPaths) {
            for (Path sql : project.files(root.resolve(dir), ".sql")) {
                String relative = project.relative(sql);
                if (root.resolve(dir).relativize(sql).startsWith("fixtures")) {
                    continue; // unit test fixtures, as in dbt
                }
                if (!isGenericTestFile(relative)) {
                    project.singularTests.add(
                            new SingularTest(stem(sql), relative, read(sql), project.testFolderConfig(relative)));
                }
            }
        }
        project.checkNames();
        UnitTests reader =
                new UnitTests(project.models, project.seeds, UnitTests.fixtures(root, testPaths, project::relative));
        for (Map<String, Object> entry : project.unitTestEntries) {
            project.refuseSnapshotUnitTest(entry);
            UnitTest test = reader.parse(entry, String.valueOf(entry.get("__file")));
            if (test != null) {
                project.unitTests.add(test);
            }
        }
        project.checkUnitTests();
        return new DbtProject(
                root,
                project.name,
                project.profile,
                root.resolve(project.targetPath),
                project.vars,
                List.copyOf(project.models),
                List.copyOf(project.seeds),
                Collections.unmodifiableMap(project.sources),
                List.copyOf(project.genericTests),
                List.copyOf(project.singularTests),
                List.copyOf(project.unitTests),
                Collections.unmodifiableMap(project.macroFiles),
                List.copyOf(project.snapshots),
                List.of());
    }

    /**
     * The names of the macros (and {@code test_} generic tests) the project in {@code root} defines, also with
     * its name first ({@code our_utils.test_x}).
     */
    private static Set<String> macroNames(Path root) {
        Map<String, Object> yml = Yaml.readMap(root.resolve("dbt_project.yml"), root + "/dbt_project.yml");
        DbtProjectReader project = new DbtProjectReader(root, yml, t -> t);
        for (String dir : paths(yml, "macro-paths", "macros")) {
            project.files(root.resolve(dir), ".sql").forEach(project::addMacroFile);
        }
        for (String dir : paths(yml, "test-paths", "tests")) {
            project.files(root.resolve(dir), ".sql").stream()
                    .filter(sql -> isGenericTestFile(project.relative(sql)))
                    .forEach(project::addMacroFile);
        }
        Set<String> names = new HashSet<>(project.macroNames);
        project.macroNames.forEach(macro -> names.add(project.name + "." + macro));
        return names;
    }

    /** A test path's {@code generic/} folder holds generic tests ({@code {% test %}} blocks), as in dbt. */
    private static boolean isGenericTestFile(String relative) {
        return relative.contains("/generic/");
    }

    /**
     * Reads a macro file, its {@code {% test name(...) %}} blocks made the macros {@code test_name} that dbt
     * makes of them, and records the names of the macros it defines.
     */
    private void addMacroFile(Path sql) {
        String text = END_TEST.matcher(TEST_BLOCK.matcher(read(sql)).replaceAll("{%$1 macro test_$2("))
                .replaceAll("{%$1 endmacro $2%}");
        Matcher macro = MACRO.matcher(text);
        while (macro.find()) {
            macroNames.add(macro.group(1));
        }
        macroFiles.put(relative(sql), text);
    }

    private Map<String, Object> projectVars(Map<String, Object> raw) {
        Map<String, Object> result = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            if (key.equals(name) && value instanceof Map<?, ?>) {
                result.putAll(Yaml.map(value, "dbt_project.yml vars." + name));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }

    /**
     * Folder-level configs: {@code models: <project>: <folder>: +key: value}, deeper folders winning; a package's
     * under the root project's {@code key} ({@code models}, {@code seeds}, {@code snapshots}) for it.
     */
    private NodeConfig folderConfig(String key, Map<String, Object> tree, Path folder, String file) {
        NodeConfig own = folderConfig(tree, folder, file);
        return rootYml == null
                ? own
                : own.with(folderConfig(
                        rootYml.get(key) == null ? Map.of() : Yaml.map(rootYml.get(key), "dbt_project.yml " + key),
                        folder,
                        file));
    }

    private NodeConfig folderConfig(Map<String, Object> tree, Path folder, String file) {
        // a folder's configs are the same for each of its files: worked out once (10,000 models, a few folders)
        FolderLevel at = folderLevels
                .computeIfAbsent(tree, t -> new java.util.HashMap<>())
                .computeIfAbsent(folder, f -> folderLevel(tree, f));
        if (at.level() == null) {
            return at.config();
        }
        // the last part of a node's fqn is its name: `seeds: my_project: my_seed: +column_types: ...`
        String fileName = file.substring(file.lastIndexOf('/') + 1);
        int dot = fileName.lastIndexOf('.');
        Object own = at.level().get(dot < 0 ? fileName : fileName.substring(0, dot));
        return own instanceof Map<?, ?>
                ? at.config().with(configsAt(Yaml.map(own, "dbt_project.yml"), "dbt_project.yml"))
                : at.config();
    }

    /**
     * The configs of a folder's files from a {@code models:} (seeds:, snapshots:) tree, and the tree's level of
     * that folder (which may name a file), null when the tree has no such level.
     */
    private record FolderLevel(NodeConfig config, Map<String, Object> level) {}

    private FolderLevel folderLevel(Map<String, Object> tree, Path folder) {
        NodeConfig config = configsAt(tree, "dbt_project.yml");
        Object projectLevel = tree.get(name);
        if (!(projectLevel instanceof Map<?, ?>)) {
            return new FolderLevel(config, null);
        }
        Map<String, Object> level = Yaml.map(projectLevel, "dbt_project.yml");
        config = config.with(configsAt(level, "dbt_project.yml"));
        for (Path part : folder) {
            if (part.toString().isEmpty()) {
                continue; // the resource folder itself
            }
            Object next = level.get(part.toString());
            if (!(next instanceof Map<?, ?>)) {
                return new FolderLevel(config, null);
            }
            level = Yaml.map(next, "dbt_project.yml");
            config = config.with(configsAt(level, "dbt_project.yml"));
        }
        return new FolderLevel(config, level);
    }

    /**
     * The configs dbt_project.yml's {@code data_tests:} gives the tests defined in {@code file}: the top level's,
     * the project's, then its folders' (under the resource folder), deeper ones winning; rendered.
     */
    private Map<String, Object> testFolderConfig(String file) {
        // the same for every test of a schema file (a hundred, say): worked out once per file
        return testFolderConfigs.computeIfAbsent(
                file, f -> java.util.Collections.unmodifiableMap(testFolderConfigOf(f)));
    }

    private Map<String, Object> testFolderConfigOf(String file) {
        Map<String, Object> configs = new LinkedHashMap<>();
        String[] parts = file.split("/");
        List<String> path = new ArrayList<>();
        path.add(name);
        path.addAll(List.of(parts).subList(1, Math.max(1, parts.length - 1)));
        collectTestConfigs(testConfigs, path, configs);
        if (rootYml != null) { // a package's tests: the root project's data_tests: for it on top
            String key = rootYml.containsKey("data_tests") ? "data_tests" : "tests";
            collectTestConfigs(Yaml.map(rootYml.get(key), "dbt_project.yml " + key), path, configs);
        }
        return rendered(configs);
    }

    private static void collectTestConfigs(Map<String, Object> top, List<String> path, Map<String, Object> configs) {
        Map<String, Object> level = top;
        collectTestConfigs(level, configs);
        for (String part : path) {
            if (!(level.get(part) instanceof Map<?, ?>)) {
                break;
            }
            level = Yaml.map(level.get(part), "dbt_project.yml data_tests");
            collectTestConfigs(level, configs);
        }
    }

    private static void collectTestConfigs(Map<String, Object> level, Map<String, Object> configs) {
        level.forEach((key, value) -> {
            String config = key.startsWith("+") ? key.substring(1) : key;
            if (key.startsWith("+") || (!(value instanceof Map<?, ?>) && TestConfig.KEYS.contains(config))) {
                configs.put(config, value);
            } else if (!(value instanceof Map<?, ?>)) {
                throw new ConfigurationException("dbt_project.yml data_tests: '" + key + "' is neither a folder nor"
                        + " a test config; configs start with '+', e.g. +severity.");
            }
        });
    }

    /** A model's or seed's {@code config:} and {@code tags:} from its schema file entry. */
    private NodeConfig schemaFileConfig(String nodeName, String kind) {
        Map<String, Object> entry = schemaFileEntries.get(kind + ":" + nodeName);
        if (entry == null || (entry.get("config") == null && entry.get("tags") == null)) {
            return NodeConfig.EMPTY;
        }
        String where = entry.get("__file") + " (" + kind + " " + nodeName + ")";
        Map<String, Object> configs = new LinkedHashMap<>(rendered(Yaml.map(entry.get("config"), where + " config")));
        if (entry.get("tags") != null) {
            List<String> tags = new ArrayList<>(Yaml.strings(configs.get("tags"), where + " tags"));
            tags.addAll(Yaml.strings(entry.get("tags"), where + " tags"));
            configs.put("tags", tags);
        }
        return NodeConfig.of(configs, where);
    }

    /**
     * A schema file with its Jinja rendered, as dbt renders schema files ({@code var}, {@code env_var},
     * {@code target}): every string but descriptions, unit tests (rendered with their model) and test arguments
     * calling {@code ref} or {@code source} (rendered when the test is compiled).
     */
    @SuppressWarnings("unchecked")
    private Object renderedTree(Object node, String key) {
        if (!needsRendering(node)) {
            return node; // most schema files have no Jinja: not copied
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String name = String.valueOf(k);
                result.put(
                        name,
                        name.equals("description") || name.equals("unit_tests") || NodeConfig.HOOKS.contains(name)
                                ? v
                                : renderedTree(v, name));
            });
            return result;
        }
        if (node instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            list.forEach(item -> result.add(renderedTree(item, key)));
            return result;
        }
        if (node instanceof String text
                && (text.contains("{{") || text.contains("{%"))
                && !text.contains("ref(")
                && !text.contains("source(")) {
            return render.apply(text).strip();
        }
        return node;
    }

    /** Whether {@link #renderedTree} changes {@code node}: a string in it has Jinja, or a key is not a string. */
    private static boolean needsRendering(Object node) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String) || needsRendering(entry.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (node instanceof List<?> list) {
            for (Object item : list) {
                if (needsRendering(item)) {
                    return true;
                }
            }
            return false;
        }
        return node instanceof String text && (text.contains("{{") || text.contains("{%"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> renderedTree(Map<String, Object> yml) {
        return (Map<String, Object>) renderedTree(yml, "");
    }

    /** Config values with their Jinja rendered. */
    private Map<String, Object> rendered(Map<String, Object> configs) {
        return rendered(configs, render);
    }

    /** Config values with their Jinja rendered by {@code render}, as dbt renders configs when it parses them. */
    static Map<String, Object> rendered(Map<String, Object> configs, UnaryOperator<String> render) {
        Map<String, Object> result = new LinkedHashMap<>();
        configs.forEach((key, value) -> result.put(
                key,
                value instanceof String text
                                && (text.contains("{{") || text.contains("{%"))
                                && !NodeConfig.HOOKS.contains(key)
                        ? render.apply(text).strip()
                        : value));
        return result;
    }

    /** dict-valued configs that may be written without their '+' in dbt_project.yml (else a dict is a folder). */
    private static final Set<String> DICT_CONFIGS = Set.of(
            "meta",
            "docs",
            "persist_docs",
            "grants",
            "contract",
            "column_types",
            "labels",
            "snapshot_meta_column_names");

    /** The configs of one level of {@code models:}/{@code seeds:}: {@code +key}s, and plain keys that are no folder. */
    private NodeConfig configsAt(Map<String, Object> level, String where) {
        Map<String, Object> configs = new LinkedHashMap<>();
        level.forEach((key, value) -> {
            boolean isConfig = key.startsWith("+") || !(value instanceof Map<?, ?>) || DICT_CONFIGS.contains(key);
            if (isConfig) {
                configs.put(key, value);
            }
        });
        return NodeConfig.of(rendered(configs), where);
    }

    private void readSchemaFile(Path file) {
        String shown = relative(file);
        Map<String, Object> yml;
        try {
            yml = renderedTree(parsedYaml(file, shown));
        } catch (ConfigurationException e) {
            throw new ConfigurationException(shown + ": " + e.getMessage(), e);
        }
        Yaml.onlyKeys(yml, SCHEMA_FILE_KEYS, shown);
        readNodeEntries(yml, shown, "model", ParentKind.MODEL);
        readNodeEntries(yml, shown, "seed", ParentKind.SEED);
        readSnapshotEntries(yml, shown);
        for (Object item : Yaml.list(yml.get("sources"), shown + " sources")) {
            Map<String, Object> source = Yaml.map(item, shown + " sources");
            String sourceName = Yaml.string(source, "name", shown + " sources entry");
            String where = shown + " (source " + sourceName + ")";
            Yaml.onlyKeys(source, SOURCE_KEYS, where);
            String schema = source.containsKey("schema") ? String.valueOf(source.get("schema")) : sourceName;
            String database = source.containsKey("database") ? String.valueOf(source.get("database")) : null;
            for (Object tableItem : Yaml.list(source.get("tables"), where + " tables")) {
                Map<String, Object> table = Yaml.map(tableItem, where + " tables");
                String tableName = Yaml.string(table, "name", where + " tables entry");
                Yaml.onlyKeys(table, SOURCE_TABLE_KEYS, where + " table " + tableName);
                if (table.containsKey("external")) {
                    throw new ConfigurationException(where + " table " + tableName + ": external sources are not"
                            + " supported by the embedded engine yet: use target local, or "
                            + Setting.TRANSFORM_ENGINE.set("dbt") + ".");
                }
                String identifier =
                        table.containsKey("identifier") ? String.valueOf(table.get("identifier")) : tableName;
                String location = externalLocation(source, table, where + " table " + tableName);
                if (location != null) { // dbt-duckdb formats it with the source table's fields
                    location = location.replace("{name}", tableName)
                            .replace("{identifier}", identifier)
                            .replace("{schema}", schema);
                }
                Source defined = new Source(sourceName, tableName, database, schema, identifier, shown, location);
                sources.put(defined.key(), defined);
                readTests(table, ParentKind.SOURCE, defined.key(), shown);
            }
        }
        for (Object item : Yaml.list(yml.get("unit_tests"), shown + " unit_tests")) {
            Map<String, Object> entry = new LinkedHashMap<>(Yaml.map(item, shown + " unit_tests"));
            Yaml.onlyKeys(entry, UNIT_TEST_KEYS, shown + " (unit test " + entry.get("name") + ")");
            entry.put("__file", shown);
            unitTestEntries.add(entry); // read once models, seeds and fixtures are known
        }
    }

    /** {@code meta.external_location} of the table, else of its source, rendered; null when empty. */
    /** A schema file's {@code models:} or {@code seeds:} entries: their configs, columns and tests. */
    private void readNodeEntries(Map<String, Object> yml, String shown, String kind, ParentKind parentKind) {
        String key = kind + "s";
        for (Object item : Yaml.list(yml.get(key), shown + " " + key)) {
            Map<String, Object> node = Yaml.map(item, shown + " " + key);
            Yaml.onlyKeys(node, MODEL_KEYS, shown + " (" + kind + " " + node.get("name") + ")");
            String nodeName = Yaml.string(node, "name", shown + " " + key + " entry");
            Map<String, Object> entry = new LinkedHashMap<>(node);
            entry.put("__file", shown);
            schemaFileEntries.put(kind + ":" + nodeName, entry);
            readTests(node, parentKind, nodeName, shown);
        }
    }

    /**
     * A schema file's {@code snapshots:} entries: with a {@code relation}, a snapshot of its own (dbt 1.9);
     * without, the configs, columns and tests of a {@code {% snapshot %}} block's snapshot.
     */
    private void readSnapshotEntries(Map<String, Object> yml, String shown) {
        for (Object item : Yaml.list(yml.get("snapshots"), shown + " snapshots")) {
            Map<String, Object> node = Yaml.map(item, shown + " snapshots");
            Yaml.onlyKeys(node, SNAPSHOT_KEYS, shown + " (snapshot " + node.get("name") + ")");
            String nodeName = Yaml.string(node, "name", shown + " snapshots entry");
            Map<String, Object> entry = new LinkedHashMap<>(node);
            entry.put("__file", shown);
            if (node.containsKey("relation")) {
                yamlSnapshots.add(entry);
            }
            schemaFileEntries.put("snapshot:" + nodeName, entry);
            readTests(node, ParentKind.SNAPSHOT, nodeName, shown);
        }
    }

    /**
     * The snapshots: each {@code {% snapshot %}} block of the {@code .sql} files under {@code snapshot-paths},
     * then the schema files' snapshots with a {@code relation}; configs from dbt_project.yml's {@code snapshots:}
     * folders, then the schema file's entry.
     */
    private void readSnapshots(List<String> snapshotPaths, Map<String, Object> folderConfigs) {
        for (String dir : snapshotPaths) {
            Path base = root.resolve(dir);
            for (Path sql : files(base, ".sql")) {
                String relative = relative(sql);
                NodeConfig folder =
                        folderConfig("snapshots", folderConfigs, base.relativize(sql.getParent()), relative);
                String text = read(sql);
                Matcher block = SNAPSHOT_BLOCK.matcher(text);
                StringBuilder outside = new StringBuilder();
                int end = 0;
                boolean any = false;
                while (block.find()) {
                    any = true;
                    outside.append(text, end, block.start());
                    end = block.end();
                    String snapshotName = block.group(1);
                    NodeConfig config = folder.with(schemaFileConfig(snapshotName, "snapshot"));
                    snapshots.add(new Snapshot(snapshotName, relative, block.group(2), config, relative));
                }
                outside.append(text.substring(end));
                if (!any || !JINJA_COMMENT.matcher(outside).replaceAll("").isBlank()) {
                    throw new ConfigurationException(relative + ": a file under " + dir + "/ holds {% snapshot name %}"
                            + " ... {% endsnapshot %} blocks and nothing else; move other SQL into a model.");
                }
            }
        }
        for (Map<String, Object> entry : yamlSnapshots) {
            String file = String.valueOf(entry.get("__file"));
            String snapshotName = String.valueOf(entry.get("name"));
            String relation = String.valueOf(entry.get("relation"));
            if (!SNAPSHOT_RELATION.matcher(relation).matches()) {
                throw new ConfigurationException(file + " (snapshot " + snapshotName + "): relation must be"
                        + " ref('name') or source('source', 'table'), not '" + relation + "'.");
            }
            Path folder = root.relativize(root.resolve(file).getParent());
            Path base = snapshotPaths.stream()
                    .map(Path::of)
                    .filter(folder::startsWith)
                    .findFirst()
                    .map(folder::relativize)
                    .orElse(Path.of(""));
            NodeConfig config = folderConfig("snapshots", folderConfigs, base, file)
                    .with(schemaFileConfig(snapshotName, "snapshot"));
            snapshots.add(new Snapshot(
                    snapshotName,
                    file,
                    "select * from {{ " + relation.strip() + " }}",
                    config,
                    file + "/" + snapshotName + ".sql"));
        }
    }

    private String externalLocation(Map<String, Object> source, Map<String, Object> table, String where) {
        Object value = Yaml.map(table.get("meta"), where + " meta").get("external_location");
        if (value == null) {
            value = Yaml.map(source.get("meta"), where + " meta").get("external_location");
        }
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value);
        String rendered = (text.contains("{{") || text.contains("{%") ? render.apply(text) : text).strip();
        return rendered.isEmpty() ? null : rendered;
    }

    private void readTests(Map<String, Object> owner, ParentKind kind, String parent, String file) {
        String where = file + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + parent + ")";
        for (Object test : testList(owner, where)) {
            genericTests.add(GenericTests.parse(
                    test, kind, parent, null, file, where, macroNames, render, testFolderConfig(file)));
        }
        for (Object columnItem : Yaml.list(owner.get("columns"), where + " columns")) {
            Map<String, Object> column = Yaml.map(columnItem, where + " columns");
            String columnName = Yaml.string(column, "name", where + " columns entry");
            Yaml.onlyKeys(column, COLUMN_KEYS, where + " column " + columnName);
            for (Object test : testList(column, where + " column " + columnName)) {
                genericTests.add(GenericTests.parse(
                        test,
                        kind,
                        parent,
                        columnName,
                        file,
                        where + " column " + columnName,
                        macroNames,
                        render,
                        testFolderConfig(file)));
            }
        }
    }

    private static List<Object> testList(Map<String, Object> owner, String where) {
        List<Object> tests = new ArrayList<>(Yaml.list(owner.get("tests"), where + " tests"));
        tests.addAll(Yaml.list(owner.get("data_tests"), where + " data_tests"));
        return tests;
    }

    private void checkNames() {
        Map<String, String> seen = new LinkedHashMap<>();
        for (Model model : models) {
            String previous = seen.put(model.name(), model.file());
            if (previous != null) {
                throw new ConfigurationException("Two models are named " + model.name() + ": " + previous + " and "
                        + model.file() + ". Rename one.");
            }
        }
        for (Seed seed : seeds) {
            String previous = seen.put(seed.name(), seed.file());
            if (previous != null) {
                throw new ConfigurationException(
                        "The seed " + seed.file() + " has the name of " + previous + ". Rename one.");
            }
        }
        for (Snapshot snapshot : snapshots) {
            String previous = seen.put(snapshot.name(), snapshot.file());
            if (previous != null) {
                throw new ConfigurationException("The snapshot " + snapshot.name() + " of " + snapshot.file()
                        + " has the name of a model, seed or snapshot of " + previous + ". Rename one.");
            }
        }
    }

    /** dbt's unit tests test models; a snapshot is refused naming the file. */
    private void refuseSnapshotUnitTest(Map<String, Object> entry) {
        Object model = entry.get("model");
        if (snapshots.stream().anyMatch(snapshot -> snapshot.name().equals(String.valueOf(model)))) {
            throw new ConfigurationException(entry.get("__file") + " (unit test " + entry.get("name") + "): " + model
                    + " is a snapshot; unit tests test models, as in dbt.");
        }
    }

    private void checkUnitTests() {
        Map<String, String> seen = new LinkedHashMap<>();
        for (UnitTest test : unitTests) {
            String previous = seen.put(test.model() + "." + test.name(), test.file());
            if (previous != null) {
                throw new ConfigurationException("Two unit tests of " + test.model() + " are named " + test.name()
                        + ": in " + previous + " and " + test.file() + ". Rename one.");
            }
        }
    }

    private static List<String> paths(Map<String, Object> yml, String key, String fallback) {
        return yml.containsKey(key) ? Yaml.strings(yml.get(key), "dbt_project.yml " + key) : List.of(fallback);
    }

    private Map<String, Object> parsedYaml(Path file, String shown) {
        return projectFiles.parsedYaml(file, shown);
    }

    private String text(Path file) {
        return projectFiles.text(file);
    }

    private List<Path> files(Path dir, String extension) {
        return projectFiles.files(dir, extension);
    }

    private List<Path> yamlFiles(Path dir) {
        return projectFiles.yamlFiles(dir);
    }

    private static String read(Path file) {
        return ProjectFiles.read(file);
    }

    private static String stem(Path file) {
        String fileName = file.getFileName().toString();
        return fileName.substring(0, fileName.lastIndexOf('.'));
    }

    private String relative(Path file) {
        return DbtProject.relative(root, file);
    }
}
