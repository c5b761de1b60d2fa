package dev.ecommerce.core.transform.execute;

import dev.ecommerce.core.warehouse.Sql;

/** dbt's {@code seed}: a table of the CSV file's rows, with the types DuckDB detects. */
record SeedMaterializer(Database database) implements Materializer {

    @Override
    public Build prepare(BuildNode node) {
        String sql = "SELECT * FROM read_csv(" + Sql.literal(node.csv()) + ", header = true)";
        return new Build(sql, () -> {
            Relations.dropIfOther(database, node.relation(), Relations.TABLE);
            return database.execute("CREATE OR REPLACE TABLE " + node.relation().sql() + " AS " + sql);
        });
    }
}
