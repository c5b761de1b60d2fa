package dev.ecommerce.core.source.thelook;

import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.TableBatch;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the generator hands on, as text: one line per row ({@code \N} for NULL, cells ended by {@code |}), in order. */
final class GeneratedRows {

    private GeneratedRows() {}

    /** Every requested table's rows in the order the generator gives them (an entry even for a table with none). */
    static Map<Table, List<String>> of(GeneratorSpec spec, Set<Table> tables, Map<Table, Instant> since) {
        return of(spec, tables, since, Map.of());
    }

    /** As {@link #of(GeneratorSpec, Set, Map)}, with an exclusive upper bound per table in {@code until}. */
    static Map<Table, List<String>> of(
            GeneratorSpec spec, Set<Table> tables, Map<Table, Instant> since, Map<Table, Instant> until) {
        Map<Table, List<String>> rows = new EnumMap<>(Table.class);
        tables.forEach(table -> rows.put(table, new ArrayList<>()));
        new ThelookGenerator(spec)
                .generate(tables, since, until, batch -> addAll(rows.get(batch.table()), batch), t -> {});
        return rows;
    }

    static void addAll(List<String> rows, TableBatch batch) {
        List<dev.ecommerce.core.schema.Column> columns = batch.table().columns();
        StringBuilder row = new StringBuilder();
        for (int r = 0; r < batch.size(); r++) {
            row.setLength(0);
            for (int c = 0; c < columns.size(); c++) {
                if (batch.isNull(c, r)) {
                    row.append("\\N");
                } else {
                    switch (columns.get(c).type()) {
                        case BIGINT, TIMESTAMPTZ -> row.append(batch.getLong(c, r));
                        case DOUBLE -> row.append(batch.getDouble(c, r));
                        case VARCHAR -> row.append(batch.getString(c, r));
                    }
                }
                row.append('|');
            }
            rows.add(row.toString());
        }
    }

    /** The rows of {@code table} whose created_at is in {@code [from, until)}, in their order. */
    static List<String> within(Table table, List<String> rows, Instant from, Instant until) {
        int column = table.columnIndex("created_at");
        long lo = from == null ? Long.MIN_VALUE : ChronoUnit.MICROS.between(Instant.EPOCH, from);
        long hi = until == null ? Long.MAX_VALUE : ChronoUnit.MICROS.between(Instant.EPOCH, until);
        List<String> kept = new ArrayList<>();
        for (String row : rows) {
            long createdAt = cell(row, column);
            if (createdAt >= lo && createdAt < hi) {
                kept.add(row);
            }
        }
        return kept;
    }

    /** The BIGINT or TIMESTAMPTZ cell {@code column} of a row. */
    private static long cell(String row, int column) {
        int start = 0;
        for (int c = 0; c < column; c++) {
            start = row.indexOf('|', start) + 1;
        }
        return Long.parseLong(row, start, row.indexOf('|', start), 10);
    }

    /** A SHA-256 over the rows, in order. */
    static String digest(List<String> rows) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            rows.forEach(row -> digest.update(row.getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
