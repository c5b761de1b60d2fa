package dev.ecommerce.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The checks on whole tables as a pom or {@code -D} writes them: defaults, overrides, switches and mistakes. */
class TableChecksTest {

    @Test
    void blankTextGivesThelooksDefaults() {
        TableChecks checks = TableChecks.parse(" ");

        assertThat(checks).isEqualTo(TableChecks.DEFAULTS);
        assertThat(checks.freshness())
                .isEqualTo(new TableChecks.Freshness(Duration.ofDays(2), TableChecks.Severity.WARN));
        assertThat(checks.volume()).isEqualTo(new TableChecks.Volume(50, TableChecks.Severity.WARN));
        assertThat(checks.schema().policy()).isEqualTo(TableChecks.SchemaPolicy.EVOLVE);
        assertThat(checks.schema().severity()).isEqualTo(TableChecks.Severity.WARN);
        assertThat(checks.primaryKeys()).isEqualTo(TableChecks.Severity.FAIL);
        assertThat(checks.foreignKeys()).isEqualTo(TableChecks.Severity.WARN);
    }

    @Test
    void aCheckNamedChangesOnlyWhatItSaysTheOthersKeepTheirDefaults() {
        TableChecks checks =
                TableChecks.parse("freshness: maxAge=36h; volume: maxChange=20%, severity=fail; schema: policy=freeze;"
                        + " foreignKeys: severity=FAIL");

        assertThat(checks.freshness())
                .isEqualTo(new TableChecks.Freshness(Duration.ofHours(36), TableChecks.Severity.WARN));
        assertThat(checks.volume()).isEqualTo(new TableChecks.Volume(20, TableChecks.Severity.FAIL));
        assertThat(checks.schema().severity()).isEqualTo(TableChecks.Severity.FAIL);
        assertThat(checks.primaryKeys()).isEqualTo(TableChecks.Severity.FAIL);
        assertThat(checks.foreignKeys()).isEqualTo(TableChecks.Severity.FAIL);
    }

    @Test
    void durationsInDaysHoursMinutesOrIso() {
        assertThat(TableChecks.parse("freshness: maxAge=3d").freshness().maxAge())
                .isEqualTo(Duration.ofDays(3));
        assertThat(TableChecks.parse("freshness: maxAge=90m").freshness().maxAge())
                .isEqualTo(Duration.ofMinutes(90));
        assertThat(TableChecks.parse("freshness: maxAge=PT12H").freshness().maxAge())
                .isEqualTo(Duration.ofHours(12));
        assertThat(TableChecks.parse("volume: maxChange=12.5").volume().maxChangePercent())
                .isEqualTo(12.5);
    }

    @Test
    void noneTurnsEveryCheckOffAndOffOneCheck() {
        assertThat(TableChecks.parse("none")).isEqualTo(TableChecks.NONE);
        TableChecks checks = TableChecks.parse("volume: off; foreignKeys: off");
        assertThat(checks.volume()).isNull();
        assertThat(checks.foreignKeys()).isNull();
        assertThat(checks.freshness()).isEqualTo(TableChecks.DEFAULTS.freshness());
    }

    @Test
    void mistakesNameTheSettingAndTheGrammar() {
        assertThatThrownBy(() -> TableChecks.parse("rowcount: maxChange=5%"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(Setting.TABLE_CHECKS.ref() + ": unknown check 'rowcount' (valid: freshness,")
                .hasMessageContaining("Write it as 'freshness: maxAge=2d, severity=warn;");
        assertThatThrownBy(() -> TableChecks.parse("freshness: maxChange=5%"))
                .hasMessageContaining("freshness: unknown key 'maxChange' (valid: maxAge, severity)");
        assertThatThrownBy(() -> TableChecks.parse("freshness: maxAge=soon"))
                .hasMessageContaining("maxAge must be a positive duration such as 36h, 2d or 90m, not 'soon'");
        assertThatThrownBy(() -> TableChecks.parse("volume: maxChange=0%"))
                .hasMessageContaining("maxChange must be a percentage above 0 such as 50%, not '0%'");
        assertThatThrownBy(() -> TableChecks.parse("primaryKeys: severity=error"))
                .hasMessage("Unknown value 'error' for " + Setting.TABLE_CHECKS.ref()
                        + " primaryKeys severity. Valid values: warn, fail.");
        assertThatThrownBy(() -> TableChecks.parse("schema: policy=discard_row"))
                .hasMessageContaining(
                        "Unknown value 'discard_row' for " + Setting.TABLE_CHECKS.ref() + " schema policy");
        assertThatThrownBy(() -> TableChecks.parse("schema: freeze"))
                .hasMessageContaining("schema: 'freeze' is not key=value");
    }
}
