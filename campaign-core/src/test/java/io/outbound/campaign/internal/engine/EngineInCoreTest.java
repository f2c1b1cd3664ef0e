package io.outbound.campaign.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallReports;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.CallingHours;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignService;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.FieldError;
import io.outbound.campaign.LocalFileStore;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.ReportQuery;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.RunsQuery;
import io.outbound.campaign.Slot;
import io.outbound.campaign.UpdateCampaignRequest;
import io.outbound.campaign.memory.InMemoryCampaignStore;
import io.outbound.campaign.spi.CallRequest;
import io.outbound.campaign.spi.FileStore;
import io.outbound.campaign.spi.Telephony;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real engine inside core: the in-memory store, local files, a scripted telephony and a clock the test moves.
 * {@code runOnce()} claims and dials inline (no thread is started), so each step is seen in order.
 */
class EngineInCoreTest {
    private static final String ORG = "org-1";
    private static final Instant T0 = Instant.parse("2026-06-01T13:00:00Z");
    private static final List<String> CALLER_NUMBERS =
            IntStream.range(0, 10).mapToObj(i -> String.format("+1555000%04d", i)).toList();

    /** Accepts every dial; the test ends calls, each reported with its number's next scripted outcome. */
    private static final class ScriptedTelephony implements Telephony {
        private final Map<String, Deque<CallOutcome>> scripts = new HashMap<>();
        private final Map<String, CallRequest> inFlight = new LinkedHashMap<>();
        private final List<CallRequest> dials = new ArrayList<>();
        private int mostInFlight;
        private CallReports reports;

        void script(String number, CallOutcome... outcomes) {
            scripts.put(number, new ArrayDeque<>(Arrays.asList(outcomes)));
        }

        @Override
        public synchronized void dial(CallRequest request) {
            dials.add(request);
            inFlight.put(request.sessionId(), request);
            mostInFlight = Math.max(mostInFlight, inFlight.size());
        }

        /** Ends up to {@code count} calls, oldest first; a number without script left ends completed. */
        void end(int count) {
            List<CallRequest> ending;
            synchronized (this) {
                ending = inFlight.values().stream().limit(count).toList();
                ending.forEach(r -> inFlight.remove(r.sessionId()));
            }
            for (CallRequest r : ending) {
                Deque<CallOutcome> script = scripts.get(r.toNumber());
                CallOutcome outcome = script == null || script.isEmpty() ? CallOutcome.COMPLETED : script.poll();
                reports.report(r.sessionId(), CallResult.of(outcome));
            }
        }

        void endAll() {
            end(Integer.MAX_VALUE);
        }

        synchronized int inFlight() {
            return inFlight.size();
        }

        synchronized List<CallRequest> dialsTo(String number) {
            return dials.stream().filter(d -> d.toNumber().equals(number)).toList();
        }
    }

    @TempDir
    Path dir;

    private final SteppedClock clock = new SteppedClock(T0);
    private final ScriptedTelephony telephony = new ScriptedTelephony();
    private volatile List<String> callerNumbers = CALLER_NUMBERS;
    private FileStore files;
    private CampaignEngine engine;
    private CampaignService campaigns;

    @BeforeEach
    void buildEngine() {
        files = LocalFileStore.of(dir);
        engine = CampaignEngine.builder()
                .store(new InMemoryCampaignStore())
                .files(files)
                .telephony(telephony)
                .telephonyConfigs((org, configId) -> configId == null ? Optional.of(callerNumbers) : Optional.empty())
                .clock(clock)
                .nodeId("core-test-node")
                .build();
        telephony.reports = engine.calls();
        campaigns = engine.campaigns();
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    private static List<String> numbers(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("+1415555%04d", i)).toList();
    }

    private String upload(List<String> numbers) {
        String csv = "phone_number,first_name\n" + IntStream.range(0, numbers.size())
                .mapToObj(i -> numbers.get(i) + ",Contact " + i).collect(Collectors.joining("\n")) + "\n";
        String key = "uploads/" + ORG + "/contacts-" + numbers.size() + ".csv";
        files.put(key, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        return key;
    }

    private Campaign draft(List<String> numbers, int maxConcurrency, RetryConfig retry) {
        return campaigns.create(ORG, CreateCampaignRequest.of("June outreach", 247, upload(numbers), maxConcurrency)
                .withRetryConfig(retry));
    }

    private Campaign started(List<String> numbers, int maxConcurrency, RetryConfig retry) {
        return campaigns.start(ORG, draft(numbers, maxConcurrency, retry).id());
    }

    private CampaignProgress progress(Campaign campaign) {
        CampaignProgress p = campaigns.progress(ORG, campaign.id());
        assertThat(p.pending() + p.inProgress() + p.retryScheduled() + p.completed() + p.failed())
                .as("pending + in_progress + retry_scheduled + completed + failed = total in %s", p)
                .isEqualTo(p.totalContacts());
        assertThat(p.dialled()).as("dialled = total - pending in %s", p).isEqualTo(p.totalContacts() - p.pending());
        return p;
    }

    private static List<FieldError> validationErrors(ThrowingCallable action) {
        List<FieldError> errors = new ArrayList<>();
        assertThatThrownBy(action).isInstanceOfSatisfying(CampaignException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            errors.addAll(e.fieldErrors());
        });
        return errors;
    }

    /**
     * Dials finishing one at a time do not cost a claim each: the node tops up its line of claimed calls once it
     * is down to half, so a campaign of short calls is claimed in batches of at least half the line. Here each
     * dial holds its place in the pool until the carrier accepts it, as a carrier's API round trip does.
     */
    @Test
    void dialsFinishingOneAtATimeAreClaimedInBatchesOfAtLeastHalfTheLine() {
        java.util.concurrent.atomic.AtomicInteger claims = new java.util.concurrent.atomic.AtomicInteger();
        Deque<java.util.concurrent.CompletableFuture<Void>> accepting = new ArrayDeque<>();
        List<CallRequest> dialled = new ArrayList<>();
        Telephony carrier = new Telephony() {
            @Override
            public void dial(CallRequest request) {
                throw new AssertionError("dialled through dialAsync only");
            }

            @Override
            public java.util.concurrent.CompletionStage<Void> dialAsync(CallRequest request) {
                java.util.concurrent.CompletableFuture<Void> accepted = new java.util.concurrent.CompletableFuture<>();
                dialled.add(request);
                accepting.add(accepted);
                return accepted;
            }
        };
        CampaignEngine batched = CampaignEngine.builder()
                .store(new InMemoryCampaignStore())
                .files(files)
                .telephony(carrier)
                .telephonyConfigs((org, configId) -> Optional.of(IntStream.range(0, 100)
                        .mapToObj(i -> String.format("+1555100%04d", i)).toList()))
                .clock(clock)
                .nodeId("batching-node")
                .claimBatchSize(20)
                .dialConcurrency(4)
                .observer(new io.outbound.campaign.events.EngineObserver() {
                    @Override
                    public void storeOperation(io.outbound.campaign.events.StoreOperation operation, Duration elapsed,
                                               Throwable failure) {
                        if (operation == io.outbound.campaign.events.StoreOperation.CLAIM) {
                            claims.incrementAndGet();
                        }
                    }
                })
                .build();
        try {
            List<String> n = numbers(200);
            Campaign campaign = batched.campaigns().start(ORG, batched.campaigns()
                    .create(ORG, CreateCampaignRequest.of("Short calls", 247, upload(n), 1000)).id());
            batched.runOnce();
            for (int step = 0; step < 1_000 && !accepting.isEmpty(); step++) {
                assertThat(accepting).as("dials holding the pool's places").hasSizeLessThanOrEqualTo(4);
                // The carrier accepts the oldest dial and the call ends at once: its place frees.
                accepting.poll().complete(null);
                CallRequest ended = dialled.get(dialled.size() - accepting.size() - 1);
                batched.calls().report(ended.sessionId(), CallResult.of(CallOutcome.COMPLETED));
                batched.runOnce();
            }

            assertThat(dialled).extracting(CallRequest::toNumber).containsExactlyInAnyOrderElementsOf(n);
            assertThat(batched.campaigns().progress(ORG, campaign.id()).completed()).isEqualTo(200);
            // A line of 20 (the claim batch), topped up once 10 or fewer wait: about 200 / 10 claims that take
            // calls, then one empty claim per finished dial while the last line drains (33 in all when written).
            // Topped up at every finished dial it took a claim per call (about 200).
            assertThat(claims.get()).isBetween(10, 40);
        } finally {
            batched.close();
        }
    }

    @Test
    void aCampaignFromACsvDialsEveryContactOnceAndItsProgressAddsUpAtEveryStep() {
        List<String> n = numbers(6);
        telephony.script(n.get(1), CallOutcome.BUSY);
        telephony.script(n.get(2), CallOutcome.NO_ANSWER);
        telephony.script(n.get(3), CallOutcome.VOICEMAIL);
        telephony.script(n.get(4), CallOutcome.FAILED);
        telephony.script(n.get(5), CallOutcome.INVALID_NUMBER);
        Campaign draft = draft(n, 2, null);
        assertThat(draft.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(draft.contactColumns()).containsExactly("first_name");
        assertThat(draft.importSummary().accepted()).isEqualTo(6);
        engine.runOnce();
        assertThat(telephony.dials).as("a draft dials nobody").isEmpty();

        Campaign campaign = campaigns.start(ORG, draft.id());
        assertThat(campaign.status()).isEqualTo(CampaignStatus.RUNNING);
        for (int step = 0; step < 10 && progress(campaign).status() == CampaignStatus.RUNNING; step++) {
            engine.runOnce();
            assertThat(progress(campaign).inProgress()).isEqualTo(telephony.inFlight());
            clock.advance(Duration.ofSeconds(30));
            telephony.endAll();
            progress(campaign);
        }

        assertThat(progress(campaign)).isEqualTo(new CampaignProgress(6, 6, 1, 1, 5, 0, 0, CampaignStatus.COMPLETED, 0));
        for (int i = 0; i < n.size(); i++) {
            assertThat(telephony.dialsTo(n.get(i))).as("dials to %s", n.get(i)).singleElement().satisfies(d -> {
                assertThat(d.attempt()).isEqualTo(1);
                assertThat(d.workflowId()).isEqualTo(247);
                assertThat(d.campaignId()).isEqualTo(campaign.id());
                assertThat(CALLER_NUMBERS).contains(d.callerNumber());
            });
            assertThat(telephony.dialsTo(n.get(i)).get(0).initialContext()).containsExactly(
                    Map.entry("first_name", "Contact " + i));
        }
    }

    @Test
    void aBusyContactIsRetriedAfterTheConfiguredDelayAndNotBefore() {
        String number = numbers(1).get(0);
        telephony.script(number, CallOutcome.BUSY, CallOutcome.COMPLETED);
        Campaign campaign = started(List.of(number), 1, new RetryConfig(true, 2, 120, true, false, false));
        engine.runOnce();
        clock.advance(Duration.ofSeconds(45));
        telephony.endAll();
        Instant busyEnded = clock.instant();

        Instant due = engine.runOnce();

        assertThat(due).isEqualTo(busyEnded.plusSeconds(120));
        assertThat(progress(campaign)).isEqualTo(new CampaignProgress(1, 1, 0, 0, 0, 0, 0, CampaignStatus.RUNNING, 1));
        clock.advance(Duration.ofSeconds(119));
        engine.runOnce();
        assertThat(telephony.dialsTo(number)).as("one second before the retry is due").hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        engine.runOnce();

        assertThat(telephony.dialsTo(number)).hasSize(2);
        CallRequest retry = telephony.dialsTo(number).get(1);
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(retry.sessionId()).isNotEqualTo(telephony.dialsTo(number).get(0).sessionId());
        telephony.endAll();
        assertThat(progress(campaign)).isEqualTo(new CampaignProgress(1, 1, 1, 1, 0, 0, 0, CampaignStatus.COMPLETED, 0));
    }

    @Test
    void maxRetriesCountsTheAttemptsAfterTheFirstAndThenTheContactFails() {
        String number = numbers(1).get(0);
        telephony.script(number, CallOutcome.BUSY, CallOutcome.BUSY, CallOutcome.COMPLETED);
        Campaign campaign = started(List.of(number), 1, new RetryConfig(true, 1, 60, true, true, true));

        for (int step = 0; step < 5; step++) {
            engine.runOnce();
            telephony.endAll();
            clock.advance(Duration.ofMinutes(10));
        }

        assertThat(telephony.dialsTo(number)).extracting(CallRequest::attempt).containsExactly(1, 2);
        assertThat(progress(campaign)).isEqualTo(new CampaignProgress(1, 1, 0, 0, 1, 0, 0, CampaignStatus.COMPLETED, 0));
    }

    @Test
    void pauseStopsNewDialsWhileCallsInFlightAreRecordedAndResumeCarriesOn() {
        List<String> n = numbers(5);
        Campaign campaign = started(n, 2, null);
        engine.runOnce();
        assertThat(telephony.dials).hasSize(2);

        assertThat(campaigns.pause(ORG, campaign.id()).status()).isEqualTo(CampaignStatus.PAUSED);
        clock.advance(Duration.ofMinutes(1));
        telephony.endAll();
        for (int step = 0; step < 3; step++) {
            clock.advance(Duration.ofMinutes(10));
            engine.runOnce();
        }

        assertThat(telephony.dials).as("no dial while paused").hasSize(2);
        assertThat(progress(campaign)).isEqualTo(new CampaignProgress(5, 2, 2, 2, 0, 3, 0, CampaignStatus.PAUSED, 0));

        assertThat(campaigns.resume(ORG, campaign.id()).status()).isEqualTo(CampaignStatus.RUNNING);
        engine.runOnce();
        assertThat(telephony.dials).hasSize(4);
        telephony.endAll();
        engine.runOnce();
        telephony.endAll();

        assertThat(progress(campaign)).isEqualTo(new CampaignProgress(5, 5, 5, 5, 0, 0, 0, CampaignStatus.COMPLETED, 0));
        n.forEach(number -> assertThat(telephony.dialsTo(number)).hasSize(1));
    }

    @Test
    void neverMoreCallsInFlightThanMaxConcurrencyAndAFreedSlotIsRefilled() {
        Campaign campaign = started(numbers(10), 3, null);

        engine.runOnce();
        assertThat(telephony.inFlight()).isEqualTo(3);
        for (int step = 0; step < 20 && progress(campaign).status() == CampaignStatus.RUNNING; step++) {
            clock.advance(Duration.ofSeconds(20));
            telephony.end(1);
            engine.runOnce();
            assertThat(telephony.inFlight()).isLessThanOrEqualTo(3);
            assertThat(progress(campaign).inProgress()).isEqualTo(telephony.inFlight());
        }

        assertThat(telephony.mostInFlight).isEqualTo(3);
        assertThat(telephony.dials).hasSize(10);
        assertThat(progress(campaign).status()).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void loweringMaxConcurrencyEndsNoCallAndAppliesFromTheNextDial() {
        Campaign campaign = started(numbers(6), 3, null);
        engine.runOnce();
        assertThat(telephony.inFlight()).isEqualTo(3);

        Campaign updated = campaigns.update(ORG, campaign.id(), UpdateCampaignRequest.builder().maxConcurrency(1).build());
        engine.runOnce();

        assertThat(updated.maxConcurrency()).isEqualTo(1);
        assertThat(telephony.inFlight()).isEqualTo(3);
        telephony.end(2);
        engine.runOnce();
        assertThat(telephony.dials).as("one call still in flight fills the one slot").hasSize(3);
        telephony.end(1);
        engine.runOnce();
        assertThat(telephony.dials).hasSize(4);
        assertThat(telephony.inFlight()).isEqualTo(1);
    }

    @Test
    void aConfigurationWithoutCallerNumbersFailsTheCampaignAtStartWithTheReason() {
        callerNumbers = List.of();

        Campaign campaign = started(numbers(2), 1, null);
        engine.runOnce();

        assertThat(campaign.status()).isEqualTo(CampaignStatus.FAILED);
        assertThat(campaign.statusReason()).contains("default telephony configuration", ORG, "no caller numbers");
        assertThat(campaigns.get(ORG, campaign.id()).status()).isEqualTo(CampaignStatus.FAILED);
        assertThat(telephony.dials).isEmpty();
    }

    @Test
    void aRunningCampaignWhoseConfigurationLosesItsCallerNumbersFailsWithTheReason() {
        Campaign campaign = started(numbers(2), 1, null);
        callerNumbers = List.of();

        engine.runOnce();

        Campaign failed = campaigns.get(ORG, campaign.id());
        assertThat(failed.status()).isEqualTo(CampaignStatus.FAILED);
        assertThat(failed.statusReason()).contains("no caller numbers");
        assertThat(telephony.dials).isEmpty();
    }

    @Test
    void anUnknownTelephonyConfigurationFailsTheCampaignAtStartNamingIt() {
        Campaign draft = campaigns.create(ORG, CreateCampaignRequest.of("x", 247, upload(numbers(1)), 1)
                .withTelephonyConfigurationId(99L));

        Campaign started = campaigns.start(ORG, draft.id());

        assertThat(started.status()).isEqualTo(CampaignStatus.FAILED);
        assertThat(started.statusReason()).contains("telephony configuration 99", "unknown");
    }

    @Test
    void createReportsEveryInvalidFieldAtOnceByNameAndValueAndCreatesNothing() {
        CreateCampaignRequest bad = new CreateCampaignRequest(" ", 0L, "../secret.csv", 0,
                new CallingHours("Mars/Olympus", List.of(Slot.of("funday", "17:00", "09:00"))),
                new RetryConfig(true, 11, -1, true, true, true), 0L);

        List<FieldError> errors = validationErrors(() -> campaigns.create(ORG, bad));

        assertThat(errors).extracting(FieldError::field, FieldError::value).containsExactlyInAnyOrder(
                tuple("name", " "),
                tuple("workflow_id", "0"),
                tuple("contacts_file_key", "../secret.csv"),
                tuple("max_concurrency", "0"),
                tuple("calling_hours.timezone", "Mars/Olympus"),
                tuple("calling_hours.slots[0].day", "funday"),
                tuple("calling_hours.slots[0].end", "09:00"),
                tuple("retry_config.max_retries", "11"),
                tuple("retry_config.retry_delay_seconds", "-1"),
                tuple("telephony_configuration_id", "0"));
        assertThat(campaigns.list(ORG, PageRequest.first()).items()).isEmpty();
    }

    @Test
    void createNamesEachMissingRequiredFieldAndTheLimitsOfMaxConcurrency() {
        List<FieldError> missing = validationErrors(() -> campaigns.create(ORG,
                new CreateCampaignRequest(null, null, null, null, null, null, null)));
        assertThat(missing).extracting(FieldError::field)
                .containsExactlyInAnyOrder("name", "workflow_id", "contacts_file_key", "max_concurrency");

        String key = upload(numbers(1));
        assertThat(validationErrors(() -> campaigns.create(ORG, CreateCampaignRequest.of("x", 247, key, 1001))))
                .extracting(FieldError::field, FieldError::value, FieldError::message)
                .containsExactly(tuple("max_concurrency", "1001", "must be between 1 and 1000"));
        assertThat(campaigns.create(ORG, CreateCampaignRequest.of("x", 247, key, 1000)).maxConcurrency())
                .isEqualTo(1000);
    }

    @Test
    void anUnknownAgentOrAMissingFileIsRefusedNamingTheField() {
        String key = upload(numbers(1));
        try (CampaignEngine strict = CampaignEngine.builder().store(new InMemoryCampaignStore()).files(files)
                .telephony(telephony).clock(clock).workflows((org, id) -> id == 247).build()) {
            assertThat(validationErrors(() -> strict.campaigns().create(ORG, CreateCampaignRequest.of("x", 248, key, 1))))
                    .extracting(FieldError::field, FieldError::value).containsExactly(tuple("workflow_id", "248"));
        }
        assertThatThrownBy(() -> campaigns.create(ORG, CreateCampaignRequest.of("x", 247, "uploads/none.csv", 1)))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONTACTS_REJECTED);
                    assertThat(e.getMessage()).contains("uploads/none.csv", "contacts_file_key");
                });
    }

    @Test
    void updateNamesEachInvalidFieldAndLeavesTheCampaignAsItWas() {
        Campaign campaign = draft(numbers(2), 2, RetryConfig.ofDefaults());
        UpdateCampaignRequest bad = UpdateCampaignRequest.builder()
                .name("")
                .maxConcurrency(0)
                .callingHours(CallingHours.of("America/New_York", Slot.of("monday", "9am", "24:00")))
                .retryConfig(new RetryConfig(true, -1, 60, true, true, true))
                .build();

        List<FieldError> errors = validationErrors(() -> campaigns.update(ORG, campaign.id(), bad));

        assertThat(errors).extracting(FieldError::field, FieldError::value).containsExactlyInAnyOrder(
                tuple("name", ""),
                tuple("max_concurrency", "0"),
                tuple("calling_hours.slots[0].start", "9am"),
                tuple("retry_config.max_retries", "-1"));
        assertThat(campaigns.get(ORG, campaign.id())).isEqualTo(campaign);
        assertThat(validationErrors(() -> campaigns.update(ORG, campaign.id(),
                UpdateCampaignRequest.builder().maxConcurrency(null).build())))
                .extracting(FieldError::field, FieldError::message)
                .containsExactly(tuple("max_concurrency", "is required"));
    }

    @Test
    void updateChangesOnlyTheFieldsItCarries() {
        CallingHours hours = CallingHours.of("America/New_York", Slot.of("monday", "09:00", "17:00"));
        Campaign campaign = campaigns.create(ORG, CreateCampaignRequest.of("June", 247, upload(numbers(1)), 2)
                .withCallingHours(hours).withRetryConfig(RetryConfig.ofDefaults()));

        Campaign renamed = campaigns.update(ORG, campaign.id(), UpdateCampaignRequest.builder().name("July").build());
        Campaign anyTime = campaigns.update(ORG, campaign.id(),
                UpdateCampaignRequest.builder().callingHours(null).build());

        assertThat(renamed.name()).isEqualTo("July");
        assertThat(renamed.maxConcurrency()).isEqualTo(2);
        assertThat(renamed.callingHours()).isEqualTo(hours);
        assertThat(renamed.retryConfig()).isEqualTo(RetryConfig.ofDefaults());
        assertThat(anyTime.callingHours()).isNull();
        assertThat(anyTime.name()).isEqualTo("July");
    }

    @Test
    void anotherOrganisationsCampaignIsNotFound() {
        Campaign campaign = draft(numbers(1), 1, null);

        List<Function<String, Object>> calls = List.of(
                org -> campaigns.get(org, campaign.id()),
                org -> campaigns.start(org, campaign.id()),
                org -> campaigns.progress(org, campaign.id()),
                org -> campaigns.update(org, campaign.id(), UpdateCampaignRequest.builder().name("y").build()));
        for (Function<String, Object> call : calls) {
            assertThatThrownBy(() -> call.apply("org-2")).isInstanceOfSatisfying(CampaignException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
        assertThat(campaigns.get(ORG, campaign.id()).status()).isEqualTo(CampaignStatus.DRAFT);
    }

    @Test
    void runsAndTheReportShowEndedSessionsThroughTheService() {
        List<String> n = numbers(3);
        telephony.script(n.get(1), CallOutcome.BUSY);
        Campaign campaign = started(n, 3, null);
        engine.runOnce();
        clock.advance(Duration.ofSeconds(30));
        telephony.end(2);

        List<CallSession> busy = campaigns.runs(ORG, campaign.id(),
                new RunsQuery(null, null, "{\"outcome\": \"busy\"}", "started_at", "asc")).items();
        assertThat(busy).singleElement().satisfies(s -> assertThat(s.phoneNumber()).isEqualTo(n.get(1)));
        assertThat(campaigns.runs(ORG, campaign.id(), RunsQuery.firstPage()).total()).isEqualTo(3);
        assertThat(validationErrors(() -> campaigns.runs(ORG, campaign.id(),
                new RunsQuery(null, null, null, "caller_number", null))))
                .extracting(FieldError::field).containsExactly("sort_by");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        campaigns.report(ORG, campaign.id(), ReportQuery.all(), out);
        List<String> lines = List.of(out.toString(StandardCharsets.UTF_8).split("\r\n"));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("session_id,phone_number,first_name,attempt,outcome");
        assertThat(lines.subList(1, 3)).anySatisfy(l -> assertThat(l).contains(n.get(0), "Contact 0", "completed"))
                .anySatisfy(l -> assertThat(l).contains(n.get(1), "Contact 1", "busy"))
                .noneSatisfy(l -> assertThat(l).contains(n.get(2)));
    }
}
