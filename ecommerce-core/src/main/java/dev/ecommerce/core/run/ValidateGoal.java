package dev.ecommerce.core.run;

import dev.ecommerce.core.DataException;
import dev.ecommerce.core.config.TableChecks;
import dev.ecommerce.core.config.ValidateSpec;
import dev.ecommerce.core.contract.CompiledContract;
import dev.ecommerce.core.contract.ContractEngine;
import dev.ecommerce.core.contract.ContractResult;
import dev.ecommerce.core.contract.Contracts;
import dev.ecommerce.core.contract.ValidationReport;
import dev.ecommerce.core.contract.tablecheck.TableCheckResult;
import dev.ecommerce.core.contract.tablecheck.TableChecker;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.Warehouse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The validate goal: the rows loaded since the last validation ({@link ValidationScope}; every row the first time,
 * after a whole load or when the contract changed) against their table's contract (compiled to SQL, with a per-row
 * fallback), the policy applied per table and recorded with what was checked in one transaction, then the checks on
 * whole tables ({@link TableChecker}) with their baselines recorded; the JSON and JUnit XML reports and the manifest
 * written, then the policy's verdict and the table checks'.
 */
final class ValidateGoal {

    private ValidateGoal() {}

    static Pipeline.ValidateResult run(ValidateSpec spec, ProgressListener progress) {
        long start = System.nanoTime();
        Instant started = Instant.now();
        RunManifest manifest = RunManifest.current(spec.workDirectory());
        ValidationPolicy policy = new ValidationPolicy(spec, progress);
        List<ValidationReport.TableReport> reports = new ArrayList<>();
        List<TableCheckResult> checks = List.of();
        try (Warehouse warehouse = Warehouse.openForUpdate(spec.warehouse(), spec.duckDb());
                ContractEngine engine = ContractEngine.create()) {
            warehouse.requireTables(spec.tables(), "validate");
            String onInvalid = spec.onInvalid().name().toLowerCase(Locale.ROOT);
            for (Table table : spec.tables()) {
                Class<?> contract = spec.contracts().getOrDefault(table, Contracts.of(table));
                CompiledContract compiled = engine.compile(table, contract);
                String contracts = compiled.fingerprint();
                ValidationScope scope = ValidationScope.of(table, warehouse.validation(table), contracts, onInvalid);
                ContractResult result = scope.nothing()
                        ? new ContractResult(table, contract, 0, List.of(), List.of(), compiled.fallbackProperties())
                        : engine.check(warehouse, table, contract, scope.since());
                ValidationReport.TableReport report = ValidationReport.of(
                        compiled,
                        result,
                        scope.window(),
                        warehouse.rowCount(table) - result.rowsChecked(),
                        scope.reason());
                reports.add(report);
                log(report, progress);
                if (!scope.nothing()) {
                    policy.apply(warehouse, table, result, scope.checked(contracts, onInvalid, manifest.runId()));
                }
            }
            if (!spec.tableChecks().equals(TableChecks.NONE)) {
                TableChecker.Outcome outcome =
                        TableChecker.run(warehouse, spec.tables(), spec.tableChecks(), Instant.now(), manifest.runId());
                warehouse.recordBaselines(outcome.baselines());
                checks = outcome.results();
                logChecks(checks, progress);
            }
        }
        new ValidationReport(manifest.runId(), spec.onInvalid(), reports, checks).write(spec.reportsDirectory());
        manifest.withValidation(new RunManifest.Validation(
                        started.toString(),
                        Instant.now().toString(),
                        spec.onInvalid().name().toLowerCase(Locale.ROOT),
                        reports.stream()
                                .map(r -> new RunManifest.ValidationEntry(
                                        r.table(),
                                        r.contract(),
                                        r.rowsChecked(),
                                        r.rowsRejected(),
                                        r.window(),
                                        r.rowsValidatedBefore()))
                                .toList(),
                        checks.stream()
                                .map(c -> new RunManifest.TableCheckEntry(
                                        c.check(), c.table(), c.subject(), c.status(), c.observed()))
                                .toList()))
                .write(spec.workDirectory());
        try {
            policy.failIfNeeded(reports);
        } catch (DataException contracts) {
            List<String> failed = checks.stream()
                    .filter(TableCheckResult::failed)
                    .map(TableCheckResult::name)
                    .toList();
            if (failed.isEmpty()) {
                throw contracts;
            }
            throw new DataException(contracts.getMessage()
                    + String.format(
                            Locale.ROOT,
                            "%nTable checks failed too: %s (see the same report).",
                            String.join(", ", failed)));
        }
        TableChecker.failIfNeeded(checks, spec.reportsDirectory().resolve("validation.json"));
        return new Pipeline.ValidateResult(manifest.runId(), reports, checks, (System.nanoTime() - start) / 1e9);
    }

    /** The table checks as a table in the log, the checks that found something as warnings. */
    private static void logChecks(List<TableCheckResult> checks, ProgressListener progress) {
        String format = "  %-10s %-20s %-6s %s";
        progress.on(new ProgressEvent.Step("Table checks:"));
        progress.on(new ProgressEvent.Step(String.format(Locale.ROOT, format, "check", "table", "status", "found")));
        for (TableCheckResult check : checks) {
            String found = check.subject().contains(" -> ")
                    ? check.subject().substring(check.subject().indexOf('.') + 1) + ": " + check.observed()
                    : check.observed();
            progress.on(new ProgressEvent.Step(
                    String.format(Locale.ROOT, format, check.check(), check.table(), check.status(), found)));
        }
        long warned = checks.stream()
                .filter(c -> TableCheckResult.WARN.equals(c.status()))
                .count();
        if (warned > 0) {
            progress.on(new ProgressEvent.Warning(String.format(
                    Locale.ROOT,
                    "%d table checks warn: %s",
                    warned,
                    String.join(
                            "; ",
                            checks.stream()
                                    .filter(c -> TableCheckResult.WARN.equals(c.status()))
                                    .map(c -> c.name() + ": " + c.observed())
                                    .toList()))));
        }
    }

    private static void log(ValidationReport.TableReport report, ProgressListener progress) {
        progress.on(new ProgressEvent.Step(String.format(
                Locale.ROOT,
                "  %s: %,d rows checked, %,d rejected%s%s",
                report.table(),
                report.rowsChecked(),
                report.rowsRejected(),
                report.window() == null && report.rowsValidatedBefore() == 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                " (%s; %,d rows validated before)",
                                report.window() == null ? "none pending" : "created_at >= " + report.window(),
                                report.rowsValidatedBefore()),
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
