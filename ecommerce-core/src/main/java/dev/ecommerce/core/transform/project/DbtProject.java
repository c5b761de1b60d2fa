package dev.ecommerce.core.transform.project;

import dev.ecommerce.core.transform.project.Definitions.GenericTest;
import dev.ecommerce.core.transform.project.Definitions.Model;
import dev.ecommerce.core.transform.project.Definitions.Seed;
import dev.ecommerce.core.transform.project.Definitions.SingularTest;
import dev.ecommerce.core.transform.project.Definitions.Snapshot;
import dev.ecommerce.core.transform.project.Definitions.Source;
import dev.ecommerce.core.transform.project.Definitions.UnitTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A dbt project read from disk the way dbt reads it ({@link DbtProjectReader}): {@code dbt_project.yml} (paths,
 * vars, folder configs), SQL models, macros, seeds, singular tests, and the schema files' models, sources, seeds,
 * tests and unit tests. Anything the embedded engine cannot honour is a
 * {@link dev.ecommerce.core.ConfigurationException} naming the file. Immutable once read.
 *
 * @param targetDirectory where dbt's artifacts go ({@code target-path})
 * @param macroFiles macro files' text by project-relative path
 * @param snapshots the {@code {% snapshot %}} blocks of {@code snapshot-paths}, then the schema files'
 *     snapshots with a {@code relation}
 * @param packages its dbt packages ({@link DbtPackage}), whose models, seeds, sources and tests are among the
 *     project's (their files named from the root project's folder, package folder first); macros apart
 */
public record DbtProject(
        Path root,
        String name,
        String profile,
        Path targetDirectory,
        Map<String, Object> vars,
        List<Model> models,
        List<Seed> seeds,
        Map<String, Source> sources,
        List<GenericTest> genericTests,
        List<SingularTest> singularTests,
        List<UnitTest> unitTests,
        Map<String, String> macroFiles,
        List<Snapshot> snapshots,
        List<DbtPackage> packages) {

    /**
     * What must be known before the profile can be read: the project's name, profile and vars, and (for the
     * macros) its {@code dispatch:} config, the search order of packages by macro namespace.
     *
     * @param targetPath where dbt's artifacts go ({@code target-path}), relative to the project
     * @param inputs the files and folders (relative to the project) that reading the project reads: its
     *     paths for models, seeds, snapshots, macros and tests, its installed packages, its YAML files
     */
    public record Header(
            String name,
            String profile,
            Map<String, Object> vars,
            Map<String, List<String>> dispatch,
            String targetPath,
            List<String> inputs) {}

    /**
     * The {@link Header#inputs} of a dbt_project.yml that sets none of the keys they depend on (the folders'
     * defaults), told from its text alone; null when it may set one. The YAML need not be read to know them.
     */
    public static List<String> defaultInputs(String projectYml) {
        return DbtProjectReader.defaultInputs(projectYml);
    }

    /** Reads {@code dbt_project.yml}'s name, profile and vars. */
    public static Header header(Path root) {
        return DbtProjectReader.header(root);
    }

    /**
     * Reads the project in {@code root}.
     *
     * @param render renders Jinja in config values of dbt_project.yml and schema files (dbt renders them with
     *     {@code target}, {@code var} and {@code env_var})
     */
    public static DbtProject load(Path root, UnaryOperator<String> render) {
        return DbtProjectReader.load(root, render, null);
    }

    /** {@link #load(Path, UnaryOperator)}, with some of its files read ahead ({@link ProjectFiles#readAhead}). */
    public static DbtProject load(Path root, UnaryOperator<String> render, ProjectFiles ahead) {
        return DbtProjectReader.load(root, render, ahead);
    }

    /** This project with other models (their SQL read again, say). */
    public DbtProject withModels(List<Model> models) {
        return new DbtProject(
                root,
                name,
                profile,
                targetDirectory,
                vars,
                models,
                seeds,
                sources,
                genericTests,
                singularTests,
                unitTests,
                macroFiles,
                snapshots,
                packages);
    }

    /** The package that defines {@code file} (named from the project's folder): a package's name, else the project's. */
    public String packageOf(String file) {
        for (DbtPackage pkg : packages) {
            if (pkg.owns(file)) {
                return pkg.name();
            }
        }
        return name;
    }

    /** The package that declares the source table {@code key} ({@code source.table}). */
    public String sourcePackage(String key) {
        Source source = sources.get(key);
        return source == null ? name : packageOf(source.file());
    }

    /** {@code file} relative to its package's folder ({@code models/x.sql}), as dbt's manifest shows it. */
    public String pathInPackage(String file) {
        for (DbtPackage pkg : packages) {
            if (pkg.owns(file)) {
                return file.substring(pkg.prefix().length());
            }
        }
        return file;
    }

    /** A project file's path relative to the project, with {@code /}. */
    public String relative(Path file) {
        return relative(root, file);
    }

    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
