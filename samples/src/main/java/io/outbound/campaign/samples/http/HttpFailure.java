package io.outbound.campaign.samples.http;

/**
 * A request the host refuses before it reaches the campaign service: no or an unknown API key, no such route,
 * a method the route does not allow, a body over the size limit, a presigned URL that does not verify. The
 * service's own failures arrive as {@code CampaignException}s instead.
 */
final class HttpFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String allow;

    private HttpFailure(int status, String code, String message, String allow) {
        super(message);
        this.status = status;
        this.code = code;
        this.allow = allow;
    }

    static HttpFailure unauthorized(String message) {
        return new HttpFailure(401, "UNAUTHORIZED", message, null);
    }

    static HttpFailure forbidden(String message) {
        return new HttpFailure(403, "FORBIDDEN", message, null);
    }

    static HttpFailure noRoute(String method, String path) {
        return new HttpFailure(404, "NOT_FOUND", "no endpoint at " + method + " " + path, null);
    }

    /**
     * Does nothing when the method is one of {@code allowed} (comma and space separated).
     *
     * @throws HttpFailure {@code 405} with the {@code Allow} header otherwise
     */
    static void allow(String method, String path, String allowed) {
        for (String each : allowed.split(", ")) {
            if (each.equals(method)) {
                return;
            }
        }
        throw methodNotAllowed(method, path, allowed);
    }

    static HttpFailure methodNotAllowed(String method, String path, String allow) {
        return new HttpFailure(405, "METHOD_NOT_ALLOWED",
                method + " is not allowed on " + path + "; allowed: " + allow, allow);
    }

    static HttpFailure tooLarge(String what, long limit) {
        return new HttpFailure(413, "PAYLOAD_TOO_LARGE", what + " must be at most " + limit + " bytes", null);
    }

    static HttpFailure unsupportedMediaType(String message) {
        return new HttpFailure(415, "UNSUPPORTED_MEDIA_TYPE", message, null);
    }

    /** The HTTP status. */
    int status() {
        return status;
    }

    /** The stable error code of the JSON body. */
    String code() {
        return code;
    }

    /** The {@code Allow} header of a 405, or {@code null}. */
    String allow() {
        return allow;
    }
}
