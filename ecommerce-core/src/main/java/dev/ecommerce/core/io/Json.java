package dev.ecommerce.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Jackson for JSON whose keys come from the data: dbt's artifacts (unique ids by the ten thousand), caches by file. */
public final class Json {

    private Json() {}

    /**
     * A mapper that does not canonicalize field names while parsing. Jackson keeps the names it reads in one symbol
     * table per factory, and fails ("suspect a DoS attack based on hash collisions") when too many of them collide:
     * the 20,000 unique ids of a dbt manifest of 10,000 models and their tests did, in 6 reads of 10.
     */
    public static ObjectMapper mapper() {
        return new ObjectMapper(JsonFactory.builder()
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .build());
    }
}
