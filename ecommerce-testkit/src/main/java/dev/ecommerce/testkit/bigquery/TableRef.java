package dev.ecommerce.testkit.bigquery;

/** A BigQuery table's full name. */
record TableRef(String project, String dataset, String table) {

    /** BigQuery's display form, {@code project:dataset.table}, as in its error messages. */
    String display() {
        return project + ":" + dataset + "." + table;
    }
}
