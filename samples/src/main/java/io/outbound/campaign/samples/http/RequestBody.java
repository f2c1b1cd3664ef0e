package io.outbound.campaign.samples.http;

import com.sun.net.httpserver.HttpExchange;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignJson;
import io.outbound.campaign.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads request bodies within a size limit. A body over the limit is still read and discarded up to
 * {@link #DRAIN_LIMIT}, so the client gets its 413 instead of a connection reset in the middle of sending.
 */
final class RequestBody {
    /** The most bytes read and thrown away to answer an oversized body politely; beyond it, the connection closes. */
    static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private RequestBody() {
    }

    /**
     * Reads a JSON request body of at most {@code limit} bytes as the service's JSON ({@link CampaignJson}).
     *
     * @throws CampaignException {@code MALFORMED_REQUEST} when the body is empty or not JSON, {@code VALIDATION_FAILED}
     *                           as {@link CampaignJson#read} says
     */
    static <T> T readJson(HttpExchange exchange, long limit, Class<T> type) throws IOException {
        byte[] body = read(exchange, limit, "a JSON request body");
        if (body.length == 0) {
            throw new CampaignException(ErrorCode.MALFORMED_REQUEST, "the request body must be a JSON object,"
                    + " was empty");
        }
        return CampaignJson.read(new java.io.ByteArrayInputStream(body), type);
    }

    /**
     * The whole body.
     *
     * @throws HttpFailure 413 when it is longer than {@code limit}
     */
    static byte[] read(HttpExchange exchange, long limit, String what) throws IOException {
        rejectDeclaredLength(exchange, limit, what);
        InputStream in = exchange.getRequestBody();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > limit) {
                drain(in);
                throw HttpFailure.tooLarge(what, limit);
            }
            body.write(buffer, 0, n);
        }
        return body.toByteArray();
    }

    /** Reads and discards what is left of a body, up to {@link #DRAIN_LIMIT}. */
    static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        long drained = 0;
        int n;
        while (drained < DRAIN_LIMIT && (n = in.read(buffer)) > 0) {
            drained += n;
        }
    }

    /**
     * Answers 413 at once when the declared {@code Content-Length} is over the limit (after draining a body up to
     * {@link #DRAIN_LIMIT}, so that the client reads the answer).
     */
    static void rejectDeclaredLength(HttpExchange exchange, long limit, String what) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared == null) {
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return;
        }
        if (length > limit) {
            if (length <= DRAIN_LIMIT) {
                drain(exchange.getRequestBody());
            }
            throw HttpFailure.tooLarge(what, limit);
        }
    }
}
