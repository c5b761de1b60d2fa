package dev.ecommerce.maven;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.ContractClasses;
import dev.ecommerce.core.config.OnInvalid;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.config.Settings;
import dev.ecommerce.core.config.TableChecks;
import dev.ecommerce.core.config.TableSelection;
import dev.ecommerce.core.config.ValidateSpec;
import dev.ecommerce.core.run.Pipeline;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Checks every warehouse row against its table's data contract (Bean Validation annotations compiled to
 * SQL). Bound to {@code process-classes}: after {@code compile}, so contracts written in the project's own
 * code (or a dependency) can replace the built-in ones.
 */
@Mojo(
        name = "validate",
        defaultPhase = LifecyclePhase.PROCESS_CLASSES,
        requiresDependencyResolution = ResolutionScope.COMPILE,
        threadSafe = true)
public class ValidateMojo extends AbstractEcommerceMojo {

    /** Skips this goal only. */
    @Parameter(property = PropertyNames.VALIDATE_SKIP, defaultValue = "false")
    private boolean skipValidate;

    /** Tables to check, e.g. {@code orders,users}; unset means TABLE_NAMES, else all seven. */
    @Parameter(property = PropertyNames.TABLES)
    private List<String> tables;

    /**
     * What to do with invalid rows: {@code fail} (the build fails naming them), {@code quarantine} (move them to
     * {@code <table>__rejected}) or {@code warn}.
     */
    @Parameter(property = PropertyNames.ON_INVALID, defaultValue = OnInvalid.DEFAULT)
    private String onInvalid;

    /** With {@code quarantine}: fail anyway when more than this share (0 to 1) of a table's rows is rejected. */
    @Parameter(property = PropertyNames.MAX_INVALID_RATIO, defaultValue = "" + ValidateSpec.DEFAULT_MAX_INVALID_RATIO)
    private double maxInvalidRatio;

    /**
     * Contracts replacing the built-in ones, as {@code table=fully.qualified.RecordClass}, loaded from the
     * project's compile classpath (its own classes or a dependency).
     */
    @Parameter(property = PropertyNames.CONTRACTS)
    private List<String> contracts;

    /**
     * Checks on whole tables after the row contracts, as {@code check: key=value, ...; check: ...} over thelook's
     * defaults ({@code freshness: maxAge=2d, severity=warn; volume: maxChange=50%, severity=warn; schema:
     * policy=evolve; primaryKeys: severity=fail; foreignKeys: severity=warn}); {@code check: off} or {@code none}
     * turns checks off.
     */
    @Parameter(property = PropertyNames.TABLE_CHECKS)
    private String tableChecks;

    @Override
    String goal() {
        return "validate";
    }

    @Override
    boolean skipGoal() {
        return skipValidate;
    }

    @Override
    void run(Settings settings) {
        ValidateSpec spec = new ValidateSpec(
                layout().workDirectory(),
                layout().warehouse(),
                TableSelection.resolve(tables, settings),
                OnInvalid.parse(onInvalid),
                maxInvalidRatio,
                contracts == null || contracts.isEmpty()
                        ? Map.of()
                        : ContractClasses.load(contracts, projectClassLoader()),
                duckDb(),
                TableChecks.parse(tableChecks));
        Pipeline.ValidateResult result = Pipeline.validate(spec, this::log);
        info(String.format(
                java.util.Locale.ROOT,
                "Validated %d tables%s in %.2f s; reports in %s",
                result.tables().size(),
                result.tableChecks().isEmpty()
                        ? ""
                        : String.format(
                                java.util.Locale.ROOT,
                                ", %d table checks (%d warn)",
                                result.tableChecks().size(),
                                result.tableChecksWarned()),
                result.seconds(),
                spec.reportsDirectory()));
    }

    /** The project's classes and compile dependencies, over the plugin's own (so annotations are shared). */
    private ClassLoader projectClassLoader() {
        try {
            List<URL> urls = new ArrayList<>();
            for (String element : project.getCompileClasspathElements()) {
                urls.add(new File(element).toURI().toURL());
            }
            return new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
        } catch (DependencyResolutionRequiredException | MalformedURLException e) {
            throw new ConfigurationException(
                    "Cannot read the project's compile classpath for " + Setting.CONTRACTS.ref(), e);
        }
    }
}
