package dev.ecommerce.core.transform.conformance;

/**
 * What the snapshot cases of dbt's adapter test suite add to {@link BasicFiles} ({@code basic/files.py}):
 * the seed {@code newcolumns} ({@code base} with a fourth column), the snapshots' SQL, and the SQL that changes
 * {@code added} between runs as the suite's {@code update_rows} does.
 */
final class SnapshotFiles {

    /** {@code base} with {@code last_initial}: A for the first row, B for the second, ... */
    static final String NEW_COLUMNS = newColumns();

    /** {@code update_rows} with {@code add_timestamp}: one hour later for ids 11 to 20. */
    static final String LATER_DATES =
            "UPDATE test_schema.added SET some_date = some_date + INTERVAL 1 HOUR WHERE id > 10 AND id < 21";

    /** {@code update_rows} with {@code add_string}: {@code _updated} appended to the names of ids 1 to 10. */
    static final String UPDATED_NAMES = "UPDATE test_schema.added SET name = name || '_updated' WHERE id < 11";

    private SnapshotFiles() {}

    /** A snapshot of {@code ref(var('seed_name', 'base'))} with the legacy target schema and database. */
    static String snapshot(String name, String config) {
        return "{% snapshot " + name + " %}\n    {{ config(" + config
                + ", target_database=database, target_schema=schema) }}\n"
                + "    select * from {{ ref(var('seed_name', 'base')) }}\n{% endsnapshot %}\n";
    }

    private static String newColumns() {
        String[] lines = BasicFiles.SEED_BASE.strip().split("\n");
        StringBuilder csv = new StringBuilder(lines[0]).append(",last_initial\n");
        for (int i = 1; i < lines.length; i++) {
            csv.append(lines[i]).append(',').append((char) ('A' + i - 1)).append('\n');
        }
        return csv.toString();
    }
}
