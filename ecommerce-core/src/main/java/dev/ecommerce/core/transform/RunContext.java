package dev.ecommerce.core.transform;

import dev.ecommerce.core.transform.execute.Database;
import java.util.function.Consumer;

/**
 * What a {@link NodeRunner} runs a plan with.
 *
 * @param project the project as read: its renderer (unit tests, incremental models) and external files
 * @param database the target's database, open
 * @param fullRefresh whether incremental models are built again from scratch
 * @param log progress lines: one per node
 * @param sqlFiles where each node's compiled and run SQL goes as it runs
 * @param results where each node's run_results.json entry is made as it finishes
 */
record RunContext(
        LoadedProject project,
        Database database,
        boolean fullRefresh,
        Consumer<String> log,
        SqlFiles sqlFiles,
        RunResultsAhead results) {}
