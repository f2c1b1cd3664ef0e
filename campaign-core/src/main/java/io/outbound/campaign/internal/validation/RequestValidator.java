package io.outbound.campaign.internal.validation;

import io.outbound.campaign.AttemptLimit;
import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallingHours;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ContactRules;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.FieldError;
import io.outbound.campaign.RedialCampaignRequest;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.Slot;
import io.outbound.campaign.UpdateCampaignRequest;
import io.outbound.campaign.spi.FileKeys;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks requests and reports every violation at once, each with its JSON path and the bad value.
 */
public final class RequestValidator {

    /** The longest campaign name. */
    public static final int MAX_NAME_LENGTH = 200;
    /** The highest {@code max_concurrency}. */
    public static final int MAX_CONCURRENCY = 1000;
    /** The most entries of {@code redial_statuses}: one per outcome. */
    public static final int MAX_REDIAL_STATUSES = CallOutcome.values().length;
    /** The longest {@code contact_rules.timezone_column} accepted. */
    public static final int MAX_COLUMN_NAME_CHARS = 200;

    private static final Set<String> DAYS =
            Set.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private RequestValidator() {
    }

    /** @throws CampaignException {@code VALIDATION_FAILED} with every violation */
    public static void validate(CreateCampaignRequest request) {
        throwIfAny(violations(request));
    }

    /** Every violation of a create request; empty when valid. */
    public static List<FieldError> violations(CreateCampaignRequest request) {
        List<FieldError> errors = new ArrayList<>();
        name("name", request.name(), errors);
        if (request.workflowId() == null) {
            errors.add(missing("workflow_id"));
        } else if (request.workflowId() < 1) {
            errors.add(error("workflow_id", request.workflowId(), "must be a positive integer"));
        }
        String keyProblem = FileKeys.problem(request.contactsFileKey());
        if (keyProblem != null) {
            errors.add(error("contacts_file_key", request.contactsFileKey(), keyProblem));
        }
        concurrency("max_concurrency", request.maxConcurrency(), errors);
        if (request.callingHours() != null) {
            callingHours("calling_hours", request.callingHours(), errors);
        }
        if (request.retryConfig() != null) {
            retryConfig("retry_config", request.retryConfig(), errors);
        }
        if (request.telephonyConfigurationId() != null && request.telephonyConfigurationId() < 1) {
            errors.add(error("telephony_configuration_id", request.telephonyConfigurationId(),
                    "must be a positive integer"));
        }
        if (request.contactRules() != null) {
            contactRules("contact_rules", request.contactRules(), errors);
        }
        return errors;
    }

    /** @throws CampaignException {@code VALIDATION_FAILED} with every violation */
    public static void validate(UpdateCampaignRequest request) {
        throwIfAny(violations(request));
    }

    /** Every violation of an update request; empty when valid. */
    public static List<FieldError> violations(UpdateCampaignRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.has(UpdateCampaignRequest.Field.NAME)) {
            name("name", request.name(), errors);
        }
        if (request.has(UpdateCampaignRequest.Field.MAX_CONCURRENCY)) {
            concurrency("max_concurrency", request.maxConcurrency(), errors);
        }
        if (request.has(UpdateCampaignRequest.Field.CALLING_HOURS) && request.callingHours() != null) {
            callingHours("calling_hours", request.callingHours(), errors);
        }
        if (request.has(UpdateCampaignRequest.Field.RETRY_CONFIG) && request.retryConfig() != null) {
            retryConfig("retry_config", request.retryConfig(), errors);
        }
        if (request.has(UpdateCampaignRequest.Field.CONTACT_RULES) && request.contactRules() != null) {
            contactRules("contact_rules", request.contactRules(), errors);
        }
        return errors;
    }

    /** @throws CampaignException {@code VALIDATION_FAILED} with every violation */
    public static void validate(RedialCampaignRequest request) {
        List<FieldError> errors = new ArrayList<>();
        name("name", request.name(), errors);
        List<CallOutcome> statuses = request.redialStatuses();
        if (statuses == null || statuses.isEmpty()) {
            errors.add(error("redial_statuses", statuses == null ? null : "[]", "must name at least one outcome"));
        } else if (statuses.size() > MAX_REDIAL_STATUSES) {
            errors.add(tooMany("redial_statuses", statuses.size(), MAX_REDIAL_STATUSES, "outcomes"));
        } else {
            for (int i = 0; i < statuses.size(); i++) {
                CallOutcome outcome = statuses.get(i);
                if (outcome == null) {
                    errors.add(missing("redial_statuses[" + i + "]"));
                } else if (outcome == CallOutcome.COMPLETED) {
                    errors.add(error("redial_statuses[" + i + "]", outcome.json(),
                            "must not be completed: reached contacts are never redialled"));
                }
            }
        }
        throwIfAny(errors);
    }

    /**
     * The statuses a listing filters on, checked: {@code null} when every status is wanted (none given, or all of
     * them), so that a store reads the unfiltered listing.
     *
     * @throws CampaignException {@code VALIDATION_FAILED} naming {@code status} when the set is empty or holds
     *                           {@code null}
     */
    public static Set<CampaignStatus> listStatuses(Set<CampaignStatus> statuses) {
        if (statuses == null) {
            return null;
        }
        if (statuses.isEmpty()) {
            throw CampaignException.validation("status", "[]", "must name at least one status; null for every"
                    + " status");
        }
        // Set.of(...).contains(null) throws: look for null by walking the set.
        if (statuses.stream().anyMatch(Objects::isNull)) {
            throw CampaignException.validation("status", statuses.toString(), "must not hold null");
        }
        Set<CampaignStatus> wanted = EnumSet.copyOf(statuses);
        return wanted.size() == CampaignStatus.values().length ? null : Collections.unmodifiableSet(wanted);
    }

    /** @throws CampaignException {@code VALIDATION_FAILED} with every violation of the calling hours */
    public static void validate(CallingHours hours) {
        List<FieldError> errors = new ArrayList<>();
        callingHours("calling_hours", hours, errors);
        throwIfAny(errors);
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw CampaignException.validation(errors);
        }
    }

    private static void name(String path, String name, List<FieldError> errors) {
        if (name == null || name.isBlank()) {
            errors.add(error(path, name == null ? null : visible(name), "must not be blank"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            errors.add(error(path, visible(name.substring(0, 40)) + "...",
                    "must be at most " + MAX_NAME_LENGTH + " characters (was " + name.length() + ")"));
        } else {
            int at = forbiddenCharAt(name);
            if (at >= 0) {
                errors.add(error(path, visible(name), "must not contain control characters, line or paragraph "
                        + "separators, bidirectional embeddings, overrides or isolates, or unpaired surrogates: "
                        + String.format("U+%04X", (int) name.charAt(at)) + " at position " + (at + 1)));
            }
        }
    }

    /**
     * Where a name holds a character that changes how it, or what follows it, is shown rather than being shown:
     * C0 and C1 controls (NUL, ESC, CR, LF, tab), line and paragraph separators, the bidirectional embeddings,
     * overrides and isolates (U+202A to U+202E, U+2066 to U+2069: a name with U+202E shows reversed), and
     * unpaired surrogates; -1 when there is none. Marks that only hint direction (U+200E, U+200F) and joiners
     * stay allowed: names in right-to-left and Indic scripts need them.
     */
    static int forbiddenCharAt(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isPair(text, i)) {
                i++;
            } else if (isForbidden(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isPair(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }

    /** A forbidden character on its own; a surrogate here is one not part of a pair. */
    private static boolean isForbidden(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || Character.isSurrogate(c);
    }

    /** The text with every forbidden character written as a Java unicode escape, so that an error shows it safely. */
    private static String visible(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isPair(text, i)) {
                shown.append(c).append(text.charAt(++i));
            } else if (isForbidden(c)) {
                shown.append(String.format("\\u%04X", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.toString();
    }

    private static void concurrency(String path, Integer value, List<FieldError> errors) {
        if (value == null) {
            errors.add(missing(path));
        } else if (value < 1 || value > MAX_CONCURRENCY) {
            errors.add(error(path, value, "must be between 1 and " + MAX_CONCURRENCY));
        }
    }

    private static void callingHours(String path, CallingHours hours, List<FieldError> errors) {
        if (hours.timezone() == null || !ZONES.contains(hours.timezone())) {
            errors.add(error(path + ".timezone", hours.timezone(),
                    "must be an IANA time zone such as America/New_York"));
        }
        List<Slot> slots = hours.slots();
        if (slots == null || slots.isEmpty()) {
            errors.add(error(path + ".slots", slots == null ? null : "[]",
                    "must hold at least one slot (leave calling_hours out to call at any time)"));
            return;
        }
        if (slots.size() > CallingHours.MAX_SLOTS) {
            // One error for the list, not one per slot: the request is refused whatever its slots hold.
            errors.add(tooMany(path + ".slots", slots.size(), CallingHours.MAX_SLOTS, "slots"));
            return;
        }
        for (int i = 0; i < slots.size(); i++) {
            slot(path + ".slots[" + i + "]", slots.get(i), errors);
        }
    }

    private static void slot(String path, Slot slot, List<FieldError> errors) {
        if (slot == null) {
            errors.add(missing(path));
            return;
        }
        if (slot.day() == null || !DAYS.contains(slot.day())) {
            errors.add(error(path + ".day", slot.day(), "must be one of monday, tuesday, wednesday, thursday, "
                    + "friday, saturday, sunday"));
        }
        Integer start = minutes(slot.start(), false);
        Integer end = minutes(slot.end(), true);
        if (start == null) {
            errors.add(error(path + ".start", slot.start(), "must be a time HH:MM between 00:00 and 23:59"));
        }
        if (end == null) {
            errors.add(error(path + ".end", slot.end(), "must be a time HH:MM between 00:01 and 24:00"));
        }
        if (start != null && end != null && end <= start) {
            errors.add(error(path + ".end", slot.end(), "must be after start " + slot.start()));
        }
    }

    /** Minutes since midnight of {@code HH:MM}, or null when malformed; {@code 24:00} only as an end. */
    private static Integer minutes(String time, boolean end) {
        if (time == null) {
            return null;
        }
        if (end && time.equals("24:00")) {
            return 24 * 60;
        }
        if (!TIME.matcher(time).matches()) {
            return null;
        }
        return Integer.parseInt(time.substring(0, 2)) * 60 + Integer.parseInt(time.substring(3, 5));
    }

    private static void retryConfig(String path, RetryConfig retry, List<FieldError> errors) {
        if (retry.maxRetries() < 0 || retry.maxRetries() > RetryConfig.MAX_MAX_RETRIES) {
            errors.add(error(path + ".max_retries", retry.maxRetries(),
                    "must be between 0 and " + RetryConfig.MAX_MAX_RETRIES));
        }
        if (retry.retryDelaySeconds() < 0 || retry.retryDelaySeconds() > RetryConfig.MAX_RETRY_DELAY_SECONDS) {
            errors.add(error(path + ".retry_delay_seconds", retry.retryDelaySeconds(),
                    "must be between 0 and " + RetryConfig.MAX_RETRY_DELAY_SECONDS));
        }
    }

    private static void contactRules(String path, ContactRules rules, List<FieldError> errors) {
        String column = rules.timezoneColumn();
        if (column != null && (column.isBlank() || column.length() > MAX_COLUMN_NAME_CHARS)) {
            errors.add(error(path + ".timezone_column", visible(column), "must name a column of the contacts file "
                    + "(1 to " + MAX_COLUMN_NAME_CHARS + " characters), or be left out to infer zones from numbers"));
        }
        List<AttemptLimit> limits = rules.attemptLimits();
        if (limits.size() > ContactRules.MAX_ATTEMPT_LIMITS) {
            errors.add(tooMany(path + ".attempt_limits", limits.size(), ContactRules.MAX_ATTEMPT_LIMITS, "limits"));
            return;
        }
        for (int i = 0; i < limits.size(); i++) {
            String at = path + ".attempt_limits[" + i + "]";
            AttemptLimit limit = limits.get(i);
            if (limit == null) {
                errors.add(missing(at));
                continue;
            }
            if (limit.maxAttempts() < 1) {
                errors.add(error(at + ".max_attempts", limit.maxAttempts(), "must be at least 1"));
            }
            if (limit.periodHours() < 1 || limit.periodHours() > AttemptLimit.MAX_PERIOD_HOURS) {
                errors.add(error(at + ".period_hours", limit.periodHours(),
                        "must be between 1 and " + AttemptLimit.MAX_PERIOD_HOURS));
            }
        }
    }

    private static FieldError tooMany(String path, int size, int max, String things) {
        return new FieldError(path, size + " " + things, "must hold at most " + max + " " + things);
    }

    private static FieldError missing(String path) {
        return new FieldError(path, null, "is required");
    }

    private static FieldError error(String path, Object value, String message) {
        return new FieldError(path, value == null ? null : String.valueOf(value), message);
    }
}
