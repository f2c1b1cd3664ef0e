package io.outbound.campaign.samples.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.outbound.campaign.twilio.TwilioSignature;
import io.outbound.campaign.twilio.TwilioStatusCallbacks;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /webhooks/twilio}: Twilio's status callbacks, verified and recorded by {@link TwilioStatusCallbacks}.
 * No API key: the {@code X-Twilio-Signature} over the URL and body is the authentication, checked against the URL
 * as Twilio requested it, which is the host's public base URL (what the status callback URL was built from) and
 * the path and query as they arrived.
 */
final class TwilioWebhookRoute implements HttpHandler {
    static final String PATH = "/webhooks/twilio";
    /** Twilio's status callbacks are a few hundred bytes; anything near this is not one. */
    static final long MAX_CALLBACK_BYTES = 16 * 1024;

    private final TwilioStatusCallbacks callbacks;
    private final String publicBase;

    TwilioWebhookRoute(TwilioStatusCallbacks callbacks, URI publicBaseUrl) {
        this.callbacks = callbacks;
        String base = publicBaseUrl.toString();
        this.publicBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        if (!path.equals(PATH)) {
            throw HttpFailure.noRoute(method, path);
        }
        if (!method.equals("POST")) {
            throw HttpFailure.methodNotAllowed(method, path, "POST");
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            RequestBody.drain(exchange.getRequestBody());
            throw HttpFailure.unsupportedMediaType("a Twilio status callback must be application/x-www-form-urlencoded,"
                    + " was " + (type == null ? "none" : "'" + clip(type) + "'"));
        }
        byte[] body = RequestBody.read(exchange, MAX_CALLBACK_BYTES, "a Twilio status callback");
        String query = exchange.getRequestURI().getRawQuery();
        String url = publicBase + path + (query == null ? "" : "?" + query);
        TwilioStatusCallbacks.Reply reply = callbacks.handle(url, new String(body, StandardCharsets.UTF_8),
                exchange.getRequestHeaders().getFirst(TwilioSignature.HEADER));
        if (reply.httpStatus() / 100 == 2) {
            HttpReplies.bytes(exchange, reply.httpStatus(), HttpReplies.JSON, new byte[0]);
        } else {
            HttpReplies.error(exchange, reply.httpStatus(), reply.kind().name(), reply.message(), List.of());
        }
    }

    private static String clip(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
