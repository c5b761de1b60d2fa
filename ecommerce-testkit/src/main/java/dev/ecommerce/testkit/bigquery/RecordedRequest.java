package dev.ecommerce.testkit.bigquery;

import java.util.Map;

/**
 * One request {@link LocalBigQuery} received, in arrival order, whatever its outcome.
 *
 * @param method the REST method's API name ({@code jobs.query}, see {@link RestMethod#apiName()}) or the RPC
 *     name ({@code ReadRows}, see {@link ReadRpc#rpcName()}); {@code unsupported} for a REST path it does not
 *     serve
 * @param target REST: the HTTP method and path, e.g. {@code GET /bigquery/v2/projects/p/jobs/j1}; gRPC: the
 *     full method name
 * @param parameters REST: the decoded query parameters; gRPC: the request's main fields ({@code table},
 *     {@code max_stream_count}, {@code selected_fields}, {@code row_restriction}, {@code read_stream},
 *     {@code offset})
 * @param fault the fault injected into this request ({@code error 503 backendError}, {@code dropped},
 *     {@code stalled}, {@code UNAVAILABLE}, {@code broken after 100 rows}), or {@code null}
 */
public record RecordedRequest(String method, String target, Map<String, String> parameters, String fault) {

    public RecordedRequest {
        parameters = Map.copyOf(parameters);
    }

    /** A parameter, or {@code null}. */
    public String parameter(String name) {
        return parameters.get(name);
    }
}
