package dev.ecommerce.testkit.bigquery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BigQuery REST API v2 subset google-cloud-bigquery needs to run queries and read tables, under
 * {@code /bigquery/v2/}: jobs.query, jobs.insert, jobs.get, jobs.getQueryResults, tables.get and
 * tabledata.list. Requests may be gzip-compressed and chunked (the client sends them so); answers are JSON
 * with int64 values as strings, as BigQuery sends them. Every query runs to completion before the answer, so
 * jobs are always {@code DONE}.
 */
final class RestApi implements HttpHandler {

    static final String PREFIX = "/bigquery/v2/";

    /** BigQuery's cap on one page of rows. */
    private static final long MAX_PAGE_BYTES = 10L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);

    private record Route(RestMethod method, List<String> args) {}

    /** A finished job: a result table, or an error. */
    private record Job(
            String project,
            String jobId,
            String location,
            ObjectNode configuration,
            QueryEngine.Plan plan,
            TableMeta destination,
            RestError error,
            long created,
            long ended) {}

    /** One page of rows. */
    private record Page(ArrayNode rows, String nextToken) {}

    private final Catalog catalog;
    private final QueryEngine engine;
    private final Faults faults;
    private final RequestLog log;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Set<String> jobIds = ConcurrentHashMap.newKeySet();
    private volatile String baseUrl = "";

    RestApi(Catalog catalog, QueryEngine engine, Faults faults, RequestLog log) {
        this.catalog = catalog;
        this.engine = engine;
        this.faults = faults;
        this.log = log;
    }

    void baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            String verb = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Map<String, String> parameters = parameters(exchange.getRequestURI().getRawQuery());
            byte[] body = body(exchange);
            if (LOG.isDebugEnabled()) {
                // Header names only: the values carry the client's credentials (Authorization: Bearer ...).
                LOG.debug(
                        "{} {}?{} headers {} body {}",
                        verb,
                        path,
                        exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders().keySet(),
                        new String(body, StandardCharsets.UTF_8));
            }
            Route route = route(verb, path);
            Optional<Faults.RestAction> fault = route == null ? Optional.empty() : faults.takeRest(route.method());
            log.add(new RecordedRequest(
                    route == null ? "unsupported" : route.method().apiName(),
                    verb + " " + path,
                    parameters,
                    fault.map(Faults.RestAction::describe).orElse(null)));
            if (fault.isPresent() && fault.get() instanceof Faults.Drop) {
                exchange.close(); // before any response bytes: the connection closes with no answer
                return;
            }
            int status = 200;
            JsonNode answer;
            if (fault.isPresent() && fault.get() instanceof Faults.Fail fail) {
                status = fail.error().status();
                answer = errorBody(fail.error());
            } else {
                try {
                    answer = route == null ? unsupported(verb, path) : dispatch(route, parameters, body);
                } catch (BigQueryApiException e) {
                    status = e.error().status();
                    answer = errorBody(e.error());
                } catch (RuntimeException e) {
                    LOG.warn("LocalBigQuery failed on {} {}", verb, path, e);
                    RestError error = new RestError(500, "internalError", "LocalBigQuery: " + e);
                    status = error.status();
                    answer = errorBody(error);
                }
            }
            Faults.Stall stall = fault.isPresent() && fault.get() instanceof Faults.Stall s ? s : null;
            send(exchange, status, mapper.writeValueAsBytes(answer), stall);
        } catch (IOException e) {
            LOG.debug("LocalBigQuery: the client went away: {}", e.toString());
        } finally {
            exchange.close();
        }
    }

    private static Route route(String verb, String path) {
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        List<String> p = Arrays.asList(path.substring(PREFIX.length()).split("/"));
        if (p.size() < 3 || !p.get(0).equals("projects") || p.stream().anyMatch(String::isEmpty)) {
            return null;
        }
        boolean get = verb.equals("GET");
        boolean post = verb.equals("POST");
        String collection = p.get(2);
        if (collection.equals("queries") && p.size() == 3 && post) {
            return new Route(RestMethod.JOBS_QUERY, List.of(p.get(1)));
        }
        if (collection.equals("queries") && p.size() == 4 && get) {
            return new Route(RestMethod.JOBS_GET_QUERY_RESULTS, List.of(p.get(1), p.get(3)));
        }
        if (collection.equals("jobs") && p.size() == 3 && post) {
            return new Route(RestMethod.JOBS_INSERT, List.of(p.get(1)));
        }
        if (collection.equals("jobs") && p.size() == 4 && get) {
            return new Route(RestMethod.JOBS_GET, List.of(p.get(1), p.get(3)));
        }
        if (collection.equals("datasets") && p.size() >= 6 && p.get(4).equals("tables") && get) {
            if (p.size() == 6) {
                return new Route(RestMethod.TABLES_GET, List.of(p.get(1), p.get(3), p.get(5)));
            }
            if (p.size() == 7 && p.get(6).equals("data")) {
                return new Route(RestMethod.TABLEDATA_LIST, List.of(p.get(1), p.get(3), p.get(5)));
            }
        }
        return null;
    }

    private JsonNode dispatch(Route route, Map<String, String> parameters, byte[] body) {
        List<String> a = route.args();
        return switch (route.method()) {
            case JOBS_QUERY -> query(a.get(0), json(body));
            case JOBS_INSERT -> insert(a.get(0), json(body));
            case JOBS_GET -> jobResource(job(a.get(0), a.get(1)));
            case JOBS_GET_QUERY_RESULTS -> queryResults(job(a.get(0), a.get(1)), parameters);
            case TABLES_GET ->
                tableResource(
                        catalog.require(new TableRef(a.get(0), a.get(1), a.get(2))), parameters.get("selectedFields"));
            case TABLEDATA_LIST -> tableData(catalog.require(new TableRef(a.get(0), a.get(1), a.get(2))), parameters);
        };
    }

    // ---------------------------------------------------------------------------------------------------
    // jobs.query, jobs.insert, jobs.get, jobs.getQueryResults

    private JsonNode query(String project, JsonNode request) {
        String sql = requiredText(request, "query");
        requireStandardSql(request);
        String location = request.path("location").asText(Catalog.LOCATION);
        QueryEngine.Plan plan = engine.plan(sql, request.get("queryParameters"));
        ObjectNode answer = mapper.createObjectNode().put("kind", "bigquery#queryResponse");
        if (request.path("dryRun").asBoolean(false)) {
            answer.set("schema", schema(plan.fields()));
            answer.putObject("jobReference").put("projectId", project).put("location", location);
            answer.put("totalBytesProcessed", Long.toString(plan.bytesProcessed()));
            answer.put("jobComplete", true);
            answer.put("cacheHit", false);
            return answer;
        }
        QueryEngine.checkBilling(plan, optionalLong(request, "maximumBytesBilled"));
        String jobId = reserveJobId(project, null);
        long created = System.currentTimeMillis();
        TableMeta destination = engine.run(project, jobId, plan);
        ObjectNode configuration = mapper.createObjectNode();
        ObjectNode queryConfiguration = configuration.putObject("query");
        queryConfiguration.put("query", sql).put("useLegacySql", false);
        queryConfiguration.set("destinationTable", tableReference(destination.ref()));
        configuration.put("jobType", "QUERY");
        Job job = new Job(
                project, jobId, location, configuration, plan, destination, null, created, System.currentTimeMillis());
        jobs.put(key(project, jobId), job);
        Page page = page(
                destination,
                destination.fields(),
                0,
                optionalLong(request, "maxResults"),
                TimestampFormat.of(request.get("formatOptions")));
        answer.set("schema", schema(destination.fields()));
        answer.set("jobReference", jobReference(job));
        answer.put("totalRows", Long.toString(destination.rows()));
        putPage(answer, page);
        answer.put("totalBytesProcessed", Long.toString(plan.bytesProcessed()));
        answer.put("jobComplete", true);
        answer.put("cacheHit", false);
        return answer;
    }

    private JsonNode insert(String project, JsonNode request) {
        JsonNode configuration = request.path("configuration");
        JsonNode queryConfiguration = configuration.path("query");
        if (!queryConfiguration.isObject()) {
            throw BigQueryApiException.invalid("LocalBigQuery runs query jobs only (configuration.query); this job"
                    + " has none. Load, extract and copy jobs are not supported.");
        }
        if (queryConfiguration.hasNonNull("destinationTable")) {
            throw BigQueryApiException.invalid("LocalBigQuery writes query results to anonymous tables only:"
                    + " remove configuration.query.destinationTable.");
        }
        String sql = requiredText(queryConfiguration, "query");
        requireStandardSql(queryConfiguration);
        JsonNode reference = request.path("jobReference");
        String location = reference.path("location").asText(Catalog.LOCATION);
        ObjectNode echoed = configuration.deepCopy();
        echoed.put("jobType", "QUERY");
        long created = System.currentTimeMillis();
        if (configuration.path("dryRun").asBoolean(false)) {
            QueryEngine.Plan plan = engine.plan(sql, queryConfiguration.get("queryParameters"));
            String jobId = reference.path("jobId").asText("");
            return jobResource(
                    new Job(project, jobId, location, echoed, plan, null, null, created, System.currentTimeMillis()));
        }
        String jobId = reserveJobId(project, reference.path("jobId").asText(null));
        QueryEngine.Plan plan = null;
        TableMeta destination = null;
        RestError error = null;
        try {
            plan = engine.plan(sql, queryConfiguration.get("queryParameters"));
            QueryEngine.checkBilling(plan, optionalLong(queryConfiguration, "maximumBytesBilled"));
            destination = engine.run(project, jobId, plan);
            ((ObjectNode) echoed.get("query")).set("destinationTable", tableReference(destination.ref()));
        } catch (BigQueryApiException e) {
            error = e.error(); // like BigQuery: the job is created, and fails
        }
        Job job = new Job(
                project, jobId, location, echoed, plan, destination, error, created, System.currentTimeMillis());
        jobs.put(key(project, jobId), job);
        return jobResource(job);
    }

    private JsonNode queryResults(Job job, Map<String, String> parameters) {
        if (job.error() != null) {
            throw new BigQueryApiException(job.error());
        }
        TableMeta destination = job.destination();
        Page page = parameters.containsKey("pageToken")
                ? page(
                        destination,
                        destination.fields(),
                        parameters.get("pageToken"),
                        optionalLong(parameters, "maxResults"),
                        TimestampFormat.of(parameters))
                : page(
                        destination,
                        destination.fields(),
                        Optional.ofNullable(optionalLong(parameters, "startIndex"))
                                .orElse(0L),
                        optionalLong(parameters, "maxResults"),
                        TimestampFormat.of(parameters));
        ObjectNode answer = mapper.createObjectNode().put("kind", "bigquery#getQueryResultsResponse");
        answer.put("etag", etag(job.jobId()));
        answer.set("schema", schema(destination.fields()));
        answer.set("jobReference", jobReference(job));
        answer.put("totalRows", Long.toString(destination.rows()));
        putPage(answer, page);
        answer.put("totalBytesProcessed", Long.toString(job.plan().bytesProcessed()));
        answer.put("jobComplete", true);
        answer.put("cacheHit", false);
        return answer;
    }

    private Job job(String project, String jobId) {
        Job job = jobs.get(key(project, jobId));
        if (job == null) {
            throw BigQueryApiException.notFound("Not found: Job " + project + ":" + Catalog.LOCATION + "." + jobId);
        }
        return job;
    }

    private String reserveJobId(String project, String requested) {
        String jobId = requested == null || requested.isEmpty()
                ? "job_" + UUID.randomUUID().toString().replace("-", "")
                : requested;
        if (!jobIds.add(key(project, jobId))) {
            throw new BigQueryApiException(new RestError(
                    409, "duplicate", "Already Exists: Job " + project + ":" + Catalog.LOCATION + "." + jobId));
        }
        return jobId;
    }

    private static String key(String project, String jobId) {
        return project + "/" + jobId;
    }

    private ObjectNode jobResource(Job job) {
        ObjectNode resource = mapper.createObjectNode().put("kind", "bigquery#job");
        resource.put("etag", etag(job.jobId()));
        resource.put("id", job.project() + ":" + job.location() + "." + job.jobId());
        resource.put(
                "selfLink",
                baseUrl + PREFIX + "projects/" + job.project() + "/jobs/" + job.jobId() + "?location="
                        + job.location());
        resource.put("user_email", "local-bigquery@localhost");
        resource.set("jobReference", jobReference(job));
        resource.set("configuration", job.configuration());
        ObjectNode status = resource.putObject("status");
        status.put("state", "DONE");
        if (job.error() != null) {
            status.set("errorResult", errorProto(job.error()));
            status.putArray("errors").add(errorProto(job.error()));
        }
        ObjectNode statistics = resource.putObject("statistics");
        statistics.put("creationTime", Long.toString(job.created()));
        statistics.put("startTime", Long.toString(job.created()));
        statistics.put("endTime", Long.toString(job.ended()));
        if (job.plan() != null) {
            boolean dryRun = job.destination() == null && job.error() == null;
            statistics.put("totalBytesProcessed", Long.toString(job.plan().bytesProcessed()));
            ObjectNode query = statistics.putObject("query");
            query.put("totalBytesProcessed", Long.toString(job.plan().bytesProcessed()));
            query.put("totalBytesProcessedAccuracy", "PRECISE");
            query.put(
                    "totalBytesBilled",
                    Long.toString(dryRun || job.error() != null ? 0 : job.plan().bytesBilled()));
            query.put("cacheHit", false);
            query.put("statementType", "SELECT");
            if (dryRun) {
                query.set("schema", schema(job.plan().fields()));
            }
        }
        return resource;
    }

    private ObjectNode jobReference(Job job) {
        ObjectNode reference = mapper.createObjectNode();
        reference.put("projectId", job.project());
        reference.put("jobId", job.jobId());
        reference.put("location", job.location());
        return reference;
    }

    // ---------------------------------------------------------------------------------------------------
    // tables.get, tabledata.list

    private JsonNode tableResource(TableMeta table, String selectedFields) {
        TableRef ref = table.ref();
        ObjectNode resource = mapper.createObjectNode().put("kind", "bigquery#table");
        resource.put("etag", etag(ref.display()));
        resource.put("id", ref.display());
        resource.put(
                "selfLink",
                baseUrl + PREFIX + "projects/" + ref.project() + "/datasets/" + ref.dataset() + "/tables/"
                        + ref.table());
        resource.set("tableReference", tableReference(ref));
        resource.set("schema", schema(selected(table, selectedFields)));
        resource.put("numBytes", Long.toString(table.totalBytes()));
        resource.put("numLongTermBytes", "0");
        resource.put("numRows", Long.toString(table.rows()));
        resource.put("creationTime", Long.toString(table.createdMillis()));
        resource.put("lastModifiedTime", Long.toString(table.createdMillis()));
        resource.put("type", "TABLE");
        resource.put("location", Catalog.LOCATION);
        return resource;
    }

    private JsonNode tableData(TableMeta table, Map<String, String> parameters) {
        List<BqField> fields = selected(table, parameters.get("selectedFields"));
        TimestampFormat format = TimestampFormat.of(parameters);
        Long maxResults = optionalLong(parameters, "maxResults");
        // The client sends startIndex=0 with every page token; the token wins.
        Page page = parameters.containsKey("pageToken")
                ? page(table, fields, parameters.get("pageToken"), maxResults, format)
                : page(
                        table,
                        fields,
                        Optional.ofNullable(optionalLong(parameters, "startIndex"))
                                .orElse(0L),
                        maxResults,
                        format);
        ObjectNode answer = mapper.createObjectNode().put("kind", "bigquery#tableDataList");
        answer.put("etag", etag(table.ref().display()));
        answer.put("totalRows", Long.toString(table.rows()));
        putPage(answer, page);
        return answer;
    }

    private static List<BqField> selected(TableMeta table, String selectedFields) {
        if (selectedFields == null || selectedFields.isBlank()) {
            return table.fields();
        }
        boolean[] keep = new boolean[table.fields().size()];
        for (String name : selectedFields.split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int index = table.indexOf(trimmed);
            if (index < 0) {
                throw BigQueryApiException.invalid("Field " + trimmed + " in selectedFields is not in table "
                        + table.ref().display());
            }
            keep[index] = true;
        }
        List<BqField> fields = new ArrayList<>();
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                fields.add(table.fields().get(i));
            }
        }
        return fields;
    }

    // ---------------------------------------------------------------------------------------------------
    // Pages of rows

    /** A page from a page token; {@code maxResults}, when given, overrides the token's page size. */
    private Page page(TableMeta table, List<BqField> fields, String token, Long maxResults, TimestampFormat format) {
        long[] decoded = decodeToken(token);
        return page(
                table,
                fields,
                decoded[0],
                maxResults != null ? maxResults : decoded[1] < 0 ? null : decoded[1],
                format);
    }

    /**
     * Up to {@code maxResults} rows (all when {@code null}) from {@code offset}, in the table's row order, and
     * never more than {@link #MAX_PAGE_BYTES} of them.
     */
    private Page page(TableMeta table, List<BqField> fields, long offset, Long maxResults, TimestampFormat format) {
        if (offset < 0 || (maxResults != null && maxResults < 0)) {
            throw BigQueryApiException.invalid("startIndex and maxResults must not be negative.");
        }
        ArrayNode rows = mapper.createArrayNode();
        long limit = Math.max(0, Math.min(maxResults == null ? Long.MAX_VALUE : maxResults, table.rows() - offset));
        if (limit == 0 || fields.isEmpty()) {
            return new Page(rows, null);
        }
        List<String> expressions = fields.stream().map(SqlText::restValue).toList();
        long read = 0;
        long bytes = 0;
        try (DuckDBConnection connection = catalog.connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(SqlText.page(expressions, table, null, offset, limit))) {
            while (rs.next()) {
                ArrayNode cells = rows.addObject().putArray("f");
                for (int i = 0; i < fields.size(); i++) {
                    String value = value(rs, i + 1, fields.get(i).type(), format);
                    cells.addObject().put("v", value);
                    bytes += value == null ? 8 : value.length() + 8;
                }
                read++;
                if (bytes > MAX_PAGE_BYTES) {
                    break;
                }
            }
        } catch (SQLException e) {
            throw QueryEngine.sqlError(e);
        }
        long next = offset + read;
        boolean more = next < table.rows();
        String token = more ? encodeToken(next, maxResults == null ? -1 : maxResults) : null;
        return new Page(rows, token);
    }

    private static String value(ResultSet rs, int column, BqType type, TimestampFormat format) throws SQLException {
        switch (type) {
            case INT64 -> {
                long v = rs.getLong(column);
                return rs.wasNull() ? null : Long.toString(v);
            }
            case FLOAT64 -> {
                double v = rs.getDouble(column);
                return rs.wasNull() ? null : Double.toString(v);
            }
            case TIMESTAMP -> {
                long micros = rs.getLong(column);
                return rs.wasNull() ? null : format.format(micros);
            }
            case NUMERIC -> {
                String v = rs.getString(column);
                return v == null ? null : new BigDecimal(v).stripTrailingZeros().toPlainString();
            }
            default -> {
                return rs.getString(column);
            }
        }
    }

    private static void putPage(ObjectNode answer, Page page) {
        if (!page.rows().isEmpty()) {
            answer.set("rows", page.rows());
        }
        if (page.nextToken() != null) {
            answer.put("pageToken", page.nextToken());
        }
    }

    /** An opaque token for "the rows from {@code offset}, {@code size} at a time (-1: no limit)". */
    private static String encodeToken(long offset, long size) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("page:" + offset + ":" + size).getBytes(StandardCharsets.US_ASCII));
    }

    private static long[] decodeToken(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split(":");
            if (parts.length == 3 && parts[0].equals("page")) {
                return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw BigQueryApiException.invalid("Invalid page token: " + token);
    }

    // ---------------------------------------------------------------------------------------------------
    // JSON helpers

    private ObjectNode schema(List<BqField> fields) {
        ObjectNode schema = mapper.createObjectNode();
        ArrayNode list = schema.putArray("fields");
        for (BqField field : fields) {
            list.addObject()
                    .put("name", field.name())
                    .put("type", field.type().restName())
                    .put("mode", "NULLABLE");
        }
        return schema;
    }

    private ObjectNode tableReference(TableRef ref) {
        return mapper.createObjectNode()
                .put("projectId", ref.project())
                .put("datasetId", ref.dataset())
                .put("tableId", ref.table());
    }

    private ObjectNode errorProto(RestError error) {
        return mapper.createObjectNode()
                .put("reason", error.reason())
                .put("location", error.reason().equals("invalidQuery") ? "query" : "")
                .put("message", error.message());
    }

    private ObjectNode errorBody(RestError error) {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode inner = body.putObject("error");
        inner.put("code", error.status());
        inner.put("message", error.message());
        inner.putArray("errors")
                .addObject()
                .put("message", error.message())
                .put("domain", "global")
                .put("reason", error.reason());
        inner.put("status", error.statusText());
        return body;
    }

    private JsonNode unsupported(String verb, String path) {
        throw new BigQueryApiException(new RestError(
                501,
                "notImplemented",
                "LocalBigQuery does not serve " + verb + " " + path + "; it serves jobs.query, jobs.insert, jobs.get,"
                        + " jobs.getQueryResults, tables.get and tabledata.list under " + PREFIX + "."));
    }

    private JsonNode json(byte[] body) {
        if (body.length == 0) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw BigQueryApiException.invalid("Invalid JSON payload received: " + e.getMessage());
        }
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw BigQueryApiException.invalid("Required parameter is missing: " + field);
        }
        return value.asText();
    }

    private static void requireStandardSql(JsonNode node) {
        if (node.path("useLegacySql").asBoolean(false)) {
            throw BigQueryApiException.invalidQuery(
                    "LocalBigQuery speaks GoogleSQL only: set useLegacySql to false (QueryJobConfiguration.setUseLegacySql(false)).");
        }
    }

    private static Long optionalLong(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        try {
            return Long.parseLong(value.asText());
        } catch (NumberFormatException e) {
            throw BigQueryApiException.invalid("Invalid value for " + field + ": " + value.asText());
        }
    }

    private static Long optionalLong(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw BigQueryApiException.invalid("Invalid value for " + name + ": " + value);
        }
    }

    private static String etag(String of) {
        return Base64.getEncoder()
                .encodeToString(Integer.toHexString(of.hashCode()).getBytes(StandardCharsets.US_ASCII));
    }

    // ---------------------------------------------------------------------------------------------------
    // HTTP

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    /** The request body, gunzipped when the client compressed it (google-cloud-bigquery does). */
    private static byte[] body(HttpExchange exchange) throws IOException {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        try (InputStream raw = exchange.getRequestBody();
                InputStream in =
                        encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip")
                                ? new GZIPInputStream(raw)
                                : raw) {
            return in.readAllBytes();
        }
    }

    private void send(HttpExchange exchange, int status, byte[] bytes, Faults.Stall stall) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        // A stall is counted before its first byte goes out: no client can give up on it before a test sees it.
        try (Faults.Hold hold = stall == null ? null : faults.hold(stall)) {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (hold == null) {
                    out.write(bytes);
                    return;
                }
                int half = bytes.length / 2;
                out.write(bytes, 0, half);
                out.flush();
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("LocalBigQuery is stopping", e);
                }
                out.write(bytes, half, bytes.length - half);
            }
        }
    }
}
