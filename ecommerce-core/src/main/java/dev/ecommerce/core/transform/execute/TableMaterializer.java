package dev.ecommerce.core.transform.execute;

/** dbt's {@code table}: the model's rows replace the table's. */
record TableMaterializer(Database database) implements Materializer {

    @Override
    public Build prepare(BuildNode node) {
        return new Build(node.sql(), () -> {
            Relations.dropIfOther(database, node.relation(), Relations.TABLE);
            return database.execute("CREATE OR REPLACE TABLE " + node.relation().sql() + " AS\n" + node.sql());
        });
    }
}
