package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;

/**
 * At most {@code maxAttempts} dials to one number by an organisation, across all its campaigns and nodes, in any
 * rolling window of {@code periodHours}. A contact held back by a limit waits until the oldest dial counted
 * leaves the window; it is not final.
 *
 * @param maxAttempts the most dials in the window, at least 1
 * @param periodHours the window's length in hours, 1 to {@value #MAX_PERIOD_HOURS}
 */
@JsonPropertyOrder({"max_attempts", "period_hours"})
public record AttemptLimit(
        @JsonProperty("max_attempts") int maxAttempts,
        @JsonProperty("period_hours") int periodHours) {

    /** The longest window accepted: a year of hours. */
    public static final int MAX_PERIOD_HOURS = 8760;

    /** The window as a duration. */
    public Duration period() {
        return Duration.ofHours(periodHours);
    }
}
