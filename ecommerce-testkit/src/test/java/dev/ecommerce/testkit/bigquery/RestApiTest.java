package dev.ecommerce.testkit.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.JobStatistics;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.bigquery.StandardTableDefinition;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The REST API through the real google-cloud-bigquery client; expected values come from plain DuckDB. */
@ExtendWith(SharedLocalBigQuery.class)
class RestApiTest {

    private static final String DATASET = "`bigquery-public-data.thelook_ecommerce.";

    private static final LocalBigQuery server = SharedLocalBigQuery.server();
    private static final Reference reference = SharedLocalBigQuery.reference();
    private static BigQuery bigQuery;

    @BeforeAll
    static void start() throws Exception {
        bigQuery = Clients.bigQuery(server);
    }

    private static TableResult query(String sql) throws InterruptedException {
        return bigQuery.query(QueryJobConfiguration.newBuilder(sql).build());
    }

    @Test
    void aQueryReturnsWhatDuckDbComputes() throws Exception {
        TableResult result = query("SELECT COUNT(*) AS n, SUM(sale_price) AS revenue FROM " + DATASET + "order_items`");

        FieldValueList row = result.getValues().iterator().next();
        assertThat(row.get("n").getLongValue())
                .isEqualTo(reference.queryLong("SELECT count(*) FROM order_items"))
                .isGreaterThan(1000);
        assertThat(row.get("revenue").getDoubleValue())
                .isCloseTo(
                        reference.queryDouble("SELECT sum(sale_price) FROM order_items"),
                        org.assertj.core.data.Offset.offset(1e-6));
        assertThat(result.getSchema().getFields().get("n").getType().getStandardType())
                .isEqualTo(StandardSQLTypeName.INT64);
        assertThat(result.getSchema().getFields().get("revenue").getType().getStandardType())
                .isEqualTo(StandardSQLTypeName.FLOAT64);
        assertThat(server.requests()).extracting(RecordedRequest::method).containsExactly("jobs.query");
    }

    @Test
    void pagesAcrossSeveralPagesInOrder() throws Exception {
        TableResult result = bigQuery.query(
                QueryJobConfiguration.newBuilder("SELECT id FROM " + DATASET + "order_items` ORDER BY id")
                        .setMaxResults(500L)
                        .build());

        List<Long> ids = new ArrayList<>();
        result.iterateAll().forEach(row -> ids.add(row.get(0).getLongValue()));
        List<Long> expected = reference.queryLongs("SELECT id FROM order_items ORDER BY id");
        assertThat(expected).hasSizeGreaterThan(1500);
        assertThat(ids).isEqualTo(expected);
        assertThat(result.getTotalRows()).isEqualTo(expected.size());
        // The first page comes with jobs.query; the client finds the result table with jobs.get and pages it.
        List<String> methods =
                server.requests().stream().map(RecordedRequest::method).toList();
        assertThat(methods.subList(0, 2)).containsExactly("jobs.query", "jobs.get");
        assertThat(methods.stream().filter("tabledata.list"::equals).count())
                .isEqualTo((expected.size() + 499) / 500 - 1);
    }

    @Test
    void timestampsAreExactToTheMicrosecond() throws Exception {
        TableResult result = query("SELECT id, created_at, created_at + INTERVAL (id * 7919) MICROSECOND AS shifted,"
                + " TIMESTAMP '2024-01-01 00:00:00.123456 UTC' AS t FROM " + DATASET + "events` ORDER BY id LIMIT 300");

        List<Long> micros = new ArrayList<>();
        List<Long> shifted = new ArrayList<>();
        long literal = 0;
        for (FieldValueList row : result.iterateAll()) {
            micros.add(row.get("created_at").getTimestampValue());
            shifted.add(row.get("shifted").getTimestampValue());
            literal = row.get("t").getTimestampValue();
        }
        assertThat(micros)
                .isEqualTo(reference.queryLongs("SELECT epoch_us(created_at) FROM events ORDER BY id LIMIT 300"));
        assertThat(shifted)
                .isEqualTo(reference.queryLongs(
                        "SELECT epoch_us(created_at) + id * 7919 FROM events ORDER BY id LIMIT 300"))
                .allMatch(m -> m % 1_000_000 != 0);
        assertThat(literal).isEqualTo(1_704_067_200_123_456L);
        assertThat(result.getSchema().getFields().get("t").getType().getStandardType())
                .isEqualTo(StandardSQLTypeName.TIMESTAMP);
    }

    @Test
    void tableDataListReadsBaseTablesWithPagesAndSelectedFields() throws Exception {
        TableId events = TableId.of("bigquery-public-data", "thelook_ecommerce", "events");
        Schema schema = bigQuery.getTable(events).getDefinition().getSchema();
        TableResult result = bigQuery.listTableData(
                events,
                schema,
                BigQuery.TableDataListOption.pageSize(4000),
                BigQuery.TableDataListOption.startIndex(10));

        List<Long> ids = new ArrayList<>();
        List<Long> created = new ArrayList<>();
        result.iterateAll().forEach(row -> {
            ids.add(row.get("id").getLongValue());
            created.add(row.get("created_at").getTimestampValue());
        });
        List<Long> expected = reference.queryLongs("SELECT id FROM events ORDER BY id OFFSET 10");
        assertThat(ids).isEqualTo(expected);
        assertThat(created)
                .isEqualTo(reference.queryLongs("SELECT epoch_us(created_at) FROM events ORDER BY id OFFSET 10"));
        assertThat(server.requests("tabledata.list")).hasSize((expected.size() + 3999) / 4000);

        // selectedFields (google-cloud-bigquery has no option for it): table order, whatever the request's order.
        JsonNode page = get("/projects/bigquery-public-data/datasets/thelook_ecommerce/tables/events/data"
                + "?maxResults=2&selectedFields=uri,id");
        assertThat(page.path("rows")).hasSize(2);
        assertThat(page.path("rows").get(0).path("f")).hasSize(2);
        assertThat(page.path("rows").get(0).path("f").get(0).path("v").asLong())
                .isEqualTo(reference.queryLong("SELECT min(id) FROM events"));
        assertThat(page.path("rows").get(0).path("f").get(1).path("v").asText()).startsWith("/");
        assertThat(page.path("totalRows").asLong()).isEqualTo(reference.queryLong("SELECT count(*) FROM events"));
        assertThat(page.path("pageToken").asText()).isNotEmpty();
    }

    @Test
    void dryRunsEstimateBytesAndReturnNoRows() throws Exception {
        Job oneColumn =
                bigQuery.create(JobInfo.of(QueryJobConfiguration.newBuilder("SELECT id FROM " + DATASET + "events`")
                        .setDryRun(true)
                        .build()));
        Job twoColumns = bigQuery.create(
                JobInfo.of(QueryJobConfiguration.newBuilder("SELECT id, uri FROM " + DATASET + "events`")
                        .setDryRun(true)
                        .build()));
        Job twoTables = bigQuery.create(JobInfo.of(QueryJobConfiguration.newBuilder("SELECT e.id, e.uri, u.email FROM "
                        + DATASET + "events` e JOIN " + DATASET + "users` u ON u.id = e.user_id")
                .setDryRun(true)
                .build()));
        Job again = bigQuery.create(
                JobInfo.of(QueryJobConfiguration.newBuilder("SELECT id, uri FROM " + DATASET + "events`")
                        .setDryRun(true)
                        .build()));

        long one = bytes(oneColumn);
        assertThat(one).isEqualTo(8 * reference.queryLong("SELECT count(*) FROM events"));
        assertThat(bytes(twoColumns)).isGreaterThan(one).isEqualTo(bytes(again));
        assertThat(bytes(twoTables)).isGreaterThan(bytes(twoColumns));
        assertThat(oneColumn.getStatus().getState()).hasToString("DONE");
        assertThat(((JobStatistics.QueryStatistics) oneColumn.getStatistics())
                        .getSchema()
                        .getFields())
                .extracting(Field::getName)
                .containsExactly("id");
        // Nothing was run: no result table was read.
        assertThat(server.requests()).extracting(RecordedRequest::method).containsOnly("jobs.insert");

        // jobs.query with dryRun, as a raw request: bytes, schema, no rows.
        JsonNode answer = post(
                "/projects/test-project/queries",
                "{\"query\": \"SELECT id, uri FROM `thelook_ecommerce.events`\", \"dryRun\": true, \"useLegacySql\": false}");
        assertThat(answer.path("jobComplete").asBoolean()).isTrue();
        assertThat(answer.path("totalBytesProcessed").asLong()).isEqualTo(bytes(twoColumns));
        assertThat(answer.has("rows")).isFalse();
        assertThat(answer.path("schema").path("fields").findValuesAsText("name"))
                .containsExactly("id", "uri");
    }

    private static long bytes(Job job) {
        return ((JobStatistics.QueryStatistics) job.getStatistics()).getTotalBytesProcessed();
    }

    @Test
    void maximumBytesBilledTooLowFailsWithBytesBilledLimitExceeded() {
        QueryJobConfiguration capped = QueryJobConfiguration.newBuilder("SELECT * FROM " + DATASET + "events`")
                .setMaximumBytesBilled(1_000L)
                .build();

        // jobs.query: the error comes back as the HTTP answer.
        assertThatThrownBy(() -> bigQuery.query(capped)).isInstanceOfSatisfying(BigQueryException.class, e -> {
            assertThat(e.getCode()).isEqualTo(400);
            assertThat(e.getReason()).isEqualTo("bytesBilledLimitExceeded");
            assertThat(e.getMessage()).contains("Query exceeded limit for bytes billed: 1000.");
        });
        // jobs.insert (an explicit job id): the job is created, fails, and reports why.
        assertThatThrownBy(() -> bigQuery.query(capped, JobId.of("capped-job")))
                .isInstanceOfSatisfying(
                        BigQueryException.class, e -> assertThat(e.getReason()).isEqualTo("bytesBilledLimitExceeded"));
        Job job = bigQuery.getJob(JobId.of("capped-job"));
        assertThat(job.getStatus().getError().getReason()).isEqualTo("bytesBilledLimitExceeded");
        // A sufficient cap (BigQuery bills at least 10 MiB per table) runs.
        assertThat(bigQuery.create(JobInfo.of(capped.toBuilder()
                                .setMaximumBytesBilled(20L << 20)
                                .build()))
                        .getStatus()
                        .getError())
                .isNull();
    }

    @Test
    void anUnknownTableIsNotFound() {
        assertThatThrownBy(() -> query("SELECT * FROM " + DATASET + "no_such_table`"))
                .isInstanceOfSatisfying(BigQueryException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getReason()).isEqualTo("notFound");
                    assertThat(e.getMessage())
                            .isEqualTo("Not found: Table bigquery-public-data:thelook_ecommerce.no_such_table was not"
                                    + " found in location US");
                });
        assertThatThrownBy(() -> query("SELECT * FROM `bigquery-public-data.no_such_dataset.events`"))
                .isInstanceOfSatisfying(
                        BigQueryException.class, e -> assertThat(e.getReason()).isEqualTo("notFound"));
        // tables.get: the client turns 404 into null.
        assertThat(bigQuery.getTable(TableId.of("bigquery-public-data", "thelook_ecommerce", "no_such_table")))
                .isNull();
        assertThat(server.requests("tables.get")).hasSize(1);
    }

    @Test
    void sqlDuckDbCannotRunIsAnInvalidQueryWithDuckDbsMessage() {
        assertThatThrownBy(() -> query("SELECT no_such_column FROM " + DATASET + "users`"))
                .isInstanceOfSatisfying(BigQueryException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getReason()).isEqualTo("invalidQuery");
                    assertThat(e.getMessage()).contains("Binder Error").contains("no_such_column");
                });
        assertThatThrownBy(() -> query("DELETE FROM " + DATASET + "users` WHERE true"))
                .isInstanceOfSatisfying(BigQueryException.class, e -> {
                    assertThat(e.getReason()).isEqualTo("invalidQuery");
                    assertThat(e.getMessage()).contains("SELECT queries only");
                });
        assertThatThrownBy(() -> query("SELECT * FROM read_csv('/etc/hostname')"))
                .isInstanceOfSatisfying(
                        BigQueryException.class, e -> assertThat(e.getCode()).isBetween(400, 403));
    }

    @Test
    void tablesGetGivesTheSchemaWithGeographyTypes() throws Exception {
        Table users = bigQuery.getTable(TableId.of("bigquery-public-data", "thelook_ecommerce", "users"));
        Schema schema = users.getDefinition().getSchema();

        assertThat(schema.getFields().get("id").getType().getStandardType()).isEqualTo(StandardSQLTypeName.INT64);
        assertThat(schema.getFields().get("latitude").getType().getStandardType())
                .isEqualTo(StandardSQLTypeName.FLOAT64);
        assertThat(schema.getFields().get("email").getType().getStandardType()).isEqualTo(StandardSQLTypeName.STRING);
        assertThat(schema.getFields().get("created_at").getType().getStandardType())
                .isEqualTo(StandardSQLTypeName.TIMESTAMP);
        assertThat(schema.getFields().get("user_geom").getType().getStandardType())
                .isEqualTo(StandardSQLTypeName.GEOGRAPHY);
        assertThat(schema.getFields()).allMatch(f -> f.getMode() == Field.Mode.NULLABLE);
        assertThat(schema.getFields().stream().map(Field::getName).collect(Collectors.joining(",")))
                .startsWith("id,first_name,last_name,email,age");
        assertThat(users.getNumRows().longValue()).isEqualTo(reference.queryLong("SELECT count(*) FROM users"));
        assertThat(((StandardTableDefinition) users.getDefinition()).getNumBytes())
                .isGreaterThan(0);

        Table centers =
                bigQuery.getTable(TableId.of("bigquery-public-data", "thelook_ecommerce", "distribution_centers"));
        assertThat(centers.getDefinition()
                        .getSchema()
                        .getFields()
                        .get("distribution_center_geom")
                        .getType()
                        .getStandardType())
                .isEqualTo(StandardSQLTypeName.GEOGRAPHY);
        // GEOGRAPHY values are WKT text.
        FieldValueList first = query(
                        "SELECT distribution_center_geom FROM " + DATASET + "distribution_centers` ORDER BY id LIMIT 1")
                .getValues()
                .iterator()
                .next();
        assertThat(first.get(0).getStringValue()).startsWith("POINT(");
    }

    @Test
    void googleSqlIsTranslated() throws Exception {
        TableResult result = bigQuery.query(QueryJobConfiguration.newBuilder("""
                        # a GoogleSQL comment
                        SELECT SAFE_CAST('x' AS INT64) AS bad_int, ST_ASTEXT(distribution_center_geom) AS wkt,
                               "it's" AS quoted, 1.5 AS float_literal, CAST(id AS STRING) AS id_text,
                               COUNT(*) OVER () AS n
                        FROM `thelook_ecommerce.distribution_centers`
                        WHERE id = @id AND name <> r'\\x'""")
                .addNamedParameter("id", QueryParameterValue.int64(1))
                .build());

        FieldValueList row = result.getValues().iterator().next();
        assertThat(result.getTotalRows()).isEqualTo(1);
        assertThat(row.get("bad_int").isNull()).isTrue();
        assertThat(row.get("wkt").getStringValue()).startsWith("POINT(");
        assertThat(row.get("quoted").getStringValue()).isEqualTo("it's");
        assertThat(row.get("float_literal").getDoubleValue()).isEqualTo(1.5);
        assertThat(row.get("id_text").getStringValue()).isEqualTo("1");
        Schema schema = result.getSchema();
        assertThat(schema.getFields().get("wkt").getType().getStandardType()).isEqualTo(StandardSQLTypeName.STRING);
        assertThat(schema.getFields().get("float_literal").getType().getStandardType())
                .isEqualTo(StandardSQLTypeName.FLOAT64);
        assertThat(schema.getFields().get("n").getType().getStandardType()).isEqualTo(StandardSQLTypeName.INT64);

        // Unnamed expressions are f0_, f1_, ... as on BigQuery; a timestamp parameter keeps its microseconds.
        TableResult named = bigQuery.query(QueryJobConfiguration.newBuilder(
                        "SELECT COUNT(*), MAX(created_at) FROM " + DATASET + "orders` WHERE created_at < @before")
                .addNamedParameter("before", QueryParameterValue.timestamp("2024-01-01 00:00:00.000001+00:00"))
                .build());
        assertThat(named.getSchema().getFields()).extracting(Field::getName).containsExactly("f0_", "f1_");
        assertThat(named.getValues().iterator().next().get(0).getLongValue())
                .isEqualTo(reference.queryLong(
                        "SELECT count(*) FROM orders WHERE created_at < TIMESTAMPTZ '2024-01-01 00:00:00.000001+00'"));
    }

    @Test
    void anExplicitJobIdGoesThroughJobsInsertAndJobsGet() throws Exception {
        QueryJobConfiguration byStatus = QueryJobConfiguration.newBuilder(
                        "SELECT status, COUNT(*) AS n FROM " + DATASET + "orders` GROUP BY status ORDER BY status")
                .build();
        TableResult result = bigQuery.query(byStatus, JobId.of("explicit-job-1"));

        List<String> statuses = new ArrayList<>();
        long total = 0;
        for (FieldValueList row : result.iterateAll()) {
            statuses.add(row.get("status").getStringValue());
            total += row.get("n").getLongValue();
        }
        assertThat(statuses).isSorted().isNotEmpty();
        assertThat(total).isEqualTo(reference.queryLong("SELECT count(*) FROM orders"));
        Job job = bigQuery.getJob(JobId.of("explicit-job-1"));
        QueryJobConfiguration configuration = job.getConfiguration();
        assertThat(configuration.getDestinationTable().getDataset()).isEqualTo("_anon_local");
        assertThat(configuration.getDestinationTable().getTable()).isEqualTo("anon_explicit_job_1");
        assertThat(server.requests())
                .extracting(RecordedRequest::method)
                .containsSubsequence("jobs.insert", "jobs.getQueryResults", "tabledata.list", "jobs.get");
        // The same id again is a conflict, which the client resolves by fetching the existing job.
        assertThat(bigQuery.create(JobInfo.of(JobId.of("explicit-job-1"), byStatus))
                        .getJobId()
                        .getJob())
                .isEqualTo("explicit-job-1");
        assertThat(server.requests("jobs.insert")).hasSize(2);
    }

    private static JsonNode post(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private static JsonNode get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private static URI uri(String path) {
        return URI.create(server.restEndpoint() + "/bigquery/v2" + path);
    }

    private static JsonNode send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
