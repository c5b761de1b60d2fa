package dev.ecommerce.testkit.bigquery;

/** One column of a served table: its BigQuery name and type; every column is NULLABLE. */
record BqField(String name, BqType type) {}
