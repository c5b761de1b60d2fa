package dev.ecommerce.core.transform.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CtesTest {

    @Test
    void stripDropsTrailingSemicolonsAndBlanksOnly() {
        assertThat(Ctes.strip("select 1 ;\n \t\u000B\f\r;;")).isEqualTo("select 1");
        assertThat(Ctes.strip("select ';' as s -- note")).isEqualTo("select ';' as s -- note");
        assertThat(Ctes.strip("  select 1")).isEqualTo("  select 1");
        assertThat(Ctes.strip(" ;\n")).isEmpty();
        assertThat(Ctes.strip("")).isEmpty();
        assertThat(Ctes.strip("select 1\u00A0"))
                .as("a no-break space is no regex \\s")
                .endsWith("\u00A0");
    }

    @Test
    void injectPutsTheCtesInFront() {
        Map<String, String> ctes = new LinkedHashMap<>();
        ctes.put("__dbt__cte__e", "select 1 as n;\n");
        assertThat(Ctes.inject("select * from __dbt__cte__e;\n", ctes))
                .isEqualTo("with __dbt__cte__e as (\nselect 1 as n\n)\nselect * from __dbt__cte__e");
        assertThat(Ctes.inject("with a as (select 2) select * from a", ctes))
                .isEqualTo("with __dbt__cte__e as (\nselect 1 as n\n),\na as (select 2) select * from a");
        assertThat(Ctes.inject("select 1;", Map.of())).isEqualTo("select 1");
    }
}
