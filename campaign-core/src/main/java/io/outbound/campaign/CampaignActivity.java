package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;

/**
 * A campaign's calls over time, the answer of {@code GET /campaign/{id}/activity}: for each bucket of the window,
 * the calls that started in it (calls per minute with one-minute buckets), the calls that ended in it by outcome,
 * and the calls in flight at its end. Counts are of call sessions (attempts), not of contacts: a contact dialled
 * three times counts three times. Contacts skipped by the contact rules never have a call and appear only in
 * {@link CampaignProgress#skipped()}.
 *
 * @param campaignId     the campaign
 * @param from           where the first bucket starts
 * @param to             where the window ends (exclusive)
 * @param bucketSeconds  each bucket's length; the last bucket is shorter when the window is not a whole number
 * @param inFlightAtFrom calls in flight at {@code from}: started before it and not ended by it
 * @param lastActivityAt the latest instant any call of the campaign started or ended, in or out of the window;
 *                       absent when none ever started
 * @param buckets        the buckets in time order
 */
@JsonPropertyOrder({"campaign_id", "from", "to", "bucket_seconds", "in_flight_at_from", "last_activity_at",
        "buckets"})
public record CampaignActivity(
        @JsonProperty("campaign_id") long campaignId,
        @JsonProperty("from") @JsonSerialize(using = InstantJson.Serializer.class)
        @JsonDeserialize(using = InstantJson.Deserializer.class) Instant from,
        @JsonProperty("to") @JsonSerialize(using = InstantJson.Serializer.class)
        @JsonDeserialize(using = InstantJson.Deserializer.class) Instant to,
        @JsonProperty("bucket_seconds") int bucketSeconds,
        @JsonProperty("in_flight_at_from") long inFlightAtFrom,
        @JsonProperty("last_activity_at") @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonSerialize(using = InstantJson.Serializer.class)
        @JsonDeserialize(using = InstantJson.Deserializer.class) Instant lastActivityAt,
        @JsonProperty("buckets") List<Bucket> buckets) {

    public CampaignActivity {
        buckets = buckets == null ? List.of() : List.copyOf(buckets);
    }

    /**
     * One bucket of time. {@code ended} is the sum of the outcome counts.
     *
     * @param start         where the bucket starts
     * @param started       calls started in the bucket
     * @param ended         calls ended in the bucket, whatever their outcome
     * @param inFlight      calls in flight at the bucket's end: started before it, not ended by it
     * @param completed     calls ended in the bucket {@code completed}
     * @param noAnswer      ... {@code no_answer}
     * @param busy          ... {@code busy}
     * @param voicemail     ... {@code voicemail}
     * @param failed        ... {@code failed}
     * @param invalidNumber ... {@code invalid_number}
     */
    @JsonPropertyOrder({"start", "started", "ended", "in_flight", "completed", "no_answer", "busy", "voicemail",
            "failed", "invalid_number"})
    public record Bucket(
            @JsonProperty("start") @JsonSerialize(using = InstantJson.Serializer.class)
            @JsonDeserialize(using = InstantJson.Deserializer.class) Instant start,
            @JsonProperty("started") long started,
            @JsonProperty("ended") long ended,
            @JsonProperty("in_flight") long inFlight,
            @JsonProperty("completed") long completed,
            @JsonProperty("no_answer") long noAnswer,
            @JsonProperty("busy") long busy,
            @JsonProperty("voicemail") long voicemail,
            @JsonProperty("failed") long failed,
            @JsonProperty("invalid_number") long invalidNumber) {

        /** The calls of the bucket that ended with the outcome. */
        public long ended(CallOutcome outcome) {
            return switch (outcome) {
                case COMPLETED -> completed;
                case NO_ANSWER -> noAnswer;
                case BUSY -> busy;
                case VOICEMAIL -> voicemail;
                case FAILED -> failed;
                case INVALID_NUMBER -> invalidNumber;
            };
        }
    }
}
