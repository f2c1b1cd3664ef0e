package io.outbound.campaign.twilio;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dial's call request to Twilio, sent again only when Twilio provably created nothing.
 *
 * <p>Twilio's {@code Calls} resource takes no idempotency key: a request sent twice may create two calls. So the
 * request is repeated only after answers that create no call: {@code 429 Too Many Requests} and
 * {@code 503 Service Unavailable} (Twilio's documented "try again" answers, given before a call exists), and a
 * connection that could not be opened (nothing was sent). Every other failure may hide a created call (a
 * timeout while Twilio was answering, a dropped connection, a 500, 502 or 504 from somewhere along the way) and
 * ends the dial at once as {@code failed}, with no second request. Retries wait an exponential backoff with
 * jitter, or longer when {@code Retry-After} asks, and one starts only when it and its whole request timeout fit
 * in the retry budget, so the dial always ends within the budget.
 */
final class CallCreation {
    private static final Logger log = LoggerFactory.getLogger(CallCreation.class);
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final TwilioTelephony.Settings settings;
    private final String sessionId;
    private final HttpRequest request;
    private final Instant deadline;
    private final CompletableFuture<Void> result = new CompletableFuture<>();
    private int attempts;
    private volatile CompletableFuture<?> inFlight;

    CallCreation(TwilioTelephony.Settings settings, String sessionId, HttpRequest request) {
        this.settings = settings;
        this.sessionId = sessionId;
        this.request = request;
        this.deadline = settings.clock().instant().plus(settings.retryBudget());
        // The engine cancels a dial past its own timeout: stop waiting for Twilio then, and send nothing more.
        result.whenComplete((ok, failure) -> {
            CompletableFuture<?> sending = inFlight;
            if (result.isCancelled() && sending != null) {
                sending.cancel(true);
            }
        });
    }

    /** Sends the first request; the stage completes when Twilio accepted the call, or exceptionally. */
    CompletableFuture<Void> start() {
        send();
        return result;
    }

    private void send() {
        if (result.isDone()) {
            return;
        }
        attempts++;
        HttpClient client = settings.client();
        CompletableFuture<HttpResponse<byte[]>> sending =
                client.sendAsync(request, BoundedBody.upTo(MAX_ANSWER_BYTES));
        inFlight = sending;
        sending.whenComplete((response, failure) -> {
            try {
                if (failure != null) {
                    failed(failure);
                } else {
                    answered(response);
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
    }

    private void answered(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        TwilioAnswer answer = TwilioAnswer.of(response);
        if (status >= 200 && status < 300) {
            log.debug("session {} accepted by Twilio as call {} (attempt {})", sessionId, answer.callSid(), attempts);
            result.complete(null);
        } else if (status == 429 || status == 503) {
            retry("Twilio answered " + answer.describe(), status, answer.code(), TwilioAnswer.retryAfter(response));
        } else if (status >= 500) {
            fail("Twilio answered " + answer.describe() + "; the call may have been created, so it is not requested"
                    + " again", status, answer.code(), true, null);
        } else {
            fail("Twilio refused the call: " + answer.describe(), status, answer.code(), false, null);
        }
    }

    private void failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof CancellationException || result.isDone()) {
            return;
        }
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            // The connection never opened: the request did not reach Twilio.
            retry("could not connect to Twilio (" + cause.getClass().getSimpleName() + ")", 0, null, Duration.ZERO);
        } else if (cause instanceof HttpTimeoutException) {
            fail("Twilio did not answer within " + settings.requestTimeout() + "; the call may have been created,"
                    + " so it is not requested again", 0, null, true, cause);
        } else {
            fail("the connection to Twilio failed while sending the call request (" + cause.getClass().getSimpleName()
                    + "); the call may have been created, so it is not requested again", 0, null, true, cause);
        }
    }

    private void retry(String why, int status, Integer code, Duration retryAfter) {
        Duration backoff = backoff();
        Duration wait = backoff.compareTo(retryAfter) >= 0 ? backoff : retryAfter;
        Instant next = settings.clock().instant().plus(wait);
        if (next.plus(settings.requestTimeout()).isAfter(deadline)) {
            fail(why + " " + attempts + (attempts == 1 ? " time" : " times") + " within the retry budget of "
                    + settings.retryBudget() + "; no call was created", status, code, false, null);
            return;
        }
        log.info("{} (call request of session {}); trying again in {} ms", why, sessionId, wait.toMillis());
        CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS).execute(this::send);
    }

    /** Exponential from the initial backoff, capped, with the upper half drawn at random to spread retries. */
    private Duration backoff() {
        long initial = settings.initialBackoff().toMillis();
        long cap = settings.maxBackoff().toMillis();
        long exponential = attempts >= 31 ? cap : Math.min(cap, initial << Math.max(0, attempts - 1));
        long half = exponential / 2;
        return Duration.ofMillis(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
    }

    private void fail(String message, int status, Integer code, boolean mayHaveBeenPlaced, Throwable cause) {
        result.completeExceptionally(new TwilioDialException(message, status, code, mayHaveBeenPlaced, cause));
    }
}
