package io.outbound.campaign.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in caller number configurations: pools checked and built once, answered as they were given. */
class TelephonyConfigsTest {

    @Test
    void defaultNumbersAnswerOneExclusivePoolForEveryOrganisationsDefaultConfigurationOnly() {
        TelephonyConfigs configs = TelephonyConfigs.defaultNumbers(List.of("+15550001", "+15550002"));

        CallerPool pool = configs.callerPool("org-a", null).orElseThrow();
        assertThat(pool.numbers()).containsExactly("+15550001", "+15550002");
        assertThat(pool.mode()).isEqualTo(CallerIdMode.EXCLUSIVE);
        assertThat(pool.paced()).isFalse();
        assertThat(configs.callerPool("org-b", null)).containsSame(pool);
        assertThat(configs.callerNumbers("org-b", null)).contains(List.of("+15550001", "+15550002"));
        assertThat(configs.callerPool("org-a", 4L)).isEmpty();
        assertThat(configs.callerNumbers("org-a", 4L)).isEmpty();
    }

    @Test
    void numbersPerOrganisationAnswerEachItsOwnAndOtherOrganisationsNone() {
        TelephonyConfigs configs = TelephonyConfigs.perOrganisation(Map.of("org-a", List.of("+15550001"),
                "org-b", List.of("+15550002", "+15550003")));

        assertThat(configs.callerPool("org-a", null).orElseThrow().numbers()).containsExactly("+15550001");
        assertThat(configs.callerNumbers("org-b", null)).contains(List.of("+15550002", "+15550003"));
        assertThat(configs.callerPool("org-c", null)).isEmpty();
        assertThat(configs.callerPool("org-a", 1L)).isEmpty();
    }

    @Test
    void aRepeatedNumberIsRefusedWhenTheConfigurationIsMadeNamingTheNumbers() {
        assertThatThrownBy(() -> TelephonyConfigs.defaultNumbers(List.of("+15550001", "+15550002", "+15550001")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("numbers must not repeat a caller number")
                .hasMessageContaining("+15550001");
        assertThatThrownBy(() -> TelephonyConfigs.perOrganisation(Map.of("org-a", List.of("+15550001", "+15550001"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("numbers must not repeat a caller number");
    }

    @Test
    void aPoolMadeByTheDefaultLookupChecksItsNumbersEachTime() {
        TelephonyConfigs host = (org, id) -> java.util.Optional.of(List.of("+15550001", "+15550001"));

        assertThatThrownBy(() -> host.callerPool("org-a", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("numbers must not repeat a caller number");
    }
}
