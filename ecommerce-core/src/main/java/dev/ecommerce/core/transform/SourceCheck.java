package dev.ecommerce.core.transform;

import dev.ecommerce.core.DataException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.transform.execute.Database;
import dev.ecommerce.core.transform.execute.ExternalFiles;
import dev.ecommerce.core.transform.project.Definitions.Source;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The source tables a run reads, made ready before anything runs. */
final class SourceCheck {

    private SourceCheck() {}

    /**
     * Fails before anything runs when a source the selected models read is not in the database; the file of
     * an external source is staged (downloaded from S3) here, once.
     */
    static void require(Plan plan, Database database, ExternalFiles files) {
        Set<String> used = new TreeSet<>();
        plan.selected().forEach(name -> used.addAll(plan.nodes().get(name).sources()));
        List<String> missing = new ArrayList<>();
        try {
            for (String key : used) {
                Source source = plan.dbt().sources().get(key);
                if (source.externalLocation() != null) {
                    files.stage(
                            source.externalLocation(),
                            "source " + key + " (" + source.file() + ", meta.external_location)");
                } else if (source.database() == null
                        && database.relationType(source.schema(), source.identifier()) == null) {
                    missing.add(source.schema() + "." + source.identifier() + " (source " + key + ", " + source.file()
                            + ")");
                }
            }
        } catch (SQLException e) {
            throw new InfrastructureException(
                    "Cannot read the catalogue of " + plan.profile().displayPath() + ": " + e.getMessage(), e);
        }
        if (!missing.isEmpty()) {
            throw new DataException("The database of target " + plan.profile().target() + " ("
                    + plan.profile().displayPath() + ") has no " + String.join(", ", missing)
                    + ": run the ingest goal first (mvn ecommerce:ingest), or fix the source's schema or identifier.");
        }
    }
}
