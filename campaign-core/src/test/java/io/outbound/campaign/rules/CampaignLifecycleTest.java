package io.outbound.campaign.rules;

import static io.outbound.campaign.CampaignStatus.COMPLETED;
import static io.outbound.campaign.CampaignStatus.DRAFT;
import static io.outbound.campaign.CampaignStatus.FAILED;
import static io.outbound.campaign.CampaignStatus.PAUSED;
import static io.outbound.campaign.CampaignStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ErrorCode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CampaignLifecycleTest {

    /** DESIGN section 4, all 25 cells: the status after the action, or null for INVALID_STATE. */
    static Stream<Arguments> designTable() {
        return Stream.of(
                Arguments.of(CampaignAction.START, DRAFT, RUNNING),
                Arguments.of(CampaignAction.START, RUNNING, RUNNING),
                Arguments.of(CampaignAction.START, PAUSED, null),
                Arguments.of(CampaignAction.START, COMPLETED, null),
                Arguments.of(CampaignAction.START, FAILED, null),
                Arguments.of(CampaignAction.PAUSE, DRAFT, null),
                Arguments.of(CampaignAction.PAUSE, RUNNING, PAUSED),
                Arguments.of(CampaignAction.PAUSE, PAUSED, PAUSED),
                Arguments.of(CampaignAction.PAUSE, COMPLETED, null),
                Arguments.of(CampaignAction.PAUSE, FAILED, null),
                Arguments.of(CampaignAction.RESUME, DRAFT, null),
                Arguments.of(CampaignAction.RESUME, RUNNING, RUNNING),
                Arguments.of(CampaignAction.RESUME, PAUSED, RUNNING),
                Arguments.of(CampaignAction.RESUME, COMPLETED, null),
                Arguments.of(CampaignAction.RESUME, FAILED, null),
                Arguments.of(CampaignAction.UPDATE, DRAFT, DRAFT),
                Arguments.of(CampaignAction.UPDATE, RUNNING, RUNNING),
                Arguments.of(CampaignAction.UPDATE, PAUSED, PAUSED),
                Arguments.of(CampaignAction.UPDATE, COMPLETED, null),
                Arguments.of(CampaignAction.UPDATE, FAILED, null),
                Arguments.of(CampaignAction.REDIAL, DRAFT, null),
                Arguments.of(CampaignAction.REDIAL, RUNNING, null),
                Arguments.of(CampaignAction.REDIAL, PAUSED, PAUSED),
                Arguments.of(CampaignAction.REDIAL, COMPLETED, COMPLETED),
                Arguments.of(CampaignAction.REDIAL, FAILED, FAILED));
    }

    @ParameterizedTest(name = "{0} on a {1} campaign gives {2}")
    @MethodSource("designTable")
    void everyCellOfTheDesignTableHolds(CampaignAction action, CampaignStatus from, CampaignStatus expected) {
        if (expected == null) {
            assertThat(CampaignLifecycle.allows(from, action)).isFalse();
            assertThatThrownBy(() -> CampaignLifecycle.apply(42, from, action))
                    .isInstanceOfSatisfying(CampaignException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
                        assertThat(e.getMessage()).contains("42", action.verb(), from.json());
                    });
        } else {
            assertThat(CampaignLifecycle.allows(from, action)).isTrue();
            assertThat(CampaignLifecycle.apply(42, from, action)).isEqualTo(expected);
        }
    }

    @org.junit.jupiter.api.Test
    void theTableCoversEveryStatusAndAction() {
        assertThat(designTable().count())
                .isEqualTo((long) CampaignStatus.values().length * CampaignAction.values().length);
    }
}
