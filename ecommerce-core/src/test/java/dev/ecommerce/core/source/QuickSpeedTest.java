package dev.ecommerce.core.source;

import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.Load;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuickSpeedTest {
    @Test
    void speed() throws Exception {
        Path file = Path.of("target/quick.duckdb");
        java.nio.file.Files.deleteIfExists(file);
        GeneratorSpec spec = new GeneratorSpec(42, Double.parseDouble(System.getProperty("scale", "0.1")), LocalDate.of(2026, 1, 1), 2);
        long t0 = System.nanoTime();
        long[] n = {0};
        Source.of(spec).read(EnumSet.allOf(Table.class), b -> n[0] += b.size());
        long t1 = System.nanoTime();
        System.out.println("generate only: " + n[0] + " rows " + (t1 - t0) / 1e9);
        try (Warehouse w = Warehouse.openForWrite(file); Load load = w.beginLoad(List.of(Table.values()))) {
            long t2 = System.nanoTime();
            Source.of(spec).read(EnumSet.allOf(Table.class), load::append);
            load.commit();
            long t3 = System.nanoTime();
            System.out.println("generate+load: " + (t3 - t2) / 1e9);
            for (Table t : Table.values()) System.out.println(t + " " + w.rowCount(t));
        }
    }
}
