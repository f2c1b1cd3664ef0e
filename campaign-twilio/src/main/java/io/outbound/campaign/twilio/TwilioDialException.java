package io.outbound.campaign.twilio;

/**
 * A call Twilio did not accept. The engine records the attempt as {@code failed} with this message as its reason
 * (a failed dial is never retried by the engine), so the message says what Twilio answered and never holds a
 * credential.
 */
public final class TwilioDialException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final Integer twilioCode;
    private final boolean mayHaveBeenPlaced;

    TwilioDialException(String message, int httpStatus, Integer twilioCode, boolean mayHaveBeenPlaced,
                        Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.twilioCode = twilioCode;
        this.mayHaveBeenPlaced = mayHaveBeenPlaced;
    }

    /** The HTTP status of Twilio's last answer, or 0 when none came (no connection, a timeout). */
    public int httpStatus() {
        return httpStatus;
    }

    /** Twilio's error code (for example 21211, an invalid {@code To} number), or {@code null} when not given. */
    public Integer twilioCode() {
        return twilioCode;
    }

    /**
     * Whether Twilio may have created the call even so: its answer was lost (a timeout, a dropped connection) or
     * was a server error other than 503. Such a request is never sent again; if the call was created after all, its
     * status callback still arrives, for a session that already has its outcome.
     */
    public boolean mayHaveBeenPlaced() {
        return mayHaveBeenPlaced;
    }
}
