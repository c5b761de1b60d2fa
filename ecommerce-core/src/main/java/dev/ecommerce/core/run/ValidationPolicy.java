package dev.ecommerce.core.run;

import dev.ecommerce.core.DataException;
import dev.ecommerce.core.config.OnInvalid;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.config.ValidateSpec;
import dev.ecommerce.core.contract.ContractResult;
import dev.ecommerce.core.contract.ValidationReport;
import dev.ecommerce.core.contract.Violation;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.TableValidation;
import dev.ecommerce.core.warehouse.Warehouse;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What validation does with invalid rows, by {@code onInvalid}: {@code quarantine} moves them to
 * {@code <table>__rejected} (accepted + rejected = source) and fails only above {@code maxInvalidRatio};
 * {@code warn} lists them in {@code <table>__rejected} and leaves them in place (sinks leave them out);
 * {@code fail} fails naming tables, counts and the first violations.
 */
final class ValidationPolicy {

    private final ValidateSpec spec;
    private final ProgressListener progress;

    ValidationPolicy(ValidateSpec spec, ProgressListener progress) {
        this.spec = spec;
        this.progress = progress;
    }

    /**
     * Moves or marks a table's invalid rows, as the policy says, right after the table was checked, and records in
     * the same transaction that the checked rows are validated. Under {@code fail}, a table with invalid rows stays
     * pending, so the next validation checks them again.
     */
    void apply(Warehouse warehouse, Table table, ContractResult result, TableValidation.Checked checked) {
        if (result.isValid()) {
            warehouse.recordValidated(table, checked);
            return;
        }
        if (spec.onInvalid() == OnInvalid.QUARANTINE) {
            long moved = warehouse.quarantine(table, reasons(result), checked);
            step("  %s: moved %,d rows to %s", table.sqlName(), moved, Warehouse.rejectedName(table));
        } else if (spec.onInvalid() == OnInvalid.WARN) {
            long marked = warehouse.markRejected(table, reasons(result), checked);
            step(
                    "  %s: %,d invalid rows stay, listed in %s; sinks leave them out",
                    table.sqlName(), marked, Warehouse.rejectedName(table));
        }
    }

    /** Fails the goal when the policy says so, once every table was checked and the reports were written. */
    void failIfNeeded(List<ValidationReport.TableReport> reports) {
        List<ValidationReport.TableReport> invalid =
                reports.stream().filter(r -> r.rowsRejected() > 0).toList();
        if (invalid.isEmpty() || spec.onInvalid() == OnInvalid.WARN) {
            return;
        }
        if (spec.onInvalid() == OnInvalid.QUARANTINE) {
            List<String> over = invalid.stream()
                    .filter(r -> r.rowsRejected() > spec.maxInvalidRatio() * r.rowsChecked())
                    .map(ValidationPolicy::counts)
                    .toList();
            if (!over.isEmpty()) {
                throw new DataException("More rows were rejected than " + Setting.MAX_INVALID_RATIO.ref() + " "
                        + spec.maxInvalidRatio() + " allows: " + String.join(", ", over)
                        + ". The rejected rows are in <table>__rejected; fix the source or raise "
                        + Setting.MAX_INVALID_RATIO.ref() + ".");
            }
            return;
        }
        StringBuilder message = new StringBuilder("Rows break their data contracts: ");
        message.append(
                String.join(", ", invalid.stream().map(ValidationPolicy::counts).toList()));
        message.append(". First violations:");
        invalid.stream()
                .flatMap(r -> r.violations().stream())
                .limit(5)
                .forEach(v -> message.append(String.format(
                        Locale.ROOT,
                        "%n  %s row %s: %s%s (%s)",
                        v.table().sqlName(),
                        v.rowKey(),
                        v.property().isEmpty() ? "" : v.property() + " ",
                        v.message(),
                        v.invalidValue())));
        message.append(String.format(
                Locale.ROOT,
                "%nSee %s. Set %s to move invalid rows aside, or fix the source.",
                spec.reportsDirectory().resolve("validation.json"),
                Setting.ON_INVALID.set("quarantine")));
        throw new DataException(message.toString());
    }

    private static String counts(ValidationReport.TableReport report) {
        return String.format(
                Locale.ROOT,
                "%s %,d of %,d rows%s",
                report.table(),
                report.rowsRejected(),
                report.rowsChecked(),
                report.window() == null ? "" : " checked (created_at >= " + report.window() + ")");
    }

    /** Per invalid row key, its violations as one line of text. */
    private static Map<Long, String> reasons(ContractResult result) {
        Map<Long, String> reasons = new HashMap<>();
        for (Violation v : result.violations()) {
            String reason = (v.property().isEmpty() ? "" : v.property() + " ") + v.constraint() + ": " + v.message();
            reasons.merge(v.rowKey(), reason, (a, b) -> a + "; " + b);
        }
        return reasons;
    }

    private void step(String format, Object... arguments) {
        progress.on(new ProgressEvent.Step(String.format(Locale.ROOT, format, arguments)));
    }
}
