package io.outbound.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallResult;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.FieldError;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.spi.RecordResult;
import io.outbound.campaign.testkit.CampaignTestKit;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Outcome reports that no PostgreSQL row can hold, or that describe no real call, are refused before the store
 * sees them, naming the field ({@code VALIDATION_FAILED}) or answering that no such session exists
 * ({@code NOT_FOUND}), never {@code STORE_UNAVAILABLE} ("may be retried") and never a raw exception; the session
 * stays in flight, so a corrected report is recorded.
 */
class PostgresReportRulesTest {
    private static final String ORG = "org-1";
    private static final Instant T0 = Instant.parse("2026-06-01T13:00:00Z");
    private static final TestDatabases DATABASES = new TestDatabases();
    private static final Set<ErrorCode> DOCUMENTED = EnumSet.of(ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_FOUND);

    /** A running campaign of 40 contacts on a fresh schema, its first 8 calls dialled and in flight. */
    private record Fixture(HikariDataSource dataSource, CampaignTestKit kit, Campaign campaign) {
        static synchronized Fixture fresh() {
            HikariDataSource dataSource = DATABASES.postgres(2);
            JdbcCampaignStore store = JdbcCampaignStore.builder(dataSource).createSchemaIfMissing(true).build();
            CampaignTestKit kit = CampaignTestKit.builder().startAt(T0).store(store).build();
            kit.telephony().callDuration(Duration.ofDays(1));     // no call ends unless the test reports it
            String csv = "phone_number,name\n" + IntStream.range(0, 40)
                    .mapToObj(i -> String.format("+1415555%04d,Contact %d", i, i)).collect(Collectors.joining("\n"));
            kit.putCsv("contacts.csv", csv + "\n");
            Campaign campaign = kit.campaigns().create(ORG, CreateCampaignRequest.of("Reports", 247, "contacts.csv", 8)
                    .withRetryConfig(new RetryConfig(true, 2, 60, true, true, true)));
            kit.campaigns().start(ORG, campaign.id());
            kit.engine().runOnce();
            return new Fixture(dataSource, kit, campaign);
        }

        List<String> inFlight() {
            return kit.telephony().dials().stream().map(d -> d.request().sessionId())
                    .filter(id -> kit.store().findSession(id).orElseThrow().inProgress()).toList();
        }

        CampaignProgress progress() {
            return kit.campaigns().progress(ORG, campaign.id());
        }
    }

    /** The property's tries share one campaign: its invariants must hold after any sequence of reports. */
    private static Fixture shared;

    @BeforeTry
    void sharedCampaign() {
        synchronized (PostgresReportRulesTest.class) {
            if (shared == null) {
                shared = Fixture.fresh();
            }
        }
    }

    @AfterContainer
    static void closePools() {
        DATABASES.afterAll(null);
    }

    @Example
    void aNulInTheTranscriptIsRefusedNamingItAndTheCorrectedReportIsRecorded() {
        Fixture f = Fixture.fresh();
        CampaignTestKit kit = f.kit();
        String session = f.inFlight().get(0);
        CallResult withNul = new CallResult(CallOutcome.COMPLETED, true, null, null, 42L, "agreed\0 to a demo",
                Map.of("interest", "high"), null);

        assertThatThrownBy(() -> kit.calls().report(session, withNul)).isInstanceOfSatisfying(
                CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("transcript_summary");
                });
        assertThat(kit.store().findSession(session).orElseThrow().inProgress()).isTrue();
        assertThat(kit.calls().report(session, new CallResult(CallOutcome.COMPLETED, true, null, null, 42L,
                "agreed to a demo", Map.of("interest", "high"), null)))
                .isEqualTo(RecordResult.Kind.RECORDED);
        assertThat(kit.store().findSession(session).orElseThrow().transcriptSummary()).isEqualTo("agreed to a demo");
    }

    @Example
    void aSessionIdWithNulOrTooLongIsNotFound() {
        Fixture f = Fixture.fresh();
        CampaignTestKit kit = f.kit();
        String real = f.inFlight().get(0);
        for (String id : List.of(real + "\0", "\0", "s".repeat(65), real + "x")) {
            assertThatThrownBy(() -> kit.calls().report(id, CallResult.of(CallOutcome.BUSY)))
                    .isInstanceOfSatisfying(CampaignException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }

    @Example
    void impossibleValuesAreRefusedAndNothingIsStored() {
        Fixture f = Fixture.fresh();
        CampaignTestKit kit = f.kit();
        String session = f.inFlight().get(0);
        List<CallResult> impossible = List.of(
                new CallResult(CallOutcome.BUSY, null, null, Instant.parse("9999-01-01T00:00:00Z"), null, null, null,
                        null),
                new CallResult(CallOutcome.BUSY, null, null, Instant.MAX, null, null, null, null),
                new CallResult(CallOutcome.COMPLETED, true, null, null, -3L, null, null, null),
                new CallResult(CallOutcome.COMPLETED, true, null, null, 10_000_000_000L, null, null, null),
                new CallResult(CallOutcome.BUSY, true, null, null, null, null, null, null),
                new CallResult(CallOutcome.COMPLETED, true, T0.plusSeconds(50), T0.plusSeconds(40), null, null, null,
                        null));
        for (CallResult result : impossible) {
            assertThatThrownBy(() -> kit.calls().report(session, result)).as(result.toString())
                    .isInstanceOfSatisfying(CampaignException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        }
        assertThatThrownBy(() -> kit.calls().report(session, null)).isInstanceOfSatisfying(CampaignException.class,
                e -> assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("result"));
        assertThat(kit.store().findSession(session).orElseThrow().inProgress()).isTrue();

        // A busy line reported as it should be gets its retry a minute after its (clamped) end.
        kit.calls().report(session, new CallResult(CallOutcome.BUSY, false, null, T0.minusSeconds(3600), 0L, null,
                null, null));
        CallSession busy = kit.store().findSession(session).orElseThrow();
        assertThat(busy.endedAt()).isEqualTo(busy.startedAt());
        assertThat(f.progress().retryScheduled()).isEqualTo(1);
        assertThat(f.progress()).isEqualTo(Recount.progress(f.dataSource(), f.campaign().id(), f.progress().status()));
    }

    @Property(tries = 300)
    void anyReportEndsInADocumentedAnswerAndThePartitionHolds(@ForAll("sessionIds") String chosen,
                                                              @ForAll("results") CallResult result) {
        CampaignTestKit kit = shared.kit();
        List<String> known = kit.telephony().dials().stream().map(d -> d.request().sessionId()).toList();
        String sessionId = chosen.startsWith("#") && !known.isEmpty()
                ? known.get(Math.floorMod(chosen.hashCode(), known.size())) : chosen;
        try {
            RecordResult.Kind kind = kit.calls().report(sessionId, result);
            assertThat(kind).isNotNull();
        } catch (CampaignException e) {
            assertThat(e.code()).as(e.getMessage()).isIn(DOCUMENTED);
            if (e.code() == ErrorCode.VALIDATION_FAILED) {
                assertThat(e.fieldErrors()).isNotEmpty();
            }
        }
        kit.engine().runOnce();
        CampaignProgress p = shared.progress();
        assertThat(p.pending() + p.inProgress() + p.retryScheduled() + p.completed() + p.failed())
                .isEqualTo(p.totalContacts()).isEqualTo(40);
        assertThat(p).isEqualTo(Recount.progress(shared.dataSource(), shared.campaign().id(), p.status()));
        assertThat(Recount.sessionsInFlight(shared.dataSource(), shared.campaign().id())).isEqualTo(p.inProgress());
    }

    @Provide
    Arbitrary<String> sessionIds() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(i -> "#" + i),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(80),
                Arbitraries.strings().withChars('\0', 'a', '-', '\uD800').ofMinLength(1).ofMaxLength(5),
                Arbitraries.strings().alpha().numeric().ofMinLength(60).ofMaxLength(70));
    }

    @Provide
    Arbitrary<CallResult> results() {
        Arbitrary<Instant> instants = Arbitraries.oneOf(
                Arbitraries.just(null), Arbitraries.just(Instant.MAX), Arbitraries.just(Instant.MIN),
                Arbitraries.just(Instant.parse("9999-01-01T00:00:00Z")), Arbitraries.just(Instant.EPOCH),
                Arbitraries.longs().between(-7200, 7200).map(T0::plusSeconds));
        Arbitrary<String> texts = Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings().withChars('\0', 'x', '\uDC00', '=', '\n').ofMaxLength(6));
        Arbitrary<Map<String, Object>> data = Arbitraries.oneOf(Arbitraries.just(null),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(5), texts.map(t -> (Object) t)).ofMaxSize(3));
        Arbitrary<Long> durations = Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.longs(),
                Arbitraries.longs().between(-5, 100_000));
        Arbitrary<Boolean> answered = Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.3);
        return Combinators.combine(Arbitraries.of(CallOutcome.class), answered, instants, instants, durations, texts,
                data, texts).as(CallResult::new).injectNull(0.05);
    }

}
