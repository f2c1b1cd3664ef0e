package io.outbound.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The query of {@code GET /campaign/{id}/activity}: a window of time cut into buckets of equal length. Every field
 * may be {@code null} for its default, which the engine fills in from its clock ({@link #resolve}).
 *
 * @param from          where the first bucket starts (inclusive); default {@code to} less {@value #DEFAULT_BUCKETS}
 *                      buckets
 * @param to            where the window ends (exclusive); default the end of the bucket holding the engine's
 *                      current instant, buckets being aligned on multiples of their length since the epoch
 * @param bucketSeconds each bucket's length in seconds, {@value #MIN_BUCKET_SECONDS} to
 *                      {@value #MAX_BUCKET_SECONDS}; default {@value #DEFAULT_BUCKET_SECONDS}
 */
public record ActivityQuery(Instant from, Instant to, Integer bucketSeconds) {

    /** A bucket's default length: one minute, so that {@code started} is calls per minute. */
    public static final int DEFAULT_BUCKET_SECONDS = 60;
    /** The shortest bucket. */
    public static final int MIN_BUCKET_SECONDS = 1;
    /** The longest bucket: one day. */
    public static final int MAX_BUCKET_SECONDS = 86_400;
    /** How many buckets a window holds when {@code from} is not given. */
    public static final int DEFAULT_BUCKETS = 60;
    /** The most buckets one answer holds, whatever the window: what bounds the answer's size. */
    public static final int MAX_BUCKETS = 1_440;

    /** The last {@value #DEFAULT_BUCKETS} minutes up to now. */
    public static ActivityQuery recent() {
        return new ActivityQuery(null, null, null);
    }

    /**
     * Parses the query parameters as a host receives them: {@code from} and {@code to} in ISO 8601 (with {@code Z}
     * or an offset), {@code bucket_seconds} in ASCII digits; blank or {@code null} for the default.
     *
     * @throws CampaignException {@code VALIDATION_FAILED} naming each parameter that cannot be read, with its value
     */
    public static ActivityQuery parse(String from, String to, String bucketSeconds) {
        List<FieldError> errors = new ArrayList<>();
        Instant start = instant("from", from, errors);
        Instant end = instant("to", to, errors);
        Integer bucket = null;
        if (bucketSeconds != null && !bucketSeconds.isBlank()) {
            String text = bucketSeconds.trim();
            if (text.length() <= 9 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                bucket = Integer.valueOf(text);
            } else {
                errors.add(new FieldError("bucket_seconds", bucketSeconds, "must be a whole number of seconds from "
                        + MIN_BUCKET_SECONDS + " to " + MAX_BUCKET_SECONDS));
            }
        }
        if (!errors.isEmpty()) {
            throw CampaignException.validation(errors);
        }
        return new ActivityQuery(start, end, bucket);
    }

    /**
     * The window this query names at {@code now}, its defaults filled in and checked.
     *
     * @throws CampaignException {@code VALIDATION_FAILED} when the bucket length is out of range, {@code from} is
     *                           not before {@code to}, or the window holds more than {@value #MAX_BUCKETS} buckets
     */
    public Window resolve(Instant now) {
        int seconds = bucketSeconds == null ? DEFAULT_BUCKET_SECONDS : bucketSeconds;
        if (seconds < MIN_BUCKET_SECONDS || seconds > MAX_BUCKET_SECONDS) {
            throw CampaignException.validation("bucket_seconds", bucketSeconds, "must be between "
                    + MIN_BUCKET_SECONDS + " and " + MAX_BUCKET_SECONDS);
        }
        Duration bucket = Duration.ofSeconds(seconds);
        Instant end = to;
        if (end == null) {
            long epochSecond = now.getEpochSecond();
            end = Instant.ofEpochSecond(Math.floorDiv(epochSecond, seconds) * seconds + seconds);
        }
        Instant start = from != null ? from : end.minus(bucket.multipliedBy(DEFAULT_BUCKETS));
        if (!start.isBefore(end)) {
            throw CampaignException.validation("from", start, "must be before to (" + end + ")");
        }
        long spanMillis = Duration.between(start, end).toMillis();
        long bucketMillis = seconds * 1000L;
        long buckets = Math.max(1, (spanMillis + bucketMillis - 1) / bucketMillis);
        if (buckets > MAX_BUCKETS) {
            throw CampaignException.validation("to", end, "is " + buckets + " buckets of " + seconds
                    + " s after from (" + start + "); at most " + MAX_BUCKETS + ": choose a later from, an earlier to"
                    + " or a longer bucket_seconds");
        }
        return new Window(start, end, bucket, (int) buckets);
    }

    private static Instant instant(String field, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return InstantJson.parse(text.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, text, io.outbound.campaign.internal.validation.Instants.EXPECTED));
            return null;
        }
    }

    /**
     * A checked window: {@code buckets} buckets of {@code bucket} from {@code from}; the last one ends at {@code to}
     * and is shorter when the window is not a whole number of buckets.
     *
     * @param from    the first bucket's start
     * @param to      the window's end (exclusive)
     * @param bucket  each bucket's length
     * @param buckets how many buckets, 1 to {@value ActivityQuery#MAX_BUCKETS}
     */
    public record Window(Instant from, Instant to, Duration bucket, int buckets) {
        /** Where bucket {@code index} starts. */
        public Instant bucketStart(int index) {
            return from.plus(bucket.multipliedBy(index));
        }

        /** The bucket an instant within the window falls in. */
        public int bucketOf(Instant instant) {
            return (int) Math.min(buckets - 1, Duration.between(from, instant).toMillis() / bucket.toMillis());
        }
    }
}
