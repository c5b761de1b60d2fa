package dev.ecommerce.core.transform.project;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.transform.project.Definitions.GenericTest;
import dev.ecommerce.core.transform.project.Definitions.Model;
import dev.ecommerce.core.transform.project.Definitions.Seed;
import dev.ecommerce.core.transform.project.Definitions.SingularTest;
import dev.ecommerce.core.transform.project.Definitions.Snapshot;
import dev.ecommerce.core.transform.project.Definitions.Source;
import dev.ecommerce.core.transform.project.Definitions.UnitTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Finds a project's dbt packages as dbt does after {@code dbt deps}: every package folder under
 * {@code packages-install-path} (default {@code dbt_packages/}, where {@code dbt deps} also puts the packages'
 * own packages), and the {@code local:} entries of {@code packages.yml} and {@code dependencies.yml}. The
 * embedded engine downloads nothing: an entry that is not installed is a {@link ConfigurationException} that
 * says to run {@code dbt deps}, or where to put the package's folder.
 */
final class Packages {

    static final List<String> FILES = List.of("packages.yml", "dependencies.yml");
    private static final Set<String> ENTRY_KEYS = Set.of(
            "package",
            "version",
            "git",
            "revision",
            "subdirectory",
            "warn-unpinned",
            "local",
            "tarball",
            "name",
            "private",
            "install-prerelease");

    private final Path root;
    private final Path installPath;
    private final String installShown;
    private final UnaryOperator<String> render;
    private final Map<Path, String> found = new LinkedHashMap<>();

    private Packages(Path root, String installPath, UnaryOperator<String> render) {
        this.root = root;
        this.installPath = root.resolve(installPath).normalize();
        this.installShown = installPath.endsWith("/") ? installPath : installPath + "/";
        this.render = render;
    }

    /**
     * The folders of the packages of the project in {@code root}, each once: the {@code local:} ones first, in
     * the order of their entries, then the installed ones by folder name.
     *
     * @param installPath dbt_project.yml's {@code packages-install-path}
     */
    static List<Path> find(Path root, String installPath, UnaryOperator<String> render) {
        Packages packages = new Packages(root, installPath, render);
        packages.entries(root, "");
        for (Path installed : packages.installed()) {
            packages.add(installed);
        }
        return List.copyOf(packages.found.keySet());
    }

    /** Checks the entries of the packages files in {@code folder} (a project's or a package's) and adds theirs. */
    private void entries(Path folder, String shownFolder) {
        for (String fileName : FILES) {
            Path file = folder.resolve(fileName);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String shown = shownFolder + fileName;
            Map<String, Object> yml = Yaml.readMap(file, shown);
            if (yml.containsKey("projects")) {
                throw new ConfigurationException(shown + ": projects: (dbt Mesh's cross-project refs) is not supported"
                        + " by the embedded engine; install the projects as packages.");
            }
            for (Object item : Yaml.list(yml.get("packages"), shown + " packages")) {
                Map<String, Object> entry = Yaml.map(item, shown + " packages");
                Yaml.onlyKeys(entry, ENTRY_KEYS, shown + " packages entry " + entry);
                Path packageFolder = entry.containsKey("local") ? local(folder, shown, entry) : installed(shown, entry);
                add(packageFolder);
            }
        }
    }

    private void add(Path packageFolder) {
        Path key = real(packageFolder);
        if (found.containsKey(key)) {
            return;
        }
        String shown = DbtProject.relative(root, packageFolder) + "/";
        found.put(key, shown);
        entries(packageFolder, shown);
    }

    private Path local(Path folder, String shown, Map<String, Object> entry) {
        String path = rendered(entry.get("local"));
        Path packageFolder = folder.resolve(path).normalize();
        if (!Files.isRegularFile(packageFolder.resolve("dbt_project.yml"))) {
            throw new ConfigurationException(shown + ": the local package '" + path + "' ("
                    + packageFolder + ") does not exist or has no dbt_project.yml; correct local: in " + shown
                    + ", or put the package there.");
        }
        return packageFolder;
    }

    /** The folder {@code dbt deps} installed a hub, git or tarball entry in; fails when there is none. */
    private Path installed(String shown, Map<String, Object> entry) {
        String given = entry.containsKey("package")
                ? rendered(entry.get("package"))
                : entry.containsKey("git") ? rendered(entry.get("git")) : rendered(entry.get("tarball"));
        if (given == null) {
            throw new ConfigurationException(
                    shown + ": a packages entry needs package:, git:, local: or tarball:;" + " got " + entry + ".");
        }
        List<String> names = new ArrayList<>();
        if (entry.containsKey("name")) {
            names.add(rendered(entry.get("name")));
        }
        if (entry.containsKey("subdirectory")) {
            names.add(lastPart(rendered(entry.get("subdirectory"))));
        }
        String last = lastPart(given).replaceFirst("\\.git$", "");
        names.add(last);
        names.add(last.replace('-', '_'));
        names.add(last.replaceFirst("^dbt-", "").replace('-', '_'));
        for (Path candidate : installed()) {
            String folder = candidate.getFileName().toString();
            if (names.contains(folder) || names.contains(projectName(candidate))) {
                return candidate;
            }
        }
        throw new ConfigurationException(shown + ": the package '" + given + "' is not installed in " + installShown
                + ": run dbt deps (the embedded engine does not download packages), or put the package's folder"
                + " (with its dbt_project.yml) at " + installShown + names.get(names.size() - 1) + ".");
    }

    /** The folders under the install path with a {@code dbt_project.yml}, by name. */
    private List<Path> installed() {
        if (!Files.isDirectory(installPath)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(installPath)) {
            return folders.filter(p -> Files.isRegularFile(p.resolve("dbt_project.yml")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InfrastructureException("Cannot list " + installPath, e);
        }
    }

    private static String projectName(Path folder) {
        Object name = Yaml.readMap(folder.resolve("dbt_project.yml"), folder + "/dbt_project.yml")
                .get("name");
        return String.valueOf(name);
    }

    private String rendered(Object value) {
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value);
        return text.contains("{{") ? render.apply(text).strip() : text;
    }

    private static String lastPart(String path) {
        String trimmed = path.replaceAll("/+$", "");
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static Path real(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            return folder.toAbsolutePath().normalize();
        }
    }

    /**
     * A package's definitions named from the root project's folder: {@code prefix} before every file, so that
     * messages, the render cache and {@link DbtProject#packageOf} tell them from the root project's.
     */
    static DbtProject prefixed(DbtProject pkg, String prefix) {
        Map<String, Source> sources = new LinkedHashMap<>();
        pkg.sources()
                .forEach((key, s) -> sources.put(
                        key,
                        new Source(
                                s.sourceName(),
                                s.tableName(),
                                s.database(),
                                s.schema(),
                                s.identifier(),
                                prefix + s.file(),
                                s.externalLocation())));
        Map<String, String> macroFiles = new LinkedHashMap<>();
        pkg.macroFiles().forEach((file, text) -> macroFiles.put(prefix + file, text));
        return new DbtProject(
                pkg.root(),
                pkg.name(),
                pkg.profile(),
                pkg.targetDirectory(),
                pkg.vars(),
                pkg.models().stream()
                        .map(m -> new Model(m.name(), prefix + m.file(), m.sql(), m.config()))
                        .toList(),
                pkg.seeds().stream()
                        .map(s -> new Seed(s.name(), prefix + s.file(), s.path(), s.config()))
                        .toList(),
                sources,
                pkg.genericTests().stream().map(t -> prefixed(t, prefix)).toList(),
                pkg.singularTests().stream()
                        .map(t -> new SingularTest(t.name(), prefix + t.file(), t.sql(), t.projectConfig()))
                        .toList(),
                pkg.unitTests().stream()
                        .map(t -> new UnitTest(
                                t.name(), t.model(), t.given(), t.expect(), t.overrides(), t.tags(), prefix + t.file()))
                        .toList(),
                macroFiles,
                pkg.snapshots().stream()
                        .map(s -> new Snapshot(
                                s.name(), prefix + s.file(), s.sql(), s.config(), prefix + s.compiledPath()))
                        .toList(),
                List.of());
    }

    /**
     * The root project with its packages' models, seeds, sources and tests after its own (names must stay
     * unique across them; {@link DbtProjectReader} checks models', seeds' and snapshots' within one project).
     */
    static DbtProject merged(DbtProject project, List<DbtProject> packages, List<DbtPackage> described) {
        if (packages.isEmpty()) {
            return project;
        }
        List<Model> models = new ArrayList<>(project.models());
        List<Seed> seeds = new ArrayList<>(project.seeds());
        Map<String, Source> sources = new LinkedHashMap<>(project.sources());
        List<GenericTest> genericTests = new ArrayList<>(project.genericTests());
        List<SingularTest> singularTests = new ArrayList<>(project.singularTests());
        List<UnitTest> unitTests = new ArrayList<>(project.unitTests());
        List<Snapshot> snapshots = new ArrayList<>(project.snapshots());
        Map<String, String> names = new LinkedHashMap<>();
        names.put(project.name(), "the project");
        for (int i = 0; i < packages.size(); i++) {
            DbtProject pkg = packages.get(i);
            String previous = names.put(pkg.name(), described.get(i).prefix());
            if (previous != null) {
                throw new ConfigurationException(described.get(i).prefix() + "dbt_project.yml: the package is named "
                        + pkg.name() + ", as is " + previous + "; a package's name must be its own.");
            }
            models.addAll(pkg.models());
            seeds.addAll(pkg.seeds());
            pkg.sources().forEach(sources::putIfAbsent);
            genericTests.addAll(pkg.genericTests());
            singularTests.addAll(pkg.singularTests());
            unitTests.addAll(pkg.unitTests());
            snapshots.addAll(pkg.snapshots());
        }
        Map<String, String> seen = new LinkedHashMap<>();
        List<String[]> nodes = new ArrayList<>();
        models.forEach(m -> nodes.add(new String[] {m.name(), m.file()}));
        seeds.forEach(n -> nodes.add(new String[] {n.name(), n.file()}));
        snapshots.forEach(n -> nodes.add(new String[] {n.name(), n.file()}));
        for (String[] node : nodes) {
            String previous = seen.putIfAbsent(node[0], node[1]);
            if (previous != null && !previous.equals(node[1])) {
                throw new ConfigurationException("Two nodes are named " + node[0] + ": " + previous + " and "
                        + node[1] + "; the embedded engine needs the names of models, seeds and snapshots unique"
                        + " across the project and its packages. Rename one.");
            }
        }
        return new DbtProject(
                project.root(),
                project.name(),
                project.profile(),
                project.targetDirectory(),
                project.vars(),
                List.copyOf(models),
                List.copyOf(seeds),
                java.util.Collections.unmodifiableMap(sources),
                List.copyOf(genericTests),
                List.copyOf(singularTests),
                List.copyOf(unitTests),
                project.macroFiles(),
                List.copyOf(snapshots),
                List.copyOf(described));
    }

    private static GenericTest prefixed(GenericTest t, String prefix) {
        return new GenericTest(
                t.name(),
                t.shortName(),
                t.kind(),
                t.parentKind(),
                t.parent(),
                t.column(),
                t.arguments(),
                t.config(),
                t.configValues(),
                t.projectConfig(),
                prefix + t.file(),
                t.hash(),
                t.kwargs());
    }
}
