package dev.ecommerce.maven;

import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.run.Pipeline;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.AbstractMavenReport;
import org.apache.maven.reporting.MavenReportException;

/**
 * The run report as a report of {@code mvn site}: a page "ecommerce run report" that shows the last run's
 * {@code report.html}, copied whole beside it (as {@code ecommerce/report.html}, scripts and all). Add the plugin
 * to the pom's {@code <reporting>}; {@code mvn ecommerce:report} alone writes the page to {@code target/reports}.
 * It reads what the goals wrote and runs none of them.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.SITE, threadSafe = true)
public class ReportMojo extends AbstractMavenReport {

    /** The folder under the site where the report is copied. */
    static final String FOLDER = "ecommerce";

    /** Skips every ecommerce goal, this report too. */
    @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
    private boolean skip;

    /** The folder where goals keep their state; the report is read from {@code report.html} in it. */
    @Parameter(property = PropertyNames.WORK_DIRECTORY, defaultValue = "${project.build.directory}/ecommerce")
    private File workDirectory;

    @Override
    public String getOutputName() {
        return "ecommerce-report";
    }

    @Override
    public String getName(Locale locale) {
        return "ecommerce run report";
    }

    @Override
    public String getDescription(Locale locale) {
        return "The last pipeline run: failures first, stages, tables, contracts, the dbt lineage and the history.";
    }

    @Override
    public boolean canGenerateReport() {
        if (skip) {
            getLog().info("Skipping ecommerce:report (" + PropertyNames.SKIP + " is set)");
        }
        return !skip;
    }

    @Override
    protected void executeReport(Locale locale) throws MavenReportException {
        Optional<Path> copy;
        try {
            copy = Pipeline.copyReport(
                    workDirectory.toPath(), getReportOutputDirectory().toPath().resolve(FOLDER));
        } catch (EcommerceException e) {
            throw new MavenReportException(e.getMessage(), e);
        }
        Sink sink = getSink();
        sink.head();
        sink.title();
        sink.text(getName(locale));
        sink.title_();
        sink.head_();
        sink.body();
        sink.section1();
        sink.sectionTitle1();
        sink.text(getName(locale));
        sink.sectionTitle1_();
        sink.paragraph();
        if (copy.isEmpty()) {
            sink.text("No run report yet: no ecommerce goal has run in " + workDirectory
                    + " (<workDirectory>, -D" + PropertyNames.WORK_DIRECTORY + "). Run the pipeline first,"
                    + " e.g. mvn verify site.");
            sink.paragraph_();
        } else {
            String link = FOLDER + "/" + copy.get().getFileName();
            sink.text("The last run's report, as the build wrote it to " + workDirectory + ": ");
            sink.link(link);
            sink.text("open it on its own page");
            sink.link_();
            sink.text(".");
            sink.paragraph_();
            sink.rawText("<iframe src=\"" + link + "\" title=\"ecommerce run report\""
                    + " style=\"width:100%;height:1400px;border:1px solid #dde1e8\"></iframe>");
            getLog().info("Run report for the site: " + copy.get());
        }
        sink.section1_();
        sink.body_();
        sink.flush();
        sink.close();
    }
}
