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
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A simulated telephony provider. Each dialled call ends after the call duration with the next scripted
 * outcome for its number, or the default outcome, reported to the engine's {@link CallReports}.
 *
 * <p>In virtual time (the default, driven by {@link CampaignTestKit}) calls end when the kit's manual clock
 * reaches their end. In real time ({@link #startRealTime}) a scheduler thread reports each outcome after a
 * random duration, retrying a report the store refused, as a provider's webhook would.
 *
 * <p>It watches what a provider would see: every dial with its instant, the most calls in flight at once
 * (overall, per campaign, per organisation) and any number called while already in a call.
 */
public final class FakeTelephony implements Telephony {

    /** A dialled call and the instant it was dialled. */
    public record Dial(CallRequest request, Instant at) {
    }

    private record Call(long seq, CallRequest request, Instant dialledAt, Instant endsAt, CallOutcome outcome) {
    }

    private final Clock clock;
    private final Map<String, Deque<CallOutcome>> scripts = new HashMap<>();
    private final Set<String> refusedNumbers = new HashSet<>();
    private final List<Dial> dials = new ArrayList<>();
    private final PriorityQueue<Call> inFlight = new PriorityQueue<>(
            (a, b) -> a.endsAt().equals(b.endsAt()) ? Long.compare(a.seq(), b.seq()) : a.endsAt().compareTo(b.endsAt()));
    private final Map<String, Integer> numbersInCall = new HashMap<>();
    private final Map<Long, int[]> campaignCalls = new HashMap<>();
    private final Map<String, int[]> orgCalls = new HashMap<>();
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

    @Override
    public void dial(CallRequest request) {
        Call call;
        long delayMillis;
        synchronized (this) {
            Instant now = clock.instant();
            dials.add(new Dial(request, now));
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
            call = new Call(seq++, request, now, now.plus(length), outcome);
            if (numbersInCall.merge(request.toNumber(), 1, Integer::sum) > 1) {
                overlaps++;
            }
            inFlight.add(call);
            maxConcurrent = Math.max(maxConcurrent, inFlight.size());
            campaignCalls.computeIfAbsent(request.campaignId(), id -> new int[2]);
            bump(campaignCalls.get(request.campaignId()));
            orgCalls.computeIfAbsent(request.orgId(), id -> new int[2]);
            bump(orgCalls.get(request.orgId()));
        }
        if (realTime != null) {
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
            synchronized (this) {
                call = inFlight.peek();
                if (call == null || call.endsAt().isAfter(now)) {
                    return delivered;
                }
                hangUp(call);
            }
            report(call, call.endsAt());
            delivered++;
        }
    }

    private void report(Call call, Instant endedAt) {
        CallReports target;
        synchronized (this) {
            target = reports;
            if (target == null) {
                throw new IllegalStateException("FakeTelephony is not connected to an engine's calls()");
            }
        }
        boolean answered = call.outcome().reached();
        CallResult result = new CallResult(call.outcome(), answered,
                answered ? call.dialledAt().plus(Duration.between(call.dialledAt(), endedAt).dividedBy(10)) : null,
                endedAt, Duration.between(call.dialledAt(), endedAt).getSeconds(),
                answered ? transcriptSummary : null, answered ? extractedData : null,
                call.outcome() == CallOutcome.FAILED ? "simulated technical failure" : null);
        target.report(call.request().sessionId(), result);
    }

    /** The call ends on the provider's side, before its outcome is reported (as a webhook follows a hang-up). */
    private synchronized void hangUp(Call call) {
        if (inFlight.remove(call)) {
            numbersInCall.merge(call.request().toNumber(), -1, Integer::sum);
            campaignCalls.get(call.request().campaignId())[0]--;
            orgCalls.get(call.request().orgId())[0]--;
        }
    }

    /** When the next call in flight ends, or {@code null} when none is in flight. */
    public synchronized Instant nextCallEnd() {
        Call next = inFlight.peek();
        return next == null ? null : next.endsAt();
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

    /** How many times a number was dialled while already in a call: always 0 for a correct engine. */
    public synchronized int overlappingCallsToOneNumber() {
        return overlaps;
    }
}
