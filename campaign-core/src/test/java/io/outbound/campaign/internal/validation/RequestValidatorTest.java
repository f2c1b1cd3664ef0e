package io.outbound.campaign.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallingHours;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.FieldError;
import io.outbound.campaign.RedialCampaignRequest;
import io.outbound.campaign.Slot;
import io.outbound.campaign.UpdateCampaignRequest;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {

    private static final CreateCampaignRequest VALID = CreateCampaignRequest.of("June", 247, "c.csv", 5);

    private static List<Slot> slots(int count) {
        return Collections.nCopies(count, Slot.of("monday", "09:00", "17:00"));
    }

    @Test
    void callingHoursHoldAtMostTheSlotCapAndOneErrorNamesTheListWhenOver() {
        CreateCampaignRequest atCap = VALID.withCallingHours(new CallingHours("UTC", slots(CallingHours.MAX_SLOTS)));
        CreateCampaignRequest over = VALID.withCallingHours(new CallingHours("UTC", slots(18_000)));

        assertThat(RequestValidator.violations(atCap)).isEmpty();
        assertThat(RequestValidator.violations(over)).containsExactly(new FieldError("calling_hours.slots",
                "18000 slots", "must hold at most " + CallingHours.MAX_SLOTS + " slots"));
    }

    @Test
    void anUpdatesCallingHoursAreCappedToo() {
        UpdateCampaignRequest over = UpdateCampaignRequest.builder()
                .callingHours(new CallingHours("UTC", slots(CallingHours.MAX_SLOTS + 1))).build();

        assertThat(RequestValidator.violations(over)).extracting(FieldError::field)
                .containsExactly("calling_hours.slots");
    }

    @Test
    void redialStatusesHoldAtMostOneEntryPerOutcome() {
        RedialCampaignRequest over = new RedialCampaignRequest("again",
                Collections.nCopies(CallOutcome.values().length + 1, CallOutcome.BUSY));

        assertThatThrownBy(() -> RequestValidator.validate(over))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fieldErrors()).containsExactly(new FieldError("redial_statuses",
                            (CallOutcome.values().length + 1) + " outcomes",
                            "must hold at most " + RequestValidator.MAX_REDIAL_STATUSES + " outcomes"));
                });
        RequestValidator.validate(new RedialCampaignRequest("again",
                Collections.nCopies(RequestValidator.MAX_REDIAL_STATUSES, CallOutcome.BUSY)));
    }

    @Test
    void everyRequestsNameRefusesControlAndBidiOverrideCharactersShowingThemEscaped() {
        String reversed = "Invoice \u202Efdp.exe";

        assertThat(RequestValidator.violations(new CreateCampaignRequest(reversed, 1L, "c.csv", 1, null, null, null)))
                .containsExactly(new FieldError("name", "Invoice \\u202Efdp.exe", "must not contain control "
                        + "characters, line or paragraph separators, bidirectional embeddings, overrides or isolates, "
                        + "or unpaired surrogates: U+202E at position 9"));
        assertThat(RequestValidator.violations(UpdateCampaignRequest.builder().name("a\u001b[2Jb").build()))
                .extracting(FieldError::field, FieldError::value).containsExactly(tuple("name", "a\\u001B[2Jb"));
        assertThatThrownBy(() -> RequestValidator.validate(new RedialCampaignRequest("x\u0000", List.of(CallOutcome.BUSY))))
                .isInstanceOfSatisfying(CampaignException.class, e -> assertThat(e.fieldErrors())
                        .extracting(FieldError::field).containsExactly("name"));
    }
}
