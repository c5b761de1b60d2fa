package dev.ecommerce.core.transform.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A generic test entry's name: {@code name} or {@code package.name}. */
class GenericTestKindTest {

    @Test
    void namesAndPackageNamesAreTestKinds() {
        for (String kind : List.of("not_null", "_x", "Accepted_Values2", "dbt_utils.expression_is_true", "a.b")) {
            assertThat(GenericTests.isTestKind(kind)).as(kind).isTrue();
        }
        for (String kind : List.of("", "1x", "a.", ".a", "a.b.c", "a-b", "a b", "a.1b", "é", "a..b")) {
            assertThat(GenericTests.isTestKind(kind)).as(kind).isFalse();
        }
    }
}
