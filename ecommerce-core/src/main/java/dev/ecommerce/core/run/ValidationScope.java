package dev.ecommerce.core.run;

import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.TableValidation;
import java.time.Instant;
import java.util.Optional;

/**
 * Which rows of a table validation checks: only those loaded since the last validation ({@code created_at} at or
 * after the earliest window loaded since), or the whole table when it was never validated, was loaded whole since,
 * or was validated against other contracts or with another policy.
 *
 * @param since the first {@code created_at} checked; null for the whole table
 * @param nothing true when no row is pending: none is checked
 * @param reason why these rows, in words, for the log and the reports
 */
record ValidationScope(Instant since, boolean nothing, String reason) {

    static ValidationScope of(Table table, Optional<TableValidation> state, String contracts, String onInvalid) {
        if (state.isEmpty()) {
            return new ValidationScope(null, false, "whole table: not validated since it was loaded whole");
        }
        TableValidation last = state.get();
        if (!contracts.equals(last.contracts())) {
            return new ValidationScope(null, false, "whole table: the contract changed since the last validation");
        }
        if (!onInvalid.equals(last.onInvalid())) {
            return new ValidationScope(
                    null,
                    false,
                    "whole table: the last validation ran with onInvalid " + last.onInvalid() + ", this one with "
                            + onInvalid);
        }
        if (last.pendingFrom() == null) {
            return new ValidationScope(
                    null, true, "no rows: none loaded since the last validation (run " + last.runId() + ")");
        }
        if (!TableValidation.hasCreatedAt(table)) {
            return new ValidationScope(null, false, "whole table: it has no created_at");
        }
        return new ValidationScope(
                last.pendingFrom(),
                false,
                "rows created since " + last.pendingFrom() + " (loaded since the last validation); older rows were"
                        + " validated before (run " + last.runId() + ")");
    }

    /** The start of the window checked, as text; null for the whole table. */
    String window() {
        return since == null ? null : since.toString();
    }

    /** What this validation checked, as the warehouse records it with the verdicts. */
    TableValidation.Checked checked(String contracts, String onInvalid, String runId) {
        return new TableValidation.Checked(since, contracts, onInvalid, runId);
    }
}
