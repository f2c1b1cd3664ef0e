package io.outbound.campaign.internal.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.FieldError;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.RunsQuery;
import io.outbound.campaign.internal.validation.Instants;
import io.outbound.campaign.spi.SessionQuery;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the runs endpoint's raw query into a {@link SessionQuery} of whitelisted fields and typed values,
 * reporting every problem at once. Nothing of the user's text reaches a store except as a typed value.
 */
public final class RunsQueryParser {

    /** The filter fields accepted. */
    public static final List<String> FILTER_FIELDS =
            List.of("outcome", "phone_number", "attempt", "answered", "started_after", "started_before");

    /** Strict: one object, nothing after it, no field twice (as request bodies are read). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    private static final int MAX_FILTER_LENGTH = 4096;

    private RunsQueryParser() {
    }

    /**
     * @throws CampaignException {@code VALIDATION_FAILED} naming each bad parameter and value
     */
    public static SessionQuery parse(RunsQuery query) {
        List<FieldError> errors = new ArrayList<>();
        PageRequest page = page(query, errors);
        SessionQuery.Sort sort = sort(query.sortBy(), errors);
        boolean descending = descending(query.sortOrder(), errors);
        SessionQuery.Filter filter = filter(query.filters(), errors);
        if (!errors.isEmpty()) {
            throw CampaignException.validation(errors);
        }
        return new SessionQuery(filter, sort, descending, page);
    }

    private static PageRequest page(RunsQuery query, List<FieldError> errors) {
        try {
            return PageRequest.of(query.page(), query.limit());
        } catch (CampaignException e) {
            errors.addAll(e.fieldErrors());
            return PageRequest.first();
        }
    }

    private static SessionQuery.Sort sort(String sortBy, List<FieldError> errors) {
        if (sortBy == null || sortBy.isBlank()) {
            return SessionQuery.Sort.STARTED_AT;
        }
        for (SessionQuery.Sort sort : SessionQuery.Sort.values()) {
            if (sort.json().equals(sortBy)) {
                return sort;
            }
        }
        errors.add(new FieldError("sort_by", sortBy, "must be one of " + Arrays.stream(SessionQuery.Sort.values())
                .map(SessionQuery.Sort::json).collect(Collectors.joining(", "))));
        return SessionQuery.Sort.STARTED_AT;
    }

    private static boolean descending(String order, List<FieldError> errors) {
        if (order == null || order.isBlank()) {
            return true;
        }
        switch (order.toLowerCase(Locale.ROOT)) {
            case "asc":
                return false;
            case "desc":
                return true;
            default:
                errors.add(new FieldError("sort_order", order, "must be asc or desc"));
                return true;
        }
    }

    private static SessionQuery.Filter filter(String filters, List<FieldError> errors) {
        if (filters == null || filters.isBlank()) {
            return SessionQuery.Filter.none();
        }
        if (filters.length() > MAX_FILTER_LENGTH) {
            errors.add(new FieldError("filters", filters.substring(0, 60) + "...",
                    "must be at most " + MAX_FILTER_LENGTH + " characters"));
            return SessionQuery.Filter.none();
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(filters);
        } catch (JsonProcessingException e) {
            errors.add(new FieldError("filters", filters, "must be a JSON object"));
            return SessionQuery.Filter.none();
        }
        if (tree == null || !tree.isObject()) {
            errors.add(new FieldError("filters", filters, "must be a JSON object"));
            return SessionQuery.Filter.none();
        }
        CallOutcome outcome = null;
        String phone = null;
        Integer attempt = null;
        Boolean answered = null;
        Instant after = null;
        Instant before = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String field = "filters." + entry.getKey();
            JsonNode value = entry.getValue();
            switch (entry.getKey()) {
                case "outcome" -> outcome = outcome(field, value, errors);
                case "phone_number" -> phone = text(field, value, errors);
                case "attempt" -> {
                    if (value.canConvertToInt() && value.isIntegralNumber() && value.intValue() >= 1) {
                        attempt = value.intValue();
                    } else {
                        errors.add(new FieldError(field, value.toString(), "must be a positive integer"));
                    }
                }
                case "answered" -> {
                    if (value.isBoolean()) {
                        answered = value.booleanValue();
                    } else {
                        errors.add(new FieldError(field, value.toString(), "must be true or false"));
                    }
                }
                case "started_after" -> after = instant(field, value, errors);
                case "started_before" -> before = instant(field, value, errors);
                default -> errors.add(new FieldError(field, value.toString(),
                        "is not a filterable field; use " + String.join(", ", FILTER_FIELDS)));
            }
        }
        return new SessionQuery.Filter(outcome, phone, attempt, answered, after, before);
    }

    private static CallOutcome outcome(String field, JsonNode value, List<FieldError> errors) {
        String text = text(field, value, errors);
        if (text == null) {
            return null;
        }
        for (CallOutcome outcome : CallOutcome.values()) {
            if (outcome.json().equals(text)) {
                return outcome;
            }
        }
        errors.add(new FieldError(field, text, "must be one of " + Arrays.stream(CallOutcome.values())
                .map(CallOutcome::json).collect(Collectors.joining(", "))));
        return null;
    }

    private static String text(String field, JsonNode value, List<FieldError> errors) {
        if (!value.isTextual()) {
            errors.add(new FieldError(field, value.toString(), "must be a string"));
            return null;
        }
        return value.textValue();
    }

    private static Instant instant(String field, JsonNode value, List<FieldError> errors) {
        String text = text(field, value, errors);
        if (text == null) {
            return null;
        }
        try {
            return Instants.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, text, Instants.EXPECTED));
            return null;
        }
    }
}
