package dev.ecommerce.core.transform.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a unit test's YAML values become SQL literals. */
class UnitTestRunnerTest {

    @Test
    void scalarsAreSqlLiterals() {
        assertThat(UnitTestRunner.literal(null)).isEqualTo("NULL");
        assertThat(UnitTestRunner.literal(true)).isEqualTo("true");
        assertThat(UnitTestRunner.literal(7.77)).isEqualTo("7.77");
        assertThat(UnitTestRunner.literal("it's")).isEqualTo("'it''s'");
    }

    @Test
    void aMappingIsAStructAndAListIsAList() {
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("a", 1);
        struct.put("o'k", Arrays.asList("x", null));
        struct.put("inner", Map.of("c", false));

        assertThat(UnitTestRunner.literal(struct)).isEqualTo("{'a': 1, 'o''k': ['x', NULL], 'inner': {'c': false}}");
        assertThat(UnitTestRunner.literal(List.of())).isEqualTo("[]");
    }
}
