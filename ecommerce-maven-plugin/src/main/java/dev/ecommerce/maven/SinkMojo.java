package dev.ecommerce.maven;

import dev.ecommerce.core.config.DestinationKind;
import dev.ecommerce.core.config.DestinationSpec;
import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.config.LocalDestinationSpec;
import dev.ecommerce.core.config.Settings;
import dev.ecommerce.core.config.SinkSpec;
import dev.ecommerce.core.config.TableSelection;
import dev.ecommerce.core.run.Pipeline;
import java.io.File;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Exports warehouse tables to the configured destinations. Bound to {@code prepare-package}: after the
 * data was loaded, checked and the project's tests ran, and before anything is packaged or published.
 */
@Mojo(name = "sink", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public class SinkMojo extends AbstractEcommerceMojo {

    /** Skips this goal only. */
    @Parameter(property = PropertyNames.SINK_SKIP, defaultValue = "false")
    private boolean skipSink;

    /**
     * Tables to export, e.g. {@code orders,users}; unset means {@code TABLE_NAMES} from the environment or
     * {@code .env}, else all seven. Each must be in the warehouse.
     */
    @Parameter(property = PropertyNames.TABLES)
    private List<String> tables;

    /** Destinations: {@code local}; unset means {@code DESTINATION} from the environment or {@code .env}, else local. */
    @Parameter(property = PropertyNames.DESTINATIONS)
    private List<String> destinations;

    /** The folder the {@code local} destination writes {@code <table>.csv} and {@code <table>.parquet} into. */
    @Parameter(property = PropertyNames.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}/ecommerce/out")
    private File outputDirectory;

    /** File formats of the {@code local} destination: {@code csv}, {@code parquet}, or both (the default). */
    @Parameter(property = PropertyNames.FORMATS, defaultValue = "csv,parquet")
    private List<String> formats;

    /** Also write {@code <table>__rejected.<format>}: the rows validation rejected, with their violations. */
    @Parameter(property = PropertyNames.EXPORT_REJECTED, defaultValue = "false")
    private boolean exportRejected;

    @Override
    String goal() {
        return "sink";
    }

    @Override
    boolean skipGoal() {
        return skipSink;
    }

    @Override
    void run(Settings settings) {
        Set<DestinationKind> kinds = DestinationKind.resolve(destinations, settings);
        Set<FileFormat> fileFormats = FileFormat.parseAll(formats, "<formats> (-D" + PropertyNames.FORMATS + ")");
        List<DestinationSpec> specs = kinds.stream()
                .map(kind -> (DestinationSpec)
                        new LocalDestinationSpec(outputDirectory.toPath(), fileFormats, exportRejected))
                .toList();
        SinkSpec spec = new SinkSpec(
                workDirectory.toPath(), warehouse.toPath(), TableSelection.resolve(tables, settings), specs);
        Pipeline.SinkResult result = Pipeline.sink(spec, this::log);
        logSummary(result.tables(), result.seconds());
    }
}
