package dev.ecommerce.core.transform.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.project.SnapshotConfig.HardDeletes;
import dev.ecommerce.core.transform.project.SnapshotConfig.MetaColumns;
import dev.ecommerce.core.transform.project.SnapshotConfig.Strategy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotConfigTest {

    private static SnapshotConfig of(Map<String, Object> raw) {
        return SnapshotConfig.of(NodeConfig.of(raw, "snapshots/s.sql"), "snapshots/s.sql");
    }

    private static Map<String, Object> check(Object... more) {
        Map<String, Object> raw = new LinkedHashMap<>(Map.of("strategy", "check", "unique_key", "id"));
        for (int i = 0; i < more.length; i += 2) {
            raw.put(String.valueOf(more[i]), more[i + 1]);
        }
        return raw;
    }

    @Test
    void readsDbtsDefaults() {
        SnapshotConfig config = of(check("check_cols", "all"));

        assertThat(config.strategy()).isEqualTo(Strategy.CHECK);
        assertThat(config.uniqueKey()).containsExactly("id");
        assertThat(config.checkCols()).isNull();
        assertThat(config.hardDeletes()).isEqualTo(HardDeletes.IGNORE);
        assertThat(config.columns()).isEqualTo(MetaColumns.DEFAULT);
        assertThat(config.validToCurrent()).isNull();
    }

    @Test
    void hardDeletesAndTheLegacyFlag() {
        assertThat(of(check("check_cols", "all", "invalidate_hard_deletes", true))
                        .hardDeletes())
                .isEqualTo(HardDeletes.INVALIDATE);
        assertThat(of(check("check_cols", "all", "hard_deletes", "new_record")).hardDeletes())
                .isEqualTo(HardDeletes.NEW_RECORD);
        assertThatThrownBy(() ->
                        of(check("check_cols", "all", "invalidate_hard_deletes", true, "hard_deletes", "invalidate")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "snapshots/s.sql: a snapshot cannot set both invalidate_hard_deletes and" + " hard_deletes");
        assertThatThrownBy(() -> of(check("check_cols", "all", "hard_deletes", "purge")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("hard_deletes must be ignore, invalidate or new_record, not 'purge'");
    }

    @Test
    void checkColsAndMetaColumnNames() {
        SnapshotConfig config = of(check(
                "check_cols", List.of("name", "email"), "snapshot_meta_column_names", Map.of("dbt_scd_id", "row_id")));

        assertThat(config.checkCols()).containsExactly("name", "email");
        assertThat(config.columns().scdId()).isEqualTo("row_id");
        assertThat(config.columns().validTo()).isEqualTo("dbt_valid_to");
        assertThatThrownBy(() -> of(check("check_cols", List.of())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("check_cols must be 'all' or a list of columns");
        assertThatThrownBy(() -> of(
                        check("check_cols", "all", "snapshot_meta_column_names", Map.of("dbt_valid_to", "Valid To"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("snapshot_meta_column_names must be lower-case SQL names");
        assertThatThrownBy(() -> of(check("check_cols", "all", "snapshot_meta_column_names", Map.of("valid_to", "x"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("snapshot_meta_column_names");
    }

    @Test
    void aSnapshotNeedsAStrategy() {
        assertThatThrownBy(() -> of(Map.of("unique_key", "id")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("snapshots/s.sql: a snapshot needs a strategy");
    }
}
