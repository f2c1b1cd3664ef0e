package io.outbound.campaign.engine;

import static io.outbound.campaign.engine.Scenarios.ORG;
import static io.outbound.campaign.engine.Scenarios.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignService;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.FieldError;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.RedialCampaignRequest;
import io.outbound.campaign.ReportQuery;
import io.outbound.campaign.RunsQuery;
import io.outbound.campaign.UpdateCampaignRequest;
import io.outbound.campaign.testkit.CampaignTestKit;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiRulesTest {

    private final CampaignTestKit kit = CampaignTestKit.builder().build();
    private final CampaignService api = kit.campaigns();

    private static void expect(ErrorCode code, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CampaignException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void anotherOrganisationsCampaignIsNotFoundOnEveryOperation() {
        Campaign campaign = Scenarios.draft(kit, ORG, numbers(2), 1, null);
        long id = campaign.id();
        String other = "org-2";
        List<Runnable> operations = List.of(
                () -> api.get(other, id),
                () -> api.update(other, id, UpdateCampaignRequest.builder().name("x").build()),
                () -> api.start(other, id),
                () -> api.pause(other, id),
                () -> api.resume(other, id),
                () -> api.redial(other, id, new RedialCampaignRequest("r", List.of(CallOutcome.BUSY))),
                () -> api.progress(other, id),
                () -> api.runs(other, id, RunsQuery.firstPage()),
                () -> api.sourceDownloadUrl(other, id),
                () -> api.report(other, id, ReportQuery.all(), new ByteArrayOutputStream()));

        operations.forEach(op -> expect(ErrorCode.NOT_FOUND, op));
        assertThat(api.list(other, PageRequest.first()).items()).isEmpty();
        assertThat(api.get(ORG, id).status()).isEqualTo(CampaignStatus.DRAFT);
    }

    @Test
    void everyInvalidTransitionIsInvalidState() {
        Campaign draft = Scenarios.draft(kit, ORG, numbers(1), 1, null);
        expect(ErrorCode.INVALID_STATE, () -> api.pause(ORG, draft.id()));
        expect(ErrorCode.INVALID_STATE, () -> api.resume(ORG, draft.id()));
        expect(ErrorCode.INVALID_STATE, () -> api.redial(ORG, draft.id(), redial()));

        Campaign running = api.start(ORG, Scenarios.draft(kit, ORG, numbers(1), 1, null).id());
        expect(ErrorCode.INVALID_STATE, () -> api.redial(ORG, running.id(), redial()));
        api.pause(ORG, running.id());
        expect(ErrorCode.INVALID_STATE, () -> api.start(ORG, running.id()));

        Campaign completed = api.start(ORG, Scenarios.draft(kit, ORG, numbers(1), 1, null).id());
        kit.runUntilIdle();
        assertThat(api.get(ORG, completed.id()).status()).isEqualTo(CampaignStatus.COMPLETED);
        expect(ErrorCode.INVALID_STATE, () -> api.start(ORG, completed.id()));
        expect(ErrorCode.INVALID_STATE, () -> api.pause(ORG, completed.id()));
        expect(ErrorCode.INVALID_STATE, () -> api.resume(ORG, completed.id()));
        expect(ErrorCode.INVALID_STATE, () -> api.update(ORG, completed.id(),
                UpdateCampaignRequest.builder().name("late").build()));

        CampaignTestKit noNumbers = CampaignTestKit.builder().callerNumbers(ORG, List.of()).build();
        Campaign failed = noNumbers.campaigns().start(ORG, Scenarios.draft(noNumbers, ORG, numbers(1), 1, null).id());
        assertThat(failed.status()).isEqualTo(CampaignStatus.FAILED);
        for (Consumer<Long> action : List.<Consumer<Long>>of(id -> noNumbers.campaigns().start(ORG, id),
                id -> noNumbers.campaigns().pause(ORG, id), id -> noNumbers.campaigns().resume(ORG, id),
                id -> noNumbers.campaigns().update(ORG, id, UpdateCampaignRequest.builder().name("x").build()))) {
            expect(ErrorCode.INVALID_STATE, () -> action.accept(failed.id()));
        }
    }

    private static RedialCampaignRequest redial() {
        return new RedialCampaignRequest("redial", List.of(CallOutcome.NO_ANSWER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"status\": \"ended\"}", "{\"outcome\": \"maybe\"}", "{\"attempt\": \"one\"}",
            "{\"started_after\": \"yesterday\"}", "[1, 2]", "not json", "{\"phone_number\": 5}",
            "{\"outcome\": \"busy'; drop table call_sessions; --\"}"})
    void unknownOrBadFiltersAreValidationFailures(String filters) {
        Campaign campaign = Scenarios.draft(kit, ORG, numbers(1), 1, null);

        expect(ErrorCode.VALIDATION_FAILED, () -> api.runs(ORG, campaign.id(),
                new RunsQuery(null, null, filters, null, null)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"created_at", "started_at; drop table campaigns", "started_at desc", "id", ""})
    void onlyWhitelistedSortFieldsAreAccepted(String sortBy) {
        Campaign campaign = Scenarios.draft(kit, ORG, numbers(1), 1, null);
        RunsQuery query = new RunsQuery(null, null, null, sortBy, null);

        if (sortBy.isEmpty()) {
            assertThat(api.runs(ORG, campaign.id(), query).items()).isEmpty();
        } else {
            assertThatThrownBy(() -> api.runs(ORG, campaign.id(), query))
                    .isInstanceOfSatisfying(CampaignException.class, e -> assertThat(e.fieldErrors())
                            .extracting(FieldError::field).containsExactly("sort_by"));
        }
    }

    @Test
    void aBadSortOrderPageAndLimitAreAllReportedTogether() {
        Campaign campaign = Scenarios.draft(kit, ORG, numbers(1), 1, null);

        assertThatThrownBy(() -> api.runs(ORG, campaign.id(), new RunsQuery(0, 501, null, null, "sideways")))
                .isInstanceOfSatisfying(CampaignException.class, e -> assertThat(e.fieldErrors())
                        .extracting(FieldError::field).containsExactlyInAnyOrder("page", "limit", "sort_order"));
    }

    @Test
    void anUnknownWorkflowIsAValidationFailureOnWorkflowId() {
        CampaignTestKit strict = CampaignTestKit.builder().workflows((org, id) -> id == 247).build();
        strict.putCsv("c.csv", Scenarios.csv(numbers(1)));

        assertThatThrownBy(() -> strict.campaigns().create(ORG, CreateCampaignRequest.of("x", 248, "c.csv", 1)))
                .isInstanceOfSatisfying(CampaignException.class, e -> assertThat(e.fieldErrors())
                        .extracting(FieldError::field).containsExactly("workflow_id"));
        assertThat(strict.campaigns().list(ORG, PageRequest.first()).total()).isZero();
    }

    @Test
    void aMissingContactsFileIsRejectedNamingTheKeyAndStoresNothing() {
        assertThatThrownBy(() -> api.create(ORG, CreateCampaignRequest.of("x", 247, "uploads/missing.csv", 1)))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONTACTS_REJECTED);
                    assertThat(e.getMessage()).contains("uploads/missing.csv");
                });
        assertThat(api.list(ORG, PageRequest.first()).total()).isZero();
    }

    @Test
    void anInvalidCreateRequestReportsEveryViolation() {
        assertThatThrownBy(() -> api.create(ORG, new CreateCampaignRequest(" ", -1L, "/etc/passwd", 0, null, null,
                null))).isInstanceOfSatisfying(CampaignException.class, e -> assertThat(e.fieldErrors())
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("name", "workflow_id", "contacts_file_key", "max_concurrency"));
    }

    @Test
    void theSourceDownloadUrlExpiresAfterFifteenMinutes() {
        Campaign campaign = Scenarios.draft(kit, ORG, numbers(1), 1, null);

        var url = api.sourceDownloadUrl(ORG, campaign.id());

        assertThat(url.method()).isEqualTo("GET");
        assertThat(url.expiresAt()).isEqualTo(kit.now().plus(Duration.ofMinutes(15)));
    }

    @Test
    void campaignsAreListedNewestFirst() {
        Campaign first = Scenarios.draft(kit, ORG, numbers(1), 1, null);
        Campaign second = Scenarios.draft(kit, ORG, numbers(1), 1, null);

        assertThat(api.list(ORG, PageRequest.first()).items()).extracting(Campaign::id)
                .containsExactly(second.id(), first.id());
        assertThat(Map.of("total", api.list(ORG, PageRequest.first()).total())).containsEntry("total", 2L);
    }

    @Test
    void campaignsAreListedByTheStatusesAskedForAndEveryStatusIsTheWholeList() {
        Campaign draft = Scenarios.draft(kit, ORG, numbers(1), 1, null);
        Campaign running = api.start(ORG, Scenarios.draft(kit, ORG, numbers(1), 1, null).id());
        Campaign paused = api.pause(ORG, api.start(ORG, Scenarios.draft(kit, ORG, numbers(1), 1, null).id()).id());
        Scenarios.draft(kit, "org-2", numbers(1), 1, null);

        var active = api.list(ORG, CampaignStatus.parseList("running,paused"), PageRequest.of(1, 1));

        assertThat(active.items()).extracting(Campaign::id).containsExactly(paused.id());
        assertThat(active.total()).isEqualTo(2);
        assertThat(api.list(ORG, Set.of(CampaignStatus.RUNNING, CampaignStatus.PAUSED), PageRequest.of(2, 1))
                .items()).extracting(Campaign::id).containsExactly(running.id());
        assertThat(api.list(ORG, Set.of(CampaignStatus.DRAFT), null).items()).extracting(Campaign::id)
                .containsExactly(draft.id());
        assertThat(api.list(ORG, EnumSet.allOf(CampaignStatus.class), PageRequest.first()))
                .isEqualTo(api.list(ORG, PageRequest.first()))
                .isEqualTo(api.list(ORG, null, PageRequest.first()));
    }

    @Test
    void anEmptyStatusFilterIsAValidationFailureNamingStatusNotAnEmptyList() {
        Set<CampaignStatus> withNull = new HashSet<>(Arrays.asList(CampaignStatus.RUNNING, null));

        for (Set<CampaignStatus> statuses : List.of(Set.<CampaignStatus>of(), withNull)) {
            assertThatThrownBy(() -> api.list(ORG, statuses, PageRequest.first()))
                    .isInstanceOfSatisfying(CampaignException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                        assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("status");
                    });
        }
    }
}
