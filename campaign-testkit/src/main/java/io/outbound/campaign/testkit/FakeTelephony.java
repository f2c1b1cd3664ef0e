package io.outbound.campaign.testkit;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallReports;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.spi.CallRequest;
import io.outbound.campaign.spi.Telephony;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A simulated telephony provider. Each dialled call ends after the call duration with the next scripted
 * outcome for its number, or the default outcome, reported to the engine's {@link CallReports}.
 *
 * <p>It can be slow as a carrier's API is: {@link #dialLatency} delays every acceptance, and
 * {@link #hangDials} / {@link #hangDialsTo} make the dials of a campaign or a number take much longer. A
 * dial the engine gave up on (its timeout) is still accepted when its time comes, and its call is placed
 * and reported, as a real carrier would do with a request whose answer came too late.
 *
 * <p>In virtual time (the default, driven by {@link CampaignTestKit}) acceptances and call ends happen when
 * the kit's manual clock reaches them ({@link #dialAsync} returns a stage that the clock completes). In real
 * time ({@link #startRealTime}) {@link #dial} blocks for the latency (a sleep standing for the carrier's
 * HTTP round trip; interrupting it aborts the dial), or with {@link #asyncDials} a scheduler completes the
 * stage; a scheduler thread reports each outcome after a random duration, retrying a report the store
 * refused, as a provider's webhook would.
 *
 * <p>It watches what a provider would see: every dial with its instant, the most dials in any one-second
 * window (overall and per telephony configuration), the most calls in flight at once (overall, per
 * campaign, per organisation) and any number called while already in a call.
 */
public final class FakeTelephony implements Telephony {

    /** A dialled call and the instant it was dialled. */
    public record Dial(CallRequest request, Instant at) {
    }

    private record Call(long seq, CallRequest request, Instant dialledAt, Instant endsAt, CallOutcome outcome) {
    }

    /** A dial the provider has received and not yet answered. */
    private record Acceptance(long seq, CallRequest request, Instant receivedAt, Instant acceptAt,
                              CompletableFuture<Void> stage) {
    }

    private final Clock clock;
    private final Map<String, Deque<CallOutcome>> scripts = new HashMap<>();
    private final java.util.Set<String> optingOut = new java.util.HashSet<>();
    private final Set<String> refusedNumbers = new HashSet<>();
    private final List<Dial> dials = new ArrayList<>();
    private final PriorityQueue<Call> inFlight = new PriorityQueue<>(
            (a, b) -> a.endsAt().equals(b.endsAt()) ? Long.compare(a.seq(), b.seq()) : a.endsAt().compareTo(b.endsAt()));
    private final Map<String, Integer> numbersInCall = new HashMap<>();
    private final Map<Long, int[]> campaignCalls = new HashMap<>();
    private final Map<String, int[]> orgCalls = new HashMap<>();
    private final Map<String, int[]> callerNumberCalls = new HashMap<>();
    private final PriorityQueue<Acceptance> acceptances = new PriorityQueue<>(
            Comparator.comparing(Acceptance::acceptAt).thenComparingLong(Acceptance::seq));
    private final Map<Long, Duration> campaignHangs = new HashMap<>();
    private final Map<String, Duration> numberHangs = new HashMap<>();
    private Duration dialLatency = Duration.ZERO;
    private boolean asyncDials;
    private CallOutcome defaultOutcome = CallOutcome.COMPLETED;
    private Duration callDuration = Duration.ofSeconds(30);
    private String transcriptSummary;
    private Map<String, Object> extractedData;
    private CallReports reports;
    private long seq;
    private int maxConcurrent;
    private int overlaps;
    private int failNextDials;
    private ScheduledExecutorService realTime;
    private SplittableRandom random;
    private long minMillis;
    private long maxMillis;

    /** A provider whose dial instants come from the clock. */
    public FakeTelephony(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Where outcomes are reported: the engine's {@code calls()}. */
    public synchronized FakeTelephony connect(CallReports reports) {
        this.reports = Objects.requireNonNull(reports, "reports");
        return this;
    }

    /** The outcomes of successive calls to the number, in order; after them, the default outcome. */
    public synchronized FakeTelephony script(String number, CallOutcome... outcomes) {
        scripts.computeIfAbsent(number, n -> new ArrayDeque<>()).addAll(Arrays.asList(outcomes));
        return this;
    }

    /** Every later call to the number ends with the person asking not to be called again ({@code opt_out}). */
    public synchronized FakeTelephony optOut(String number) {
        optingOut.add(Objects.requireNonNull(number, "number"));
        return this;
    }

    /** The outcome of calls without a script; {@code completed} unless set. */
    public synchronized FakeTelephony defaultOutcome(CallOutcome outcome) {
        this.defaultOutcome = Objects.requireNonNull(outcome, "outcome");
        return this;
    }

    /** How long each call lasts in virtual time; 30 seconds unless set. */
    public synchronized FakeTelephony callDuration(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("callDuration must not be negative, was " + duration);
        }
        this.callDuration = duration;
        return this;
    }

    /** The transcript summary and extracted data reported for answered calls. */
    public synchronized FakeTelephony conversation(String summary, Map<String, Object> data) {
        this.transcriptSummary = summary;
        this.extractedData = data;
        return this;
    }

    /** How long the provider takes to accept each dial; zero (at once) unless set. */
    public synchronized FakeTelephony dialLatency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("dialLatency must not be negative, was " + latency);
        }
        this.dialLatency = latency;
        return this;
    }

    /** The provider's API hangs for dials of this campaign: each takes {@code hang} to be accepted. */
    public synchronized FakeTelephony hangDials(long campaignId, Duration hang) {
        campaignHangs.put(campaignId, Objects.requireNonNull(hang, "hang"));
        return this;
    }

    /** The provider's API hangs for dials to this number: each takes {@code hang} to be accepted. */
    public synchronized FakeTelephony hangDialsTo(String number, Duration hang) {
        numberHangs.put(number, Objects.requireNonNull(hang, "hang"));
        return this;
    }

    /** In real time, answer dials through {@link #dialAsync}'s stage instead of blocking the dialling thread. */
    public synchronized FakeTelephony asyncDials(boolean async) {
        this.asyncDials = async;
        return this;
    }

    /** Dials of this number throw, as a provider refusing the call would. */
    public synchronized FakeTelephony refuseDials(String number) {
        refusedNumbers.add(number);
        return this;
    }

    /** The next {@code count} dials throw, whatever the number. */
    public synchronized FakeTelephony failNextDials(int count) {
        this.failNextDials = count;
        return this;
    }

    /**
     * Switches to real time: each call's outcome is reported from a scheduler thread after a random duration
     * between the bounds (inclusive), drawn from a seeded generator.
     */
    public synchronized FakeTelephony startRealTime(Duration minDuration, Duration maxDuration, long seed) {
        if (realTime != null) {
            throw new IllegalStateException("real time already started");
        }
        this.minMillis = minDuration.toMillis();
        this.maxMillis = maxDuration.toMillis();
        if (minMillis < 0 || maxMillis < minMillis) {
            throw new IllegalArgumentException("durations must satisfy 0 <= min <= max, were " + minDuration
                    + " and " + maxDuration);
        }
        this.random = new SplittableRandom(seed);
        this.realTime = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "fake-telephony");
            t.setDaemon(true);
            return t;
        });
        return this;
    }

    /** Stops the real-time scheduler; calls not yet reported stay in flight. */
    public void stopRealTime() {
        ScheduledExecutorService scheduler;
        synchronized (this) {
            scheduler = realTime;
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** The time this dial takes to be accepted. */
    private synchronized Duration acceptanceDelay(CallRequest request) {
        Duration hang = numberHangs.get(request.toNumber());
        if (hang == null) {
            hang = campaignHangs.get(request.campaignId());
        }
        return hang != null ? hang : dialLatency;
    }

    /**
     * Receives a dial and blocks until the provider accepts it (the latency, or a hang); in virtual time, or
     * without latency, it accepts at once.
     *
     * @throws IllegalStateException when the provider refuses the call
     * @throws RuntimeException      wrapping {@link InterruptedException} when the dialling thread is
     *                               interrupted while the provider has not answered
     */
    @Override
    public void dial(CallRequest request) {
        Instant receivedAt = receive(request);
        Duration delay = realTimeStarted() ? acceptanceDelay(request) : Duration.ZERO;
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());     // stands for the carrier's slow HTTP answer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("dial to " + request.toNumber() + " interrupted", e);
            }
        }
        accept(request, receivedAt, clock.instant());
    }

    /**
     * Receives a dial; the stage completes when the provider accepts it. In virtual time the kit's clock
     * completes it after the latency or hang; in real time it blocks as {@link #dial} does, unless
     * {@link #asyncDials} is set. Cancelling the stage does not cancel the call: the provider still places it.
     */
    @Override
    public CompletionStage<Void> dialAsync(CallRequest request) {
        boolean realTimeNow;
        boolean async;
        synchronized (this) {
            realTimeNow = realTime != null;
            async = asyncDials;
        }
        if (realTimeNow && !async) {
            dial(request);
            return CompletableFuture.completedFuture(null);
        }
        Instant receivedAt = receive(request);
        Duration delay = acceptanceDelay(request);
        if (delay.isZero()) {
            try {
                accept(request, receivedAt, receivedAt);
                return CompletableFuture.completedFuture(null);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        CompletableFuture<Void> stage = new CompletableFuture<>();
        Acceptance pending;
        synchronized (this) {
            pending = new Acceptance(seq++, request, receivedAt, receivedAt.plus(delay), stage);
            acceptances.add(pending);
        }
        if (realTimeNow) {
            realTime.schedule(() -> acceptNow(pending, clock.instant()), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        return stage;
    }

    private synchronized boolean realTimeStarted() {
        return realTime != null;
    }

    /** Counts a dial the provider has received. */
    private synchronized Instant receive(CallRequest request) {
        Instant now = clock.instant();
        dials.add(new Dial(request, now));
        return now;
    }

    private void acceptNow(Acceptance pending, Instant at) {
        synchronized (this) {
            if (!acceptances.remove(pending)) {
                return;
            }
        }
        try {
            accept(pending.request(), pending.receivedAt(), at);
            pending.stage().complete(null);
        } catch (RuntimeException e) {
            pending.stage().completeExceptionally(e);
        }
    }

    /** The provider accepts (or refuses) a dial at {@code at}: the call starts ringing. */
    private void accept(CallRequest request, Instant receivedAt, Instant at) {
        Call call;
        long delayMillis;
        synchronized (this) {
            if (failNextDials > 0) {
                failNextDials--;
                throw new IllegalStateException("provider refused the call to " + request.toNumber());
            }
            if (refusedNumbers.contains(request.toNumber())) {
                throw new IllegalStateException("provider refused the call to " + request.toNumber());
            }
            Deque<CallOutcome> script = scripts.get(request.toNumber());
            CallOutcome outcome = script == null || script.isEmpty() ? defaultOutcome : script.poll();
            delayMillis = realTime == null ? callDuration.toMillis() : minMillis + random.nextLong(maxMillis - minMillis + 1);
            Duration length = realTime == null ? callDuration : Duration.ofMillis(delayMillis);
            call = new Call(seq++, request, at, at.plus(length), outcome);
            if (numbersInCall.merge(request.toNumber(), 1, Integer::sum) > 1) {
                overlaps++;
            }
            inFlight.add(call);
            maxConcurrent = Math.max(maxConcurrent, inFlight.size());
            campaignCalls.computeIfAbsent(request.campaignId(), id -> new int[2]);
            bump(campaignCalls.get(request.campaignId()));
            orgCalls.computeIfAbsent(request.orgId(), id -> new int[2]);
            bump(orgCalls.get(request.orgId()));
            if (request.callerNumber() != null) {
                bump(callerNumberCalls.computeIfAbsent(request.callerNumber(), n -> new int[2]));
            }
        }
        if (realTimeStarted()) {
            realTime.schedule(() -> {
                hangUp(call);
                deliverRealTime(call, 0);
            }, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private static void bump(int[] counts) {
        counts[0]++;
        counts[1] = Math.max(counts[1], counts[0]);
    }

    private void deliverRealTime(Call call, int tries) {
        try {
            report(call, clock.instant());
        } catch (RuntimeException e) {
            // A provider retries its webhook; the engine records a retried report once.
            if (tries < 200 && !realTime.isShutdown()) {
                realTime.schedule(() -> deliverRealTime(call, tries + 1), 20, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Reports every call that has ended by {@code now}, earliest first.
     *
     * @return how many were reported
     */
    public int deliverDue(Instant now) {
        int delivered = 0;
        while (true) {
            Call call;
            Acceptance acceptance;
            synchronized (this) {
                call = inFlight.peek();
                acceptance = acceptances.peek();
                boolean callDue = call != null && !call.endsAt().isAfter(now);
                boolean acceptanceDue = acceptance != null && !acceptance.acceptAt().isAfter(now);
                if (!callDue && !acceptanceDue) {
                    return delivered;
                }
                if (acceptanceDue && (!callDue || acceptance.acceptAt().isBefore(call.endsAt()))) {
                    call = null;
                } else {
                    acceptance = null;
                    hangUp(call);
                }
            }
            if (acceptance != null) {
                acceptNow(acceptance, acceptance.acceptAt());
            } else {
                report(call, call.endsAt());
                delivered++;
            }
        }
    }

    private void report(Call call, Instant endedAt) {
        CallReports target;
        boolean optOut;
        synchronized (this) {
            target = reports;
            optOut = optingOut.contains(call.request().toNumber());
            if (target == null) {
                throw new IllegalStateException("FakeTelephony is not connected to an engine's calls()");
            }
        }
        boolean answered = call.outcome().reached();
        CallResult result = new CallResult(call.outcome(), answered,
                answered ? call.dialledAt().plus(Duration.between(call.dialledAt(), endedAt).dividedBy(10)) : null,
                endedAt, Duration.between(call.dialledAt(), endedAt).getSeconds(),
                answered ? transcriptSummary : null, answered ? extractedData : null,
                call.outcome() == CallOutcome.FAILED ? "simulated technical failure" : null, optOut ? true : null);
        target.report(call.request().sessionId(), result);
    }

    /** The call ends on the provider's side, before its outcome is reported (as a webhook follows a hang-up). */
    private synchronized void hangUp(Call call) {
        if (inFlight.remove(call)) {
            numbersInCall.merge(call.request().toNumber(), -1, Integer::sum);
            campaignCalls.get(call.request().campaignId())[0]--;
            orgCalls.get(call.request().orgId())[0]--;
            if (call.request().callerNumber() != null) {
                callerNumberCalls.get(call.request().callerNumber())[0]--;
            }
        }
    }

    /** When the next call in flight ends, or {@code null} when none is in flight. */
    public synchronized Instant nextCallEnd() {
        Call next = inFlight.peek();
        return next == null ? null : next.endsAt();
    }

    /** When the next dial waiting for the provider is accepted, or {@code null} when none waits. */
    public synchronized Instant nextAcceptance() {
        Acceptance next = acceptances.peek();
        return next == null ? null : next.acceptAt();
    }

    /** The most dials received in any one-second window, overall. */
    public int maxDialsPerSecond() {
        return maxDialsInAnyWindow(Duration.ofSeconds(1), d -> true);
    }

    /** The most dials of one telephony configuration ({@code null}: the default) received in any one-second window. */
    public int maxDialsPerSecond(String orgId, Long configurationId) {
        return maxDialsInAnyWindow(Duration.ofSeconds(1), d -> d.request().orgId().equals(orgId)
                && Objects.equals(d.request().telephonyConfigurationId(), configurationId));
    }

    /** The most dials matching {@code which} received within any half-open window {@code [t, t + window)}. */
    public synchronized int maxDialsInAnyWindow(Duration window, java.util.function.Predicate<Dial> which) {
        List<Instant> times = dials.stream().filter(which).map(Dial::at).sorted().toList();
        int most = 0;
        int from = 0;
        for (int to = 0; to < times.size(); to++) {
            while (!times.get(from).plus(window).isAfter(times.get(to))) {
                from++;
            }
            most = Math.max(most, to - from + 1);
        }
        return most;
    }

    /** How many calls are in flight now. */
    public synchronized int inFlight() {
        return inFlight.size();
    }

    /** Every dial so far, in order, with its instant (dials that threw included). */
    public synchronized List<Dial> dials() {
        return List.copyOf(dials);
    }

    /** The dials to one number, in order. */
    public synchronized List<Dial> dialsTo(String number) {
        return dials.stream().filter(d -> d.request().toNumber().equals(number)).toList();
    }

    /** The most calls in flight at once, overall. */
    public synchronized int maxConcurrentCalls() {
        return maxConcurrent;
    }

    /** The most calls of one campaign in flight at once. */
    public synchronized int maxConcurrentCalls(long campaignId) {
        int[] counts = campaignCalls.get(campaignId);
        return counts == null ? 0 : counts[1];
    }

    /** The most calls of one organisation in flight at once. */
    public synchronized int maxConcurrentCallsOfOrg(String orgId) {
        int[] counts = orgCalls.get(orgId);
        return counts == null ? 0 : counts[1];
    }

    /** The most calls presenting one caller number in flight at once. */
    public synchronized int maxConcurrentCallsFrom(String callerNumber) {
        int[] counts = callerNumberCalls.get(callerNumber);
        return counts == null ? 0 : counts[1];
    }

    /** How many times a number was dialled while already in a call: always 0 for a correct engine. */
    public synchronized int overlappingCallsToOneNumber() {
        return overlaps;
    }
}
