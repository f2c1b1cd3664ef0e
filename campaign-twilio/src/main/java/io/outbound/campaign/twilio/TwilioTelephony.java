package io.outbound.campaign.twilio;

import io.outbound.campaign.spi.CallRequest;
import io.outbound.campaign.spi.Telephony;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Places the engine's calls through Twilio's REST API ({@code POST /2010-04-01/Accounts/{AccountSid}/Calls.json})
 * over the JDK's own HTTP client, without Twilio's SDK.
 *
 * <pre>{@code
 * TwilioAccounts accounts = (org, configurationId) -> secrets.twilioAccountOf(org, configurationId);
 * TwilioTelephony twilio = TwilioTelephony.builder(accounts)
 *     .voice(call -> VoiceInstructions.url(URI.create("https://agents.example.com/twiml/" + call.workflowId())))
 *     .statusCallbackUrl(URI.create("https://host.example.com/webhooks/twilio"))
 *     .build();
 * CampaignEngine engine = CampaignEngine.builder().telephony(twilio) ... .build();
 * TwilioStatusCallbacks callbacks = TwilioStatusCallbacks.builder(accounts, engine.calls()).build();
 * }</pre>
 *
 * <p>Each call is created in the account that {@link TwilioAccounts} names for the campaign's organisation and
 * telephony configuration, from the claimed caller number to the contact, with {@code To}, {@code From},
 * {@code Url} or {@code Twiml}, {@code StatusCallback} (the configured URL with the session id, organisation and
 * configuration added to its query, so that any node can match and verify the callback), {@code
 * StatusCallbackMethod=POST}, {@code Timeout} (how long it rings) and {@code MachineDetection}. The dial returns
 * when Twilio answers {@code 201 Created}; the outcome comes later through {@link TwilioStatusCallbacks}.
 *
 * <p><b>One call per session.</b> Twilio's call request takes no idempotency key, so the session id cannot be
 * handed to Twilio for it to drop a repeated request. Instead a request is sent again only when it provably
 * created nothing: after {@code 429} or {@code 503} and after a connection that could not be opened. A timeout,
 * a dropped connection or another 5xx may hide a created call, so the dial then fails at once as {@code failed}
 * ({@link TwilioDialException#mayHaveBeenPlaced()}), and the engine never retries a failed dial. If Twilio did
 * create the call, its callback finds the session ended and is recorded once, as a duplicate that changes
 * nothing. Retries back off exponentially with jitter and stop when the next one would not end within the
 * {@link Builder#retryBudget retry budget}, which must be shorter than the engine's {@code dialTimeout}.
 *
 * <p><b>Refusals.</b> A 4xx answer fails the dial with Twilio's error code and message as the reason
 * ({@code dial failed: Twilio refused the call: error 21211: The 'To' number ... (HTTP 400)}). Credentials go
 * only into the {@code Authorization} header: they are in no message, log line or {@code toString}.
 *
 * <p>Thread-safe. {@link #dialAsync} holds no thread while Twilio answers; {@link #dial} waits for it.
 */
public final class TwilioTelephony implements Telephony {

    private final Settings settings;
    private final TwilioAccounts accounts;
    private final Function<CallRequest, VoiceInstructions> voice;
    private final URI statusCallbackUrl;
    private final URI baseUrl;
    private final MachineDetection machineDetection;
    private final Duration ringTimeout;

    /** What one call request needs to be sent and retried. */
    record Settings(HttpClient client, Clock clock, Duration requestTimeout, Duration retryBudget,
                    Duration initialBackoff, Duration maxBackoff) {
    }

    private TwilioTelephony(Builder b) {
        HttpClient client = b.client != null ? b.client : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.settings = new Settings(client, b.clock, b.requestTimeout, b.retryBudget, b.initialBackoff,
                b.maxBackoff);
        this.accounts = b.accounts;
        this.voice = b.voice;
        this.statusCallbackUrl = b.statusCallbackUrl;
        this.baseUrl = b.baseUrl;
        this.machineDetection = b.machineDetection;
        this.ringTimeout = b.ringTimeout;
    }

    /** A builder; {@code voice} and {@code statusCallbackUrl} are required as well. */
    public static Builder builder(TwilioAccounts accounts) {
        return new Builder(accounts);
    }

    /**
     * Places the call and waits for Twilio's answer.
     *
     * @throws TwilioDialException when Twilio refused the call or could not be reached, or the organisation has no
     *                             account
     */
    @Override
    public void dial(CallRequest request) {
        CompletableFuture<Void> placed = dialAsync(request).toCompletableFuture();
        try {
            placed.get();
        } catch (InterruptedException e) {
            placed.cancel(true);
            Thread.currentThread().interrupt();
            throw new TwilioDialException("interrupted while waiting for Twilio to accept the call", 0, null, true,
                    e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new TwilioDialException(String.valueOf(e.getCause()), 0, null, true, e.getCause());
        }
    }

    /**
     * Places the call without holding a thread: the stage completes when Twilio accepted it, or exceptionally
     * with a {@link TwilioDialException}. Cancelling the stage (the engine does at its dial timeout) stops any
     * retry.
     */
    @Override
    public CompletionStage<Void> dialAsync(CallRequest request) {
        Objects.requireNonNull(request, "request");
        Optional<TwilioCredentials> credentials = accounts.credentials(request.orgId(),
                request.telephonyConfigurationId());
        if (credentials == null || credentials.isEmpty()) {
            return CompletableFuture.failedFuture(new TwilioDialException("organisation '" + request.orgId()
                    + "' has no Twilio account for telephony configuration "
                    + (request.telephonyConfigurationId() == null ? "(default)" : request.telephonyConfigurationId()),
                    0, null, false, null));
        }
        VoiceInstructions instructions = voice.apply(request);
        if (instructions == null) {
            return CompletableFuture.failedFuture(new TwilioDialException("no voice instructions for workflow "
                    + request.workflowId(), 0, null, false, null));
        }
        return new CallCreation(settings, request.sessionId(), httpRequest(request, credentials.get(), instructions))
                .start();
    }

    /** The call request Twilio receives. */
    HttpRequest httpRequest(CallRequest call, TwilioCredentials account, VoiceInstructions instructions) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("To", List.of(call.toNumber()));
        form.put("From", List.of(Objects.requireNonNull(call.callerNumber(), "callerNumber")));
        if (instructions instanceof VoiceInstructions.Url url) {
            form.put("Url", List.of(url.url().toString()));
        } else if (instructions instanceof VoiceInstructions.Twiml twiml) {
            form.put("Twiml", List.of(twiml.twiml()));
        }
        form.put("StatusCallback", List.of(new CallbackAddress(call.sessionId(), call.orgId(),
                call.telephonyConfigurationId()).appendTo(statusCallbackUrl)));
        form.put("StatusCallbackMethod", List.of("POST"));
        form.put("Timeout", List.of(Long.toString(ringTimeout.toSeconds())));
        if (machineDetection.formValue() != null) {
            form.put("MachineDetection", List.of(machineDetection.formValue()));
        }
        String credentials = account.restUser() + ":" + account.restPassword();
        return HttpRequest.newBuilder(callsUrl(account.accountSid()))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FormData.encode(form), StandardCharsets.UTF_8))
                .build();
    }

    private URI callsUrl(String accountSid) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/2010-04-01/Accounts/" + accountSid + "/Calls.json");
    }

    @Override
    public String toString() {
        return "TwilioTelephony[" + baseUrl + ", statusCallback=" + statusCallbackUrl + "]";
    }

    /** Builds a {@link TwilioTelephony}; fails fast, naming the setting, on anything missing or out of range. */
    public static final class Builder {
        /** Twilio's REST API. */
        public static final URI DEFAULT_BASE_URL = URI.create("https://api.twilio.com");
        /** How long a call rings before it ends {@code no-answer} (Twilio's {@code Timeout}; its default too). */
        public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(60);
        /** How long one call request may wait for Twilio's answer. */
        public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
        /** How long opening a connection to Twilio may take. */
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
        /**
         * How long one dial may spend on retries: 20 s, below the engine's default {@code dialTimeout} of 30 s.
         */
        public static final Duration DEFAULT_RETRY_BUDGET = Duration.ofSeconds(20);
        /** The first retry's backoff (before jitter). */
        public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
        /** The longest backoff between two retries (before jitter). */
        public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

        private final TwilioAccounts accounts;
        private Function<CallRequest, VoiceInstructions> voice;
        private URI statusCallbackUrl;
        private URI baseUrl = DEFAULT_BASE_URL;
        private MachineDetection machineDetection = MachineDetection.ENABLE;
        private Duration ringTimeout = DEFAULT_RING_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration retryBudget = DEFAULT_RETRY_BUDGET;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Clock clock = Clock.systemUTC();
        private HttpClient client;

        private Builder(TwilioAccounts accounts) {
            this.accounts = Objects.requireNonNull(accounts, "accounts");
        }

        /**
         * What Twilio runs once a call is answered, chosen per call (typically by {@code workflowId}, the agent to
         * connect); required.
         */
        public Builder voice(Function<CallRequest, VoiceInstructions> voice) {
            this.voice = Objects.requireNonNull(voice, "voice");
            return this;
        }

        /** The same voice URL for every call. */
        public Builder voiceUrl(URI url) {
            VoiceInstructions instructions = VoiceInstructions.url(url);
            return voice(call -> instructions);
        }

        /**
         * Where Twilio posts the call's status (the host's {@link TwilioStatusCallbacks} route); required. An
         * absolute {@code http} or {@code https} URL without a fragment; Twilio needs it reachable from the
         * internet.
         *
         * @throws IllegalArgumentException naming the value otherwise
         */
        public Builder statusCallbackUrl(URI url) {
            this.statusCallbackUrl = httpUrl("statusCallbackUrl", url);
            if (url.getRawFragment() != null) {
                throw new IllegalArgumentException("statusCallbackUrl must have no fragment, was '" + url + "'");
            }
            return this;
        }

        /** Where Twilio's REST API is; default {@link #DEFAULT_BASE_URL}. Tests point it at a stand-in. */
        public Builder baseUrl(URI url) {
            this.baseUrl = httpUrl("baseUrl", url);
            return this;
        }

        /** Answering machine detection; default {@link MachineDetection#ENABLE}. */
        public Builder machineDetection(MachineDetection machineDetection) {
            this.machineDetection = Objects.requireNonNull(machineDetection, "machineDetection");
            return this;
        }

        /**
         * How long a call rings before Twilio gives up ({@code no-answer}): 5 to 600 whole seconds, as Twilio allows.
         * Default 60 s.
         */
        public Builder ringTimeout(Duration ringTimeout) {
            Objects.requireNonNull(ringTimeout, "ringTimeout");
            if (ringTimeout.toMillis() % 1000 != 0 || ringTimeout.toSeconds() < 5 || ringTimeout.toSeconds() > 600) {
                throw new IllegalArgumentException("ringTimeout must be 5 to 600 whole seconds, was " + ringTimeout);
            }
            this.ringTimeout = ringTimeout;
            return this;
        }

        /** How long one call request may wait for Twilio's answer; default 10 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive("requestTimeout", requestTimeout);
            return this;
        }

        /** How long opening a connection may take; default 5 s. Ignored with {@link #httpClient}. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive("connectTimeout", connectTimeout);
            return this;
        }

        /**
         * How long one dial may take, retries included; default 20 s. Keep it below the engine's
         * {@code dialTimeout} (default 30 s), or the engine ends the dial first.
         */
        public Builder retryBudget(Duration retryBudget) {
            this.retryBudget = positive("retryBudget", retryBudget);
            return this;
        }

        /**
         * The backoff before the first retry and the cap of the doubling backoffs that follow (each is then drawn
         * between its half and its whole); default 500 ms and 5 s.
         */
        public Builder backoff(Duration initial, Duration max) {
            positive("initial backoff", initial);
            positive("max backoff", max);
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("max backoff must not be below the initial backoff, was " + max
                        + " < " + initial);
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** The clock the retry budget is measured on; default the UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The HTTP client to send with (a proxy, an executor of the host's); default a new client with the
         * connect timeout, HTTP/1.1 and no redirects.
         */
        public Builder httpClient(HttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * The telephony.
         *
         * @throws IllegalStateException naming the setting when {@code voice} or {@code statusCallbackUrl} is
         *                               missing, or the request timeout does not fit in the retry budget
         */
        public TwilioTelephony build() {
            if (voice == null) {
                throw new IllegalStateException("voice is required: what Twilio runs once a call is answered");
            }
            if (statusCallbackUrl == null) {
                throw new IllegalStateException("statusCallbackUrl is required: where Twilio reports how calls end");
            }
            if (requestTimeout.compareTo(retryBudget) > 0) {
                throw new IllegalStateException("requestTimeout must not exceed retryBudget, was " + requestTimeout
                        + " > " + retryBudget);
            }
            return new TwilioTelephony(this);
        }

        private static URI httpUrl(String name, URI url) {
            Objects.requireNonNull(url, name);
            if (!url.isAbsolute() || url.getHost() == null
                    || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
                throw new IllegalArgumentException(name + " must be an absolute http or https URL, was '" + url + "'");
            }
            return url;
        }

        private static Duration positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
