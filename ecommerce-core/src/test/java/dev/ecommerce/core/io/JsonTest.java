package dev.ecommerce.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** JSON keyed by the ten thousand, as a dbt manifest of a large project is, reads every time. */
class JsonTest {

    @Test
    void aManifestOfTwentyThousandUniqueIdsReadsEveryTime() throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        StringBuilder json = new StringBuilder("{\"nodes\": {");
        for (int i = 0; i < 10_000; i++) { // the models, then their tests: ids as dbt makes them
            String model = String.format("m_%03d_%03d", i / 100, i % 100);
            json.append(i == 0 ? "" : ",")
                    .append("\"model.synthetic.")
                    .append(model)
                    .append("\": {\"name\": \"");
            json.append(model).append("\"}");
        }
        for (int i = 0; i < 10_000; i++) {
            String model = String.format("m_%03d_%03d", i / 100, i % 100);
            String hash = HexFormat.of()
                    .formatHex(md5.digest(model.getBytes(StandardCharsets.UTF_8)))
                    .substring(22);
            json.append(",\"test.synthetic.not_null_")
                    .append(model)
                    .append("_id.")
                    .append(hash);
            json.append("\": {\"name\": \"not_null_").append(model).append("_id\"}");
        }
        byte[] bytes = json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
        // Jackson's symbol table is seeded at random: one read can pass where the next fails
        for (int read = 0; read < 10; read++) {
            JsonNode nodes = Json.mapper().readTree(bytes).path("nodes");
            assertThat(nodes.size()).isEqualTo(20_000);
            assertThat(nodes.path("model.synthetic.m_042_017").path("name").asText())
                    .isEqualTo("m_042_017");
        }
    }
}
