package dev.ecommerce.core.transform.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Generic tests' names and unique id hashes, checked against what dbt-core computes. */
class TestNamesTest {

    private static Map<String, Object> kwargs(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void hashesAreDbtsForTheTestsOfDbtCoresOwnManifestFixture() {
        // dbt-core 1.10 tests/functional/artifacts/data/state/v10/manifest.json
        assertThat(TestNames.hash(
                        "not_null_my_model_id",
                        "not_null",
                        null,
                        kwargs("column_name", "id", "model", "{{ get_where_subquery(ref('my_model')) }}")))
                .isEqualTo("43e0e9183a");
        assertThat(TestNames.hash(
                        "check_nothing_my_model_",
                        "check_nothing",
                        null,
                        kwargs("model", "{{ get_where_subquery(ref('my_model')) }}")))
                .isEqualTo("d5a5e66110");
    }

    @Test
    void namesFlattenTheArgumentsInKeyOrder() {
        assertThat(TestNames.fullName(
                        "relationships",
                        "orders",
                        kwargs("column_name", "customer_id", "to", "ref('customers')", "field", "customer_id")))
                .isEqualTo("relationships_orders_customer_id__customer_id__ref_customers_");
        assertThat(TestNames.fullName(
                        "accepted_values",
                        "orders",
                        kwargs("values", List.of(1, 2.5, true), "quote", false, "column_name", "amount")))
                .isEqualTo("accepted_values_orders_amount__False__1__2_5__True");
        assertThat(TestNames.fullName("check_nothing", "my_model", kwargs())).isEqualTo("check_nothing_my_model_");
    }

    @Test
    void aLongNameIsShortenedWithItsMd5() {
        String full = TestNames.fullName(
                "accepted_values",
                "orders",
                kwargs(
                        "column_name",
                        "status",
                        "values",
                        List.of("placed", "shipped", "completed", "return_pending", "returned")));
        assertThat(full)
                .isEqualTo("accepted_values_orders_status__placed__shipped__completed__return_pending__returned");
        assertThat(TestNames.shortName("accepted_values", "orders", full))
                .isEqualTo("accepted_values_orders_1ce6ab157c285f7cd2ac656013faf758");
        assertThat(TestNames.shortName("unique", "orders", "unique_orders_id")).isEqualTo("unique_orders_id");
    }

    @Test
    void pythonPrintsStringsNumbersAndNestedValuesItsOwnWay() {
        assertThat(Python.hashableRepr(
                        kwargs("n", "back\\slash\nnl", "m", "both'\"", "l", "a\"b", "k", "it's", "v", List.of(1, 2.5))))
                .isEqualTo(
                        "{'k': \"it's\", 'l': 'a\"b', 'm': 'both\\'\"', 'n': 'back\\\\slash\\nnl', 'v': ['1', '2.5']}");
        assertThat(Python.str(1e-5)).isEqualTo("1e-05");
        assertThat(Python.str(1e16)).isEqualTo("1e+16");
        assertThat(Python.str(100.0)).isEqualTo("100.0");
        assertThat(Python.str(null)).isEqualTo("None");
        assertThat(Python.str(Map.of("a", 1))).isEqualTo("{'a': 1}");
    }
}
