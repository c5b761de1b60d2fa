package dev.ecommerce.core.run;

import dev.ecommerce.core.config.ValidateSpec;
import dev.ecommerce.core.contract.ContractEngine;
import dev.ecommerce.core.contract.ContractResult;
import dev.ecommerce.core.contract.Contracts;
import dev.ecommerce.core.contract.ValidationReport;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.Warehouse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The validate goal: every row against its table's contract (compiled to SQL, with a per-row fallback), the
 * policy applied per table, the JSON and JUnit XML reports and the manifest written, then the policy's verdict.
 */
final class ValidateGoal {

    private ValidateGoal() {}

    static Pipeline.ValidateResult run(ValidateSpec spec, ProgressListener progress) {
        long start = System.nanoTime();
        Instant started = Instant.now();
        RunManifest manifest = RunManifest.current(spec.workDirectory());
        ValidationPolicy policy = new ValidationPolicy(spec, progress);
        List<ValidationReport.TableReport> reports = new ArrayList<>();
        try (Warehouse warehouse = Warehouse.openForUpdate(spec.warehouse(), spec.duckDb());
                ContractEngine engine = ContractEngine.create()) {
            warehouse.requireTables(spec.tables(), "validate");
            for (Table table : spec.tables()) {
                Class<?> contract = spec.contracts().getOrDefault(table, Contracts.of(table));
                ContractResult result = engine.check(warehouse, table, contract);
                ValidationReport.TableReport report = ValidationReport.of(engine.compile(table, contract), result);
                reports.add(report);
                log(report, progress);
                policy.apply(warehouse, table, result);
            }
        }
        new ValidationReport(manifest.runId(), spec.onInvalid(), reports).write(spec.reportsDirectory());
        manifest.withValidation(new RunManifest.Validation(
                        started.toString(),
                        Instant.now().toString(),
                        spec.onInvalid().name().toLowerCase(Locale.ROOT),
                        reports.stream()
                                .map(r -> new RunManifest.ValidationEntry(
                                        r.table(), r.contract(), r.rowsChecked(), r.rowsRejected()))
                                .toList()))
                .write(spec.workDirectory());
        policy.failIfNeeded(reports);
        return new Pipeline.ValidateResult(manifest.runId(), reports, (System.nanoTime() - start) / 1e9);
    }

    private static void log(ValidationReport.TableReport report, ProgressListener progress) {
        progress.on(new ProgressEvent.Step(String.format(
                Locale.ROOT,
                "  %s: %,d rows checked, %,d rejected%s",
                report.table(),
                report.rowsChecked(),
                report.rowsRejected(),
                report.fallbackProperties().isEmpty()
                        ? ""
                        : " (row by row: "
                                + String.join(
                                        ", ",
                                        report.fallbackProperties().stream()
                                                .map(p -> p.isEmpty() ? "class" : p)
                                                .toList())
                                + ")")));
        report.constraints().stream()
                .filter(c -> c.violations() > 0)
                .sorted(Comparator.comparingLong(ValidationReport.ConstraintReport::violations)
                        .reversed())
                .limit(3)
                .forEach(c -> progress.on(new ProgressEvent.Step(String.format(
                        Locale.ROOT,
                        "    %s x%,d, e.g. row %s: %s (%s)",
                        c.name(),
                        c.violations(),
                        c.example().rowKey(),
                        c.example().message(),
                        c.example().invalidValue()))));
    }
}
