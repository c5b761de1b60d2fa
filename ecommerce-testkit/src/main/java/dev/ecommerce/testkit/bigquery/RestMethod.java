package dev.ecommerce.testkit.bigquery;

/** The BigQuery REST methods {@link LocalBigQuery} serves, by their API names. */
public enum RestMethod {
    JOBS_QUERY("jobs.query"),
    JOBS_INSERT("jobs.insert"),
    JOBS_GET("jobs.get"),
    JOBS_GET_QUERY_RESULTS("jobs.getQueryResults"),
    TABLES_GET("tables.get"),
    TABLEDATA_LIST("tabledata.list");

    private final String apiName;

    RestMethod(String apiName) {
        this.apiName = apiName;
    }

    /** The name in the BigQuery API reference, e.g. {@code tabledata.list}; also the request log's method. */
    public String apiName() {
        return apiName;
    }
}
