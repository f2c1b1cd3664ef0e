package io.outbound.campaign;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The one exception the engine throws at its callers. {@link #code()} is stable and tells a host
 * how to answer; {@link #fieldErrors()} lists every violation of a {@code VALIDATION_FAILED} request
 * at once.
 */
public class CampaignException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The most violations one {@code VALIDATION_FAILED} lists; its message counts the rest. */
    public static final int MAX_FIELD_ERRORS = 50;

    private final ErrorCode code;
    private final List<FieldError> fieldErrors;

    /**
     * @param code        the stable category
     * @param message     what was wrong, naming the value
     * @param fieldErrors the individual violations (may be empty)
     * @param cause       the underlying failure, or {@code null}
     */
    public CampaignException(ErrorCode code, String message, List<FieldError> fieldErrors, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    /** An error with no field errors and no cause. */
    public CampaignException(ErrorCode code, String message) {
        this(code, message, List.of(), null);
    }

    /** The stable category of the error. */
    public ErrorCode code() {
        return code;
    }

    /** Each violation of a {@code VALIDATION_FAILED} request; empty for other codes. */
    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /**
     * {@code VALIDATION_FAILED} with the given violations, described in the message: the first
     * {@value #MAX_FIELD_ERRORS} of them, and the count of the rest ("and 111,796 more"), so that a body of a
     * hundred thousand unknown fields does not get an answer a hundred times its size.
     */
    public static CampaignException validation(List<FieldError> errors) {
        List<FieldError> shown = errors.size() <= MAX_FIELD_ERRORS ? errors : errors.subList(0, MAX_FIELD_ERRORS);
        String message = shown.stream().map(FieldError::describe).collect(Collectors.joining("; "));
        if (shown.size() < errors.size()) {
            message += String.format(Locale.ROOT, "; and %,d more", errors.size() - shown.size());
        }
        return new CampaignException(ErrorCode.VALIDATION_FAILED, message, shown, null);
    }


    /** {@code VALIDATION_FAILED} for one field. */
    public static CampaignException validation(String field, Object value, String message) {
        return validation(List.of(new FieldError(field, value == null ? null : String.valueOf(value), message)));
    }

    /** {@code NOT_FOUND} for a campaign of an organisation. */
    public static CampaignException campaignNotFound(String orgId, long campaignId) {
        return new CampaignException(ErrorCode.NOT_FOUND,
                "campaign " + campaignId + " not found for organisation '" + orgId + "'");
    }

    /** {@code FILE_EXISTS} for a key that already holds a file, which a file store never replaces. */
    public static CampaignException fileExists(String key) {
        return new CampaignException(ErrorCode.FILE_EXISTS, "a file already exists under key '" + key
                + "', and a key is written once: store the new file under a new key");
    }

    /** {@code INVALID_STATE} for an action the campaign's status forbids. */
    public static CampaignException invalidState(long campaignId, String action, CampaignStatus status) {
        return new CampaignException(ErrorCode.INVALID_STATE,
                "cannot " + action + " campaign " + campaignId + " while it is " + status.json());
    }

    /** {@code STORE_UNAVAILABLE} wrapping the store's failure. */
    public static CampaignException storeUnavailable(String what, Throwable cause) {
        return new CampaignException(ErrorCode.STORE_UNAVAILABLE,
                "campaign store unavailable while " + what + ": " + cause.getMessage(), List.of(), cause);
    }
}
