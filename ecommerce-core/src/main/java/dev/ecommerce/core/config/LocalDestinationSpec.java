package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Local files: {@code <outputDirectory>/<table>.<format>}, published as one set per run.
 *
 * @param outputDirectory the folder readers see: a link to the run's folder under {@code
 *     <outputDirectory>.generations/} (created when missing)
 * @param formats the formats to write
 * @param exportRejected also write {@code <table>__rejected.<format>}: the rows validation rejected
 */
public record LocalDestinationSpec(Path outputDirectory, Set<FileFormat> formats, boolean exportRejected)
        implements DestinationSpec {

    /** Valid rows only. */
    public LocalDestinationSpec(Path outputDirectory, Set<FileFormat> formats) {
        this(outputDirectory, formats, false);
    }

    public LocalDestinationSpec {
        if (outputDirectory == null) {
            throw new ConfigurationException("Set " + Setting.OUTPUT_DIRECTORY.ref() + " for the local sink.");
        }
        formats = Set.copyOf(formats);
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.LOCAL;
    }
}
