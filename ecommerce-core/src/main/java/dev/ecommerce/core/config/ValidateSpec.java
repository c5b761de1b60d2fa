package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.schema.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything validation needs.
 *
 * @param workDirectory where goals keep their state; reports go to {@code reports/} under it
 * @param warehouse the DuckDB file
 * @param tables the tables to check
 * @param onInvalid what to do with invalid rows
 * @param maxInvalidRatio with {@link OnInvalid#QUARANTINE}, fail when a table's rejected share exceeds it
 * @param contracts per table, a contract class replacing the built-in one
 * @param duckDb memory limit, threads and temp directory of the DuckDB databases; null for the defaults
 * @param tableChecks the checks on whole tables run after the row contracts; null for {@link TableChecks#DEFAULTS}
 */
public record ValidateSpec(
        Path workDirectory,
        Path warehouse,
        List<Table> tables,
        OnInvalid onInvalid,
        double maxInvalidRatio,
        Map<Table, Class<?>> contracts,
        DuckDbSettings duckDb,
        TableChecks tableChecks) {

    /** The default share of rejected rows {@code quarantine} tolerates per table. */
    public static final double DEFAULT_MAX_INVALID_RATIO = 0.01;

    public ValidateSpec {
        tables = List.copyOf(tables);
        contracts = Map.copyOf(contracts);
        duckDb = duckDb == null ? DuckDbSettings.defaults(workDirectory) : duckDb;
        tableChecks = tableChecks == null ? TableChecks.DEFAULTS : tableChecks;
        if (!(maxInvalidRatio >= 0 && maxInvalidRatio <= 1)) {
            throw new ConfigurationException(
                    Setting.MAX_INVALID_RATIO.ref() + " must be between 0 and 1" + " (got " + maxInvalidRatio + ").");
        }
    }

    /** With the default DuckDB settings and table checks. */
    public ValidateSpec(
            Path workDirectory,
            Path warehouse,
            List<Table> tables,
            OnInvalid onInvalid,
            double maxInvalidRatio,
            Map<Table, Class<?>> contracts) {
        this(workDirectory, warehouse, tables, onInvalid, maxInvalidRatio, contracts, null, null);
    }

    /** Where the JSON and JUnit XML reports go. */
    public Path reportsDirectory() {
        return WorkLayout.of(workDirectory).reports();
    }
}
