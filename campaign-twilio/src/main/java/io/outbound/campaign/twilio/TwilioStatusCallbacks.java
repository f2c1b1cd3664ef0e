package io.outbound.campaign.twilio;

import io.outbound.campaign.CallReports;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.spi.RecordResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes Twilio's status callbacks for calls placed by {@link TwilioTelephony} and records their outcomes with
 * {@code engine.calls().report}. The host's web framework hands over three things: the full URL Twilio requested
 * (as Twilio saw it: the public scheme, host and path, and the query string as sent), the raw form body, and the
 * {@code X-Twilio-Signature} header; it answers with the {@link Reply}'s HTTP status.
 *
 * <pre>{@code
 * TwilioStatusCallbacks callbacks = TwilioStatusCallbacks.builder(accounts, engine.calls()).build();
 * // in the POST /webhooks/twilio handler:
 * Reply reply = callbacks.handle(publicUrlOf(request), bodyOf(request), request.header("X-Twilio-Signature"));
 * response.status(reply.httpStatus());
 * }</pre>
 *
 * <p>Every callback is verified before anything in it is believed: the URL's {@code org_id} and
 * {@code configuration_id} (put there by the dial) name the account whose auth token must have signed the URL and
 * body ({@link TwilioSignature}), and the body's {@code AccountSid} must be that account. Anything else is
 * refused with 403 and changes nothing. A signed callback is then mapped by {@link TwilioCallOutcomes}: a call
 * that has not ended is acknowledged and not recorded; an ended one is reported under the URL's
 * {@code session_id}.
 *
 * <p>A callback Twilio repeats (its retries, or {@code completed} sent twice) is recorded once: the engine's
 * report of a session that already has an outcome changes nothing and answers {@code DUPLICATE}, which is
 * acknowledged like the first. A callback for a session whose dial had timed out is recorded as the session's
 * real, {@code LATE}, outcome.
 *
 * <p>Session ids are random and never shown to another organisation, so a tenant that holds its own auth token
 * cannot name another tenant's session; a host that wants that checked as well gives
 * {@link Builder#sessionOwnership}.
 */
public final class TwilioStatusCallbacks {
    private static final Logger log = LoggerFactory.getLogger(TwilioStatusCallbacks.class);

    private final TwilioAccounts accounts;
    private final CallReports reports;
    private final BiPredicate<String, String> sessionOwnership;

    private TwilioStatusCallbacks(Builder builder) {
        this.accounts = builder.accounts;
        this.reports = builder.reports;
        this.sessionOwnership = builder.sessionOwnership;
    }

    /**
     * A builder.
     *
     * @param accounts the same credentials resolver the {@link TwilioTelephony} dials with
     * @param reports  where outcomes are recorded: {@code engine.calls()}
     */
    public static Builder builder(TwilioAccounts accounts, CallReports reports) {
        return new Builder(accounts, reports);
    }

    /** What a callback did, and the HTTP status to answer Twilio with. */
    public enum Kind {
        /** An ended call's outcome was recorded (204). */
        RECORDED(204),
        /** The session already had its outcome; nothing changed (204, so Twilio stops repeating it). */
        DUPLICATE(204),
        /** The session's dial had timed out; this, its real outcome, was recorded as late (204). */
        LATE(204),
        /** The call has not ended ({@code initiated}, {@code ringing}, ...): nothing to record (204). */
        ACKNOWLEDGED(204),
        /** Not verifiably Twilio's callback for one of the dialled accounts: nothing changed (403). */
        REFUSED(403),
        /** Signed, but a parameter has a value this mapping refuses to guess at (400). */
        MALFORMED(400),
        /** No such session, or not the signing organisation's (404). */
        UNKNOWN_SESSION(404),
        /** The engine's store failed; nothing was recorded and Twilio may try again (503). */
        UNAVAILABLE(503);

        private final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /** The HTTP status to answer with. */
        public int httpStatus() {
            return httpStatus;
        }
    }

    /**
     * What a callback did.
     *
     * @param kind      what happened
     * @param sessionId the session the callback named, or {@code null} when it was refused before that was read
     * @param message   a sentence for the log or the response body; it never holds a secret
     */
    public record Reply(Kind kind, String sessionId, String message) {
        /** The HTTP status to answer Twilio with. */
        public int httpStatus() {
            return kind.httpStatus();
        }
    }

    /**
     * Verifies, maps and records one status callback.
     *
     * @param url       the full URL Twilio requested, query string included, as Twilio spelt it
     * @param formBody  the {@code application/x-www-form-urlencoded} body, undecoded
     * @param signature the {@code X-Twilio-Signature} header, or {@code null}
     * @return what it did; never throws for anything the request holds
     */
    public Reply handle(String url, String formBody, String signature) {
        Objects.requireNonNull(url, "url");
        CallbackAddress address;
        Map<String, List<String>> form;
        try {
            address = CallbackAddress.of(url);
            form = FormData.decode(formBody);
        } catch (IllegalArgumentException e) {
            return refused(null, e.getMessage());
        }
        Optional<TwilioCredentials> credentials = accounts.credentials(address.orgId(), address.configurationId());
        if (credentials.isEmpty()) {
            return refused(address.sessionId(), "organisation '" + shown(address.orgId()) + "' has no Twilio account"
                    + " for configuration " + (address.configurationId() == null ? "(default)"
                    : address.configurationId()));
        }
        TwilioCredentials account = credentials.get();
        if (!TwilioSignature.matches(account.authToken(), url, form, signature)) {
            return refused(address.sessionId(), signature == null ? "no " + TwilioSignature.HEADER + " header"
                    : "the " + TwilioSignature.HEADER + " does not match the URL and body");
        }
        if (!List.of(account.accountSid()).equals(form.get("AccountSid"))) {
            return refused(address.sessionId(), "AccountSid is not the account of organisation '"
                    + shown(address.orgId()) + "'");
        }
        Map<String, String> params = new HashMap<>();
        for (Map.Entry<String, List<String>> field : form.entrySet()) {
            if (field.getValue().size() > 1) {
                return reply(Kind.MALFORMED, address.sessionId(), field.getKey() + " is given "
                        + field.getValue().size() + " times");
            }
            params.put(field.getKey(), field.getValue().get(0));
        }
        Optional<CallResult> result;
        try {
            result = TwilioCallOutcomes.toResult(params);
        } catch (IllegalArgumentException e) {
            return reply(Kind.MALFORMED, address.sessionId(), e.getMessage());
        }
        if (result.isEmpty()) {
            return reply(Kind.ACKNOWLEDGED, address.sessionId(), "call of session " + address.sessionId() + " is "
                    + shown(params.get("CallStatus")) + "; nothing to record yet");
        }
        return record(address, result.get());
    }

    private Reply record(CallbackAddress address, CallResult result) {
        String session = address.sessionId();
        if (!sessionOwnership.test(address.orgId(), session)) {
            return reply(Kind.UNKNOWN_SESSION, session, "call session '" + shown(session) + "' not found");
        }
        try {
            RecordResult.Kind kind = reports.report(session, result);
            return switch (kind) {
                case RECORDED -> reply(Kind.RECORDED, session, outcome(result) + " recorded for session " + session);
                case DUPLICATE -> reply(Kind.DUPLICATE, session, "session " + session
                        + " already had its outcome; this repeated callback changed nothing");
                case LATE -> reply(Kind.LATE, session, outcome(result) + " recorded as the late outcome of session "
                        + session);
            };
        } catch (CampaignException e) {
            return switch (e.code()) {
                case NOT_FOUND -> reply(Kind.UNKNOWN_SESSION, session, e.getMessage());
                case STORE_UNAVAILABLE -> reply(Kind.UNAVAILABLE, session, e.getMessage());
                default -> reply(Kind.MALFORMED, session, e.getMessage());
            };
        }
    }

    private static String outcome(CallResult result) {
        return result.outcome().json();
    }

    private static Reply refused(String sessionId, String why) {
        log.warn("Twilio status callback refused{}: {}", sessionId == null ? "" : " (session " + shown(sessionId)
                + ")", why);
        return new Reply(Kind.REFUSED, sessionId == null ? null : shown(sessionId), "refused: " + why);
    }

    private static Reply reply(Kind kind, String sessionId, String message) {
        if (kind == Kind.MALFORMED || kind == Kind.UNKNOWN_SESSION || kind == Kind.UNAVAILABLE) {
            log.warn("Twilio status callback for session {}: {}", shown(sessionId), message);
        } else {
            log.debug("Twilio status callback for session {}: {}", sessionId, message);
        }
        return new Reply(kind, sessionId, message);
    }

    /** At most 60 characters of a value from a request, for messages and logs. */
    static String shown(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 60 ? value : value.substring(0, 60) + "…";
    }

    /** Builds {@link TwilioStatusCallbacks}. */
    public static final class Builder {
        private final TwilioAccounts accounts;
        private final CallReports reports;
        private BiPredicate<String, String> sessionOwnership = (org, session) -> true;

        private Builder(TwilioAccounts accounts, CallReports reports) {
            this.accounts = Objects.requireNonNull(accounts, "accounts");
            this.reports = Objects.requireNonNull(reports, "reports");
        }

        /**
         * Whether a session belongs to an organisation, checked before a signed callback is recorded; a session
         * that does not is answered 404 like an unknown one. Default: every session (session ids are random and
         * never shown across organisations).
         */
        public Builder sessionOwnership(BiPredicate<String, String> belongsTo) {
            this.sessionOwnership = Objects.requireNonNull(belongsTo, "belongsTo");
            return this;
        }

        /** The handler. */
        public TwilioStatusCallbacks build() {
            return new TwilioStatusCallbacks(this);
        }
    }
}
