package dev.ecommerce.core.transform;

import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.config.TransformEngineKind;
import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.transform.artifacts.StateManifest;
import dev.ecommerce.core.transform.execute.Database;
import dev.ecommerce.core.transform.execute.ExternalFiles;
import dev.ecommerce.core.transform.graph.PreviousState;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The embedded dbt engine: reads the project, plans the run ({@link Planner}: renders with Jinjava, names,
 * orders, selects, compiles), runs the plan on DuckDB ({@link NodeRunner}: {@code dbt build}'s order, one
 * node at a time) and writes dbt's artifacts ({@link RunArtifacts}).
 */
final class EmbeddedEngine implements TransformEngine {

    @Override
    public TransformResult run(TransformSpec spec, Consumer<String> log) {
        long start = System.nanoTime();
        LoadedProject project = LoadedProject.load(spec);
        PreviousState state = spec.stateDirectory() == null
                ? null
                : StateManifest.read(spec.stateDirectory(), Setting.TRANSFORM_STATE.ref());
        Planner planner = new Planner(project);
        Planner.Parsed parsed = project.parsed() != null ? project.parsed() : planner.parse();
        Plan plan = planner.plan(parsed, spec.select(), spec.exclude(), state);
        // all the time before the run that is not reading the files nor the DAG counts as rendering (compiling and
        // planning the tests too): the three add up to the wall time
        double renderSeconds = seconds(start) - project.parseSeconds() - plan.dagSeconds();
        log.accept(plan.summary());
        CompletableFuture<Void> keeping = project.keep(parsed);
        if (project.parsed() != null) {
            log.accept("Partial parsing: nothing changed since the last run; its parse is used (" + PartialParse.FILE
                    + ")");
        } else {
            if (project.edited() != null) {
                log.accept(
                        "Partial parsing: " + project.edited().files() + " edited model file(s) read again, the rest of"
                                + " the project as last read (" + PartialParse.FILE + ")");
            }
            if (project.cache().hits() > 0) {
                log.accept("Partial parsing: " + project.cache().hits() + " of "
                        + plan.dbt().models().size() + " models unchanged since the last run, not rendered again ("
                        + RenderCache.FILE + ")");
            }
        }
        plan.warnings().forEach(warning -> log.accept("WARNING: " + warning));
        RunOutcome outcome;
        double querySeconds;
        project.prepare();
        SqlFiles sqlFiles = RunArtifacts.sqlFiles(plan);
        RunResultsAhead results = new RunResultsAhead(plan);
        CompletableFuture<Void> manifest = RunArtifacts.startManifest(plan, sqlFiles);
        try (ExternalFiles files = project.files();
                Database database =
                        Database.open(project.profile(), spec.projectDirectory(), spec.environment(), spec.duckDb())) {
            SourceCheck.stage(plan, files);
            outcome = new NodeRunner(
                            plan, new RunContext(project, database, spec.fullRefresh(), log, sqlFiles, results))
                    .run();
            querySeconds = database.seconds();
        } catch (RuntimeException | Error e) {
            // the run broke off: the files being written are finished before the failure goes up, never after
            RunArtifacts.settle(sqlFiles, manifest, e);
            results.stop();
            keeping.join();
            throw e;
        }
        long artifactStart = System.nanoTime();
        Path runResults = RunArtifacts.write(plan, spec, outcome, sqlFiles, manifest, results, seconds(start));
        keeping.join(); // written beside the run; done before the run is
        TransformResult.Timings timings = new TransformResult.Timings(
                project.parseSeconds(), renderSeconds, plan.dagSeconds(), querySeconds, seconds(artifactStart));
        log.accept(String.format(
                Locale.ROOT,
                "Embedded engine: parse %.3f s, render %.3f s, DAG %.3f s (overhead %.3f s); DuckDB %.3f s;"
                        + " artifacts %.3f s",
                timings.parseSeconds(),
                timings.renderSeconds(),
                timings.dagSeconds(),
                timings.overheadSeconds(),
                timings.querySeconds(),
                timings.artifactSeconds()));
        return new TransformResult(
                TransformEngineKind.EMBEDDED,
                project.profile().target(),
                outcome.results(),
                seconds(start),
                timings,
                runResults,
                outcome.faults());
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
