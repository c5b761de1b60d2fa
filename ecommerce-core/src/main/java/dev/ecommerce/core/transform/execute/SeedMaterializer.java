package dev.ecommerce.core.transform.execute;

import dev.ecommerce.core.warehouse.Sql;

/**
 * dbt's {@code seed}: a table of the CSV file's rows, with the types DuckDB detects, or those of the seed's
 * {@code column_types} config for the columns it names.
 */
record SeedMaterializer(Database database) implements Materializer {

    @Override
    public Build prepare(BuildNode node) {
        String sql = "SELECT * FROM read_csv(" + Sql.literal(node.csv()) + ", header = true" + types(node) + ")";
        return new Build(sql, () -> {
            Relations.dropIfOther(database, node.relation(), Relations.TABLE);
            return database.execute("CREATE OR REPLACE TABLE " + node.relation().sql() + " AS " + sql);
        });
    }

    /** {@code , types = {'column': 'type', ...}} from {@code column_types}, or nothing. */
    private static String types(BuildNode node) {
        Object columnTypes = node.config().others().get("column_types");
        if (columnTypes == null) {
            return "";
        }
        if (!(columnTypes instanceof java.util.Map<?, ?> map)) {
            throw new dev.ecommerce.core.ConfigurationException(node.file() + ": column_types must map column names"
                    + " to SQL types, e.g. column_types: {id: integer}.");
        }
        if (map.isEmpty()) {
            return "";
        }
        StringBuilder types = new StringBuilder(", types = {");
        map.forEach((column, type) -> types.append(types.length() > 11 ? ", " : "")
                .append(Sql.literal(String.valueOf(column)))
                .append(": ")
                .append(Sql.literal(String.valueOf(type))));
        return types.append('}').toString();
    }
}
