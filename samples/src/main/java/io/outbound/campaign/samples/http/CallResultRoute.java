package io.outbound.campaign.samples.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.outbound.campaign.CallReports;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignJson;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.FieldError;
import io.outbound.campaign.spi.RecordResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * {@code POST /calls/{session_id}/result}: a call's outcome from a carrier or agent platform that has no module of
 * its own, authenticated with the host's API key like every campaign route. The body is a {@link CallResult} in
 * the service's JSON ({@code {"outcome": "completed", "duration_seconds": 42, ...}}), read as strictly as the
 * campaign bodies. A session of another organisation is answered exactly like one that does not exist. A second
 * report of a session changes nothing and says so ({@code "recorded": "duplicate"}).
 */
final class CallResultRoute implements HttpHandler {
    private static final String PREFIX = "/calls/";
    private static final String SUFFIX = "/result";
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final CallReports reports;
    private final BiPredicate<String, String> sessionBelongsTo;
    private final ApiKeys keys;
    private final long maxJsonBytes;

    CallResultRoute(CallReports reports, BiPredicate<String, String> sessionBelongsTo, ApiKeys keys,
                    long maxJsonBytes) {
        this.reports = reports;
        this.sessionBelongsTo = sessionBelongsTo;
        this.keys = keys;
        this.maxJsonBytes = maxJsonBytes;
    }

    /** The answer: the session and what recording its result did. */
    @JsonPropertyOrder({"session_id", "recorded"})
    record Recorded(@JsonProperty("session_id") String sessionId, @JsonProperty("recorded") String recorded) {
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX) || path.length() <= PREFIX.length() + SUFFIX.length()) {
            throw HttpFailure.noRoute(method, path);
        }
        String sessionId = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        if (sessionId.contains("/")) {
            throw HttpFailure.noRoute(method, path);
        }
        if (!method.equals("POST")) {
            throw HttpFailure.methodNotAllowed(method, path, "POST");
        }
        String org = keys.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        // The raw segment: an escaped spelling names no session, so one session never answers under two paths.
        if (!SESSION_ID.matcher(sessionId).matches() || !sessionBelongsTo.test(org, sessionId)) {
            RequestBody.drain(exchange.getRequestBody());
            throw new CampaignException(ErrorCode.NOT_FOUND, "call session '" + clip(sessionId) + "' not found");
        }
        CallResult result = read(exchange);
        RecordResult.Kind kind = reports.report(sessionId, result);
        HttpReplies.json(exchange, 200, new Recorded(sessionId, kind.name().toLowerCase(Locale.ROOT)));
    }

    private CallResult read(HttpExchange exchange) throws IOException {
        byte[] body = RequestBody.read(exchange, maxJsonBytes, "a JSON request body");
        if (body.length == 0) {
            throw new CampaignException(ErrorCode.MALFORMED_REQUEST, "the request body must be a JSON object,"
                    + " was empty");
        }
        CallResult result;
        try {
            result = CampaignJson.read(new ByteArrayInputStream(body), CallResult.class);
        } catch (CampaignException e) {
            // CallResult refuses a missing outcome in its constructor, which databind reports without a field name.
            if (e.code() == ErrorCode.VALIDATION_FAILED && lacksOutcome(body)) {
                throw CampaignException.validation("outcome", null, "is required");
            }
            throw e;
        }
        List<FieldError> problems = new ArrayList<>();
        if (result.durationSeconds() != null && result.durationSeconds() < 0) {
            problems.add(new FieldError("duration_seconds", result.durationSeconds().toString(),
                    "must not be negative"));
        }
        if (result.answeredAt() != null && result.endedAt() != null && result.answeredAt().isAfter(result.endedAt())) {
            problems.add(new FieldError("answered_at", result.answeredAt().toString(),
                    "must not be after ended_at (" + result.endedAt() + ")"));
        }
        if (!problems.isEmpty()) {
            throw CampaignException.validation(problems);
        }
        return result;
    }

    /** Whether a body that parsed as JSON has no {@code outcome}, or a null one. */
    private static boolean lacksOutcome(byte[] body) {
        try {
            JsonNode outcome = CampaignJson.mapper().readTree(body).get("outcome");
            return outcome == null || outcome.isNull();
        } catch (IOException e) {
            return false;
        }
    }

    private static String clip(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
