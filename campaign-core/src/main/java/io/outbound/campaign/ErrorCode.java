package io.outbound.campaign;

/**
 * The stable category of a {@link CampaignException}, for a host to map to a response without
 * parsing messages. The suggested HTTP status is given for each.
 */
public enum ErrorCode {
    /** The request body is not well-formed JSON; the message says where it broke (400). */
    MALFORMED_REQUEST(400),
    /** The campaign, session or file does not exist for this organisation (404). */
    NOT_FOUND(404),
    /** The request is malformed; {@link CampaignException#fieldErrors()} says where (422). */
    VALIDATION_FAILED(422),
    /** The action is not allowed in the campaign's current status (409). */
    INVALID_STATE(409),
    /**
     * A file already exists under the key, and a key is written once: a file store never replaces one, so that a
     * campaign's source stays what it imported. Store the new file under a new key (409).
     */
    FILE_EXISTS(409),
    /** The contacts file as a whole cannot be imported (422). */
    CONTACTS_REJECTED(422),
    /** The store could not be reached or failed; the call may be retried (503). */
    STORE_UNAVAILABLE(503),
    /** The file store could not be reached or failed; the call may be retried (503). */
    FILES_UNAVAILABLE(503),
    /**
     * This node is already importing as many contacts files as it may at once
     * ({@code CampaignEngine.Builder.maxConcurrentImports}); nothing was created, and the call may be retried once
     * an import has finished (503).
     */
    TOO_MANY_IMPORTS(503);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The HTTP status a host would normally answer with. */
    public int httpStatus() {
        return httpStatus;
    }
}
