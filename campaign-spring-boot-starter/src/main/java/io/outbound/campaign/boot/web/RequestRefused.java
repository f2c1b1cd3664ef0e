package io.outbound.campaign.boot.web;

/** A request refused before it reaches the campaign service: no organisation (401), a body too large (413). */
final class RequestRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    RequestRefused(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
