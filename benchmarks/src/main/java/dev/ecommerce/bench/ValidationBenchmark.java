package dev.ecommerce.bench;

import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.LocalDestinationSpec;
import dev.ecommerce.core.config.OnInvalid;
import dev.ecommerce.core.config.SinkSpec;
import dev.ecommerce.core.config.ValidateSpec;
import dev.ecommerce.core.contract.ContractEngine;
import dev.ecommerce.core.contract.Contracts;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressListener;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validation of all seven tables: the SQL engine vs per-row Hibernate Validator over the same rows read from
 * DuckDB, in the same run; and validation's share of the whole pipeline (ingest, validate, local sink).
 * Usage: {@code ValidationBenchmark <scale> <work dir>}.
 */
public final class ValidationBenchmark {

    public static void main(String[] args) {
        Locale.setDefault(Locale.ENGLISH);
        double scale = Double.parseDouble(args[0]);
        Path dir = Path.of(args[1]);
        Path warehouse = dir.resolve("warehouse.duckdb");
        List<Table> tables = List.of(Table.values());
        GeneratorSpec generator = new GeneratorSpec(42, scale, GeneratorSpec.DEFAULT_ANCHOR, 2);

        long t0 = System.nanoTime();
        Pipeline.ingest(new IngestSpec(dir, warehouse, tables, generator), ProgressListener.NONE);
        long t1 = System.nanoTime();
        Pipeline.ValidateResult validated = Pipeline.validate(
                new ValidateSpec(dir, warehouse, tables, OnInvalid.FAIL, 0, Map.of()), ProgressListener.NONE);
        long t2 = System.nanoTime();
        Pipeline.sink(
                new SinkSpec(
                        dir,
                        warehouse,
                        tables,
                        List.of(new LocalDestinationSpec(dir.resolve("out"), Set.of(FileFormat.values())))),
                ProgressListener.NONE);
        long t3 = System.nanoTime();
        long rows = validated.tables().stream().mapToLong(t -> t.rowsChecked()).sum();

        double sql = seconds(() -> {
            try (Warehouse w = Warehouse.openForRead(warehouse);
                    ContractEngine engine = ContractEngine.create()) {
                tables.forEach(table -> engine.check(w, table));
            }
        });
        double perRow = seconds(() -> {
            try (Warehouse w = Warehouse.openForRead(warehouse);
                    ContractEngine engine = ContractEngine.create()) {
                tables.forEach(table -> engine.checkRowByRow(w, table, Contracts.of(table)));
            }
        });
        double pipeline = (t3 - t0) / 1e9;
        double validate = (t2 - t1) / 1e9;
        System.out.printf(Locale.ROOT, "validation of %,d rows at scale %s:%n", rows, scale);
        System.out.printf(Locale.ROOT, "  SQL engine:              %6.2f s  %,12.0f rows/s%n", sql, rows / sql);
        System.out.printf(Locale.ROOT, "  per-row Hibernate:       %6.2f s  %,12.0f rows/s%n", perRow, rows / perRow);
        System.out.printf(Locale.ROOT, "  ratio per-row / SQL:     %6.1f   (goal: at least 20)%n", perRow / sql);
        System.out.printf(
                Locale.ROOT,
                "  pipeline: ingest %.2f s, validate %.2f s, sink %.2f s; validate is %.1f%%"
                        + " of %.2f s (goal: under 15%%)%n",
                (t1 - t0) / 1e9,
                validate,
                (t3 - t2) / 1e9,
                100 * validate / pipeline,
                pipeline);
    }

    private static double seconds(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }
}
