/**
 * {@link dev.ecommerce.testkit.bigquery.LocalBigQuery}: an in-process, BigQuery-compatible server over the
 * seeded thelook data, for tests and offline runs. The real Google clients talk to it through their endpoint
 * settings, with no credentials.
 *
 * <h2>REST API (google-cloud-bigquery), under {@code /bigquery/v2/}</h2>
 *
 * <ul>
 *   <li>{@code POST projects/{p}/queries} (jobs.query): GoogleSQL, {@code dryRun}, {@code maxResults},
 *       {@code maximumBytesBilled}, {@code queryParameters}, {@code formatOptions}; answers the first page,
 *       with a {@code pageToken} when there are more rows.
 *   <li>{@code POST projects/{p}/jobs} (jobs.insert): query jobs only; {@code dryRun},
 *       {@code maximumBytesBilled} ({@code bytesBilledLimitExceeded}), explicit or generated job ids (a
 *       reused id is 409 {@code duplicate}); results go to {@code {p}._anon_local.anon_<job id>}, the job's
 *       {@code configuration.query.destinationTable}. A query that fails makes a job in state DONE with an
 *       {@code errorResult}, as on BigQuery.
 *   <li>{@code GET projects/{p}/jobs/{id}} (jobs.get) and {@code GET projects/{p}/queries/{id}}
 *       (jobs.getQueryResults: {@code maxResults}, {@code pageToken}, {@code startIndex}).
 *   <li>{@code GET projects/{p}/datasets/{d}/tables/{t}} (tables.get: schema, {@code numRows},
 *       {@code numBytes}) and {@code .../data} (tabledata.list: {@code maxResults}, {@code pageToken},
 *       {@code startIndex}, {@code selectedFields}).
 * </ul>
 *
 * <p>Schemas use BigQuery's REST type names: {@code INTEGER} (INT64), {@code FLOAT} (FLOAT64),
 * {@code STRING}, {@code TIMESTAMP}, {@code GEOGRAPHY} (WKT text), and for query results also
 * {@code NUMERIC}, {@code BOOLEAN}, {@code DATE}, {@code DATETIME}, {@code TIME}, {@code BYTES}. TIMESTAMP
 * values are float seconds ({@code "1.704067200123456E9"}) unless the request asks for
 * {@code formatOptions.useInt64Timestamp}. Pages stop at 10 MB. Errors have BigQuery's JSON shape, so the
 * client raises {@code BigQueryException} with BigQuery's code and reason.
 *
 * <h2>Storage Read API (BigQueryReadClient), gRPC plaintext</h2>
 *
 * <p>CreateReadSession on {@code projects/{p}/datasets/{d}/tables/{t}} (thelook or anonymous result tables),
 * ARROW only, with {@code selected_fields}, {@code row_restriction} (GoogleSQL predicate run by DuckDB),
 * {@code snapshot_time} (accepted; the data never changes) and {@code max_stream_count} (1, or 2 streams
 * otherwise; no stream for no rows). ReadRows streams Arrow record batches from a row {@code offset}, in the
 * table's stable row order (its key; result tables: the query's order).
 *
 * <h2>SQL</h2>
 *
 * <p>One {@code SELECT} or {@code WITH} statement, run by DuckDB after the translation documented on
 * {@link dev.ecommerce.testkit.bigquery.QueryTranslator}; anything DuckDB cannot run is an
 * {@code invalidQuery} error carrying DuckDB's message. Dry runs estimate bytes as the sum, over the tables
 * read, of the sizes of the columns the query names.
 */
package dev.ecommerce.testkit.bigquery;
