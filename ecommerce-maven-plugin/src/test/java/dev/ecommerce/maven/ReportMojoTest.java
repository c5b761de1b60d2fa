package dev.ecommerce.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.doxia.sink.impl.Xhtml5BaseSink;
import org.apache.maven.reporting.MavenReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ecommerce:report} as maven-site-plugin drives a report: {@link MavenReport#generate} with the site's sink and
 * its output folder. The site plugin's skin does not resolve offline here, so no invoker IT runs {@code mvn site};
 * and the harness cannot build the site tool a report is given (it needs a whole repository system), so the report
 * is made here with its parameters set as the plugin descriptor declares them, which the last test checks.
 */
class ReportMojoTest {

    @RegisterExtension
    final MojoHarness harness = new MojoHarness();

    /** The report with the descriptor's defaults: {@code ${project.build.directory}/ecommerce}, no skip. */
    private ReportMojo report(boolean skip) throws Exception {
        ReportMojo mojo = new ReportMojo();
        set(mojo, "workDirectory", harness.work().toFile());
        set(mojo, "skip", skip);
        mojo.setLog(harness.log());
        return mojo;
    }

    private static void set(ReportMojo mojo, String field, Object value) throws Exception {
        java.lang.reflect.Field f = ReportMojo.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(mojo, value);
    }

    private String generate(ReportMojo mojo, Path site) throws Exception {
        StringWriter page = new StringWriter();
        mojo.setReportOutputDirectory(site.toFile());
        mojo.generate(new Xhtml5BaseSink(page), Locale.ENGLISH);
        return page.toString();
    }

    @Test
    @MojoParameter(name = "scale", value = "0.001")
    @MojoParameter(name = "tables", value = "users")
    void theSitePageShowsTheLastRunsReportCopiedBesideIt(@InjectMojo(goal = "ingest") IngestMojo ingest)
            throws Exception {
        ingest.execute();
        ReportMojo report = report(false);
        Path site = harness.dir().resolve("target/site");

        assertThat(report).isInstanceOf(MavenReport.class);
        assertThat(report.canGenerateReport()).isTrue();
        assertThat(report.getOutputName()).isEqualTo("ecommerce-report");
        assertThat(report.getName(Locale.ENGLISH)).isEqualTo("ecommerce run report");
        String page = generate(report, site);

        Path copy = site.resolve("ecommerce/report.html");
        assertThat(copy).hasSameBinaryContentAs(harness.work().resolve("report.html"));
        assertThat(Files.readString(copy)).contains("<section id=\"tables\">").contains("data-table=\"users\"");
        assertThat(page)
                .contains("ecommerce run report")
                .contains("<a href=\"ecommerce/report.html\"")
                .contains("<iframe src=\"ecommerce/report.html\"");
    }

    @Test
    void withoutARunThePageSaysHowToGetOne() throws Exception {
        ReportMojo report = report(false);
        Path site = harness.dir().resolve("target/site");

        String page = generate(report, site);

        assertThat(page)
                .contains("No run report yet: no ecommerce goal has run in " + harness.work())
                .contains("(&lt;workDirectory&gt;, -Decommerce.workDirectory)");
        assertThat(site.resolve("ecommerce/report.html")).doesNotExist();
    }

    @Test
    void ecommerceSkipLeavesTheReportOut() throws Exception {
        assertThat(report(true).canGenerateReport()).isFalse();
        assertThat(harness.log().infoLines()).containsExactly("Skipping ecommerce:report (ecommerce.skip is set)");
    }

    @Test
    void theDescriptorDeclaresTheReportWithTheWorkDirectoryAndSkipOfTheOtherGoals() throws Exception {
        String descriptor;
        try (var in = ReportMojo.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            descriptor = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        int start = descriptor.indexOf("<goal>report</goal>");
        assertThat(start).isPositive();
        String mojo = descriptor.substring(start, descriptor.indexOf("</mojo>", start));
        assertThat(mojo)
                .contains("<phase>site</phase>")
                .contains(
                        "<workDirectory implementation=\"java.io.File\" default-value=\"${project.build.directory}/ecommerce\">${ecommerce.workDirectory}</workDirectory>")
                .contains("<skip implementation=\"boolean\" default-value=\"false\">${ecommerce.skip}</skip>");
    }
}
