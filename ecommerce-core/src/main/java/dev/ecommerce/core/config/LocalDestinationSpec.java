package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Local files: {@code <outputDirectory>/<table>.<format>}.
 *
 * @param outputDirectory the folder the files go to (created when missing)
 * @param formats the formats to write
 */
public record LocalDestinationSpec(Path outputDirectory, Set<FileFormat> formats) implements DestinationSpec {

    public LocalDestinationSpec {
        if (outputDirectory == null) {
            throw new ConfigurationException("Set <outputDirectory> (-Decommerce.outputDirectory) for the local sink.");
        }
        formats = Set.copyOf(formats);
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.LOCAL;
    }
}
