package io.outbound.campaign.engine;

import static io.outbound.campaign.engine.Scenarios.ORG;
import static io.outbound.campaign.engine.Scenarios.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.ActivityQuery;
import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignActivity;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.FieldError;
import io.outbound.campaign.testkit.CampaignTestKit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The activity series through the engine: calls per minute, outcomes and calls in flight over time. */
class ActivityScenarioTest {

    @Test
    void callsPerMinuteAndCallsInFlightFollowTheCampaignMinuteByMinute() {
        CampaignTestKit kit = CampaignTestKit.builder().startAt(Instant.parse("2026-06-01T13:00:00Z")).build();
        kit.telephony().callDuration(Duration.ofSeconds(90)).defaultOutcome(CallOutcome.BUSY);
        Campaign campaign = Scenarios.started(kit, ORG, numbers(6), 3, null);
        kit.runUntilIdle();

        // Three calls at 13:00:00 end at 13:01:30; the next three start then and end at 13:03:00.
        CampaignActivity activity = kit.campaigns().activity(ORG, campaign.id(),
                ActivityQuery.parse("2026-06-01T13:00:00Z", "2026-06-01T13:05:00Z", null));

        assertThat(activity.bucketSeconds()).isEqualTo(60);
        assertThat(activity.buckets()).extracting(CampaignActivity.Bucket::started).containsExactly(3L, 3L, 0L, 0L, 0L);
        assertThat(activity.buckets()).extracting(CampaignActivity.Bucket::busy).containsExactly(0L, 3L, 0L, 3L, 0L);
        assertThat(activity.buckets()).extracting(CampaignActivity.Bucket::inFlight)
                .containsExactly(3L, 3L, 3L, 0L, 0L);
        assertThat(activity.lastActivityAt()).isEqualTo(Instant.parse("2026-06-01T13:03:00Z"));
        assertThat(activity.buckets().get(0).start()).isEqualTo(Instant.parse("2026-06-01T13:00:00Z"));

        CampaignActivity later = kit.campaigns().activity(ORG, campaign.id(),
                ActivityQuery.parse("2026-06-01T13:02:00Z", "2026-06-01T13:04:00Z", "30"));
        assertThat(later.inFlightAtFrom()).as("the second three, started 13:01:30").isEqualTo(3);
        assertThat(later.buckets()).extracting(CampaignActivity.Bucket::inFlight).containsExactly(3L, 3L, 0L, 0L);
    }

    @Test
    void withoutAWindowTheLastHourByMinuteEndsWithTheCurrentMinute() {
        CampaignTestKit kit = CampaignTestKit.builder().startAt(Instant.parse("2026-06-01T13:00:20Z")).build();
        Campaign campaign = Scenarios.draft(kit, ORG, numbers(2), 1, null);

        CampaignActivity activity = kit.campaigns().activity(ORG, campaign.id(), null);

        assertThat(activity.to()).isEqualTo(Instant.parse("2026-06-01T13:01:00Z"));
        assertThat(activity.from()).isEqualTo(Instant.parse("2026-06-01T12:01:00Z"));
        assertThat(activity.buckets()).hasSize(ActivityQuery.DEFAULT_BUCKETS)
                .allSatisfy(b -> assertThat(b.started() + b.ended() + b.inFlight()).isZero());
        assertThat(activity.lastActivityAt()).isNull();
    }

    @Test
    void aWindowThatCannotBeDrawnIsRefusedNamingTheFieldAndItsValue() {
        CampaignTestKit kit = CampaignTestKit.builder().build();
        Campaign campaign = Scenarios.draft(kit, ORG, numbers(1), 1, null);

        assertRefused(() -> ActivityQuery.parse("yesterday", null, "ten"), "from", "yesterday");
        assertRefused(() -> ActivityQuery.parse(null, null, "+5"), "bucket_seconds", "+5");
        assertRefused(() -> kit.campaigns().activity(ORG, campaign.id(), new ActivityQuery(null, null, 0)),
                "bucket_seconds", "0");
        assertRefused(() -> kit.campaigns().activity(ORG, campaign.id(),
                ActivityQuery.parse("2026-06-01T13:00:00Z", "2026-06-01T13:00:00Z", null)), "from",
                "2026-06-01T13:00:00Z");
        assertRefused(() -> kit.campaigns().activity(ORG, campaign.id(),
                ActivityQuery.parse("2026-06-01T00:00:00Z", "2026-06-02T00:00:01Z", "60")), "to",
                "2026-06-02T00:00:01Z");
        assertThat(kit.campaigns().activity(ORG, campaign.id(),
                ActivityQuery.parse("2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z", "60")).buckets())
                .as("exactly the most buckets").hasSize(ActivityQuery.MAX_BUCKETS);
        assertThatThrownBy(() -> kit.campaigns().activity("another-org", campaign.id(), null))
                .isInstanceOfSatisfying(CampaignException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    private static void assertRefused(Runnable call, String field, String value) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CampaignException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(e.fieldErrors()).extracting(FieldError::field, FieldError::value).contains(
                    org.assertj.core.groups.Tuple.tuple(field, value));
        });
    }
}
