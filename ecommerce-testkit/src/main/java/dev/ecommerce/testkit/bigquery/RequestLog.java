package dev.ecommerce.testkit.bigquery;

import java.util.ArrayList;
import java.util.List;

/** The requests LocalBigQuery received, in arrival order; thread-safe. */
final class RequestLog {

    private final List<RecordedRequest> requests = new ArrayList<>();

    synchronized void add(RecordedRequest request) {
        requests.add(request);
    }

    synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(requests);
    }

    synchronized void clear() {
        requests.clear();
    }
}
