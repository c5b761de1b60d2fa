package dev.ecommerce.core.transform.execute;

/** dbt's {@code view}: the model's SQL as a view; no rows are written. */
record ViewMaterializer(Database database) implements Materializer {

    @Override
    public Build prepare(BuildNode node) {
        return new Build(node.sql(), () -> {
            Relations.dropIfOther(database, node.relation(), Relations.VIEW);
            database.execute("CREATE OR REPLACE VIEW " + node.relation().sql() + " AS\n" + node.sql());
            return -1;
        });
    }
}
