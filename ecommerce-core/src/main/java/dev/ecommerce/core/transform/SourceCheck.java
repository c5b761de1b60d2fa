package dev.ecommerce.core.transform;

import dev.ecommerce.core.transform.execute.Database;
import dev.ecommerce.core.transform.execute.ExternalFiles;
import dev.ecommerce.core.transform.project.Definitions.Source;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The source tables a run reads. As in dbt, nothing checks up front that they exist (a seed of the same
 * project may create one): a missing one fails the nodes that read it, and {@link #missing} explains why.
 */
final class SourceCheck {

    private SourceCheck() {}

    /** Stages (downloads from S3) the file of every external source the selected models read, once. */
    static void stage(Plan plan, ExternalFiles files) {
        Set<String> used = new TreeSet<>();
        plan.selected().forEach(name -> used.addAll(plan.nodes().get(name).sources()));
        for (String key : used) {
            Source source = plan.dbt().sources().get(key);
            if (source.externalLocation() != null) {
                files.stage(
                        source.externalLocation(),
                        "source " + key + " (" + source.file() + ", meta.external_location)");
            }
        }
    }

    /**
     * Why a node that read {@code sources} failed, when some of them do not exist in the database: the
     * missing relations with their sources, and what to do; null when they all exist.
     */
    static String missing(Plan plan, Database database, Set<String> sources) {
        List<String> missing = new ArrayList<>();
        try {
            for (String key : sources) {
                Source source = plan.dbt().sources().get(key);
                if (source != null
                        && source.externalLocation() == null
                        && source.database() == null
                        && database.relationType(source.schema(), source.identifier()) == null) {
                    missing.add(source.schema() + "." + source.identifier() + " (source " + key + ", " + source.file()
                            + ")");
                }
            }
        } catch (SQLException e) {
            return null; // the node's own error says enough
        }
        return missing.isEmpty()
                ? null
                : "the database of target " + plan.profile().target() + " ("
                        + plan.profile().displayPath()
                        + ") has no " + String.join(", ", missing) + ": run the ingest goal first (mvn"
                        + " ecommerce:ingest), or fix the source's schema or identifier";
    }
}
