package io.outbound.campaign.samples.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.outbound.campaign.CampaignException;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a route so that every failure becomes the host's JSON error: a {@link CampaignException} with the status
 * of its {@code ErrorCode}, a {@link HttpFailure} with its own, anything else a logged 500 that tells the client
 * nothing about the server's insides. A failure after the response has begun (a report cut off) can only close
 * the connection.
 */
final class ErrorMapping implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);

    private final HttpHandler route;

    ErrorMapping(HttpHandler route) {
        this.route = route;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            route.handle(exchange);
        } catch (CampaignException e) {
            reply(exchange, e.code().httpStatus(), e.code().name(), e.getMessage(), e.fieldErrors(), null);
        } catch (HttpFailure e) {
            reply(exchange, e.status(), e.code(), e.getMessage(), List.of(), e.allow());
        } catch (IOException e) {
            log.debug("connection failed during {} {}: {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), e.toString());
        } catch (RuntimeException e) {
            log.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            reply(exchange, 500, "INTERNAL_ERROR", "the host failed to answer; see its log", List.of(), null);
        } finally {
            exchange.close();
        }
    }

    private static void reply(HttpExchange exchange, int status, String code, String message,
                              List<io.outbound.campaign.FieldError> errors, String allow) throws IOException {
        if (exchange.getResponseCode() != -1) {
            return;
        }
        if (allow != null) {
            HttpReplies.header(exchange, "Allow", allow);
        }
        if (status == 401) {
            HttpReplies.header(exchange, "WWW-Authenticate", "Bearer");
        }
        HttpReplies.error(exchange, status, code, message, errors);
    }
}
