package dev.ecommerce.testkit.bigquery;

/** The BigQuery Storage Read API RPCs {@link LocalBigQuery} serves. */
public enum ReadRpc {
    CREATE_READ_SESSION("CreateReadSession"),
    READ_ROWS("ReadRows");

    private final String rpcName;

    ReadRpc(String rpcName) {
        this.rpcName = rpcName;
    }

    /** The RPC's name in {@code google.cloud.bigquery.storage.v1.BigQueryRead}; also the request log's method. */
    public String rpcName() {
        return rpcName;
    }

    /** The full gRPC method name, e.g. {@code google.cloud.bigquery.storage.v1.BigQueryRead/ReadRows}. */
    public String fullName() {
        return "google.cloud.bigquery.storage.v1.BigQueryRead/" + rpcName;
    }
}
