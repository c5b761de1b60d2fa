package dev.ecommerce.core.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link ProjectHooks#hookSql}: dbt's {@code get_hook_dict} on a rendered on-run-start or on-run-end hook. */
class ProjectHooksTest {

    @Test
    void aJsonObjectRunsItsSqlAndAnythingElseRunsAsItIs() {
        assertThat(ProjectHooks.hookSql(" {\"sql\": \"select 1\", \"transaction\": false}\n"))
                .isEqualTo("select 1");
        assertThat(ProjectHooks.hookSql("  select {'a': 1} \n")).isEqualTo("select {'a': 1}");
        assertThat(ProjectHooks.hookSql("{'a': 1}")).isEqualTo("{'a': 1}"); // DuckDB struct, no JSON
        assertThat(ProjectHooks.hookSql("{\"transaction\": true}")).isEqualTo("{\"transaction\": true}");
    }
}
