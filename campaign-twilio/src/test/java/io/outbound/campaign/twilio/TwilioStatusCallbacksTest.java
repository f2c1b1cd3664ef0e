package io.outbound.campaign.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.RunsQuery;
import io.outbound.campaign.testkit.CampaignTestKit;
import io.outbound.campaign.twilio.TwilioStatusCallbacks.Kind;
import io.outbound.campaign.twilio.TwilioStatusCallbacks.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Status callbacks against a real engine (the test kit's, with one call in flight): only Twilio's signed callbacks
 * for the dialling organisation's account change anything, and a repeated one is recorded once.
 */
class TwilioStatusCallbacksTest {
    static final String ORG = "org-1";
    static final String OTHER_ORG = "org-2";
    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String OTHER_ACCOUNT = "ACfedcba9876543210fedcba9876543210";
    static final String TOKEN = "auth-token-of-org-1";
    static final String OTHER_TOKEN = "auth-token-of-org-2";
    static final String CALLBACK = "https://host.example.com/webhooks/twilio";

    CampaignTestKit kit;
    long campaignId;
    String sessionId;
    TwilioAccounts accounts = TwilioAccounts.perOrganisation(Map.of(
            ORG, TwilioCredentials.of(ACCOUNT, TOKEN), OTHER_ORG, TwilioCredentials.of(OTHER_ACCOUNT, OTHER_TOKEN)));
    TwilioStatusCallbacks callbacks;

    @BeforeEach
    void oneCallInFlight() {
        kit = CampaignTestKit.builder().startAt(Instant.parse("2026-06-01T13:00:00Z"))
                .callerNumbers(ORG, List.of("+16465550001")).build();
        kit.telephony().callDuration(Duration.ofHours(1));
        kit.putCsv("contacts.csv", "phone_number\n+14155552671\n");
        Campaign campaign = kit.campaigns().create(ORG, CreateCampaignRequest.of("June", 247, "contacts.csv", 1));
        campaignId = campaign.id();
        kit.campaigns().start(ORG, campaignId);
        kit.advance(Duration.ofSeconds(1));
        assertThat(kit.telephony().dials()).hasSize(1);
        sessionId = kit.telephony().dials().get(0).request().sessionId();
        callbacks = TwilioStatusCallbacks.builder(accounts, kit.calls()).build();
    }

    String url(String session, String org) {
        return CALLBACK + "?session_id=" + session + "&org_id=" + org;
    }

    static Map<String, List<String>> form(String account, String status, String answeredBy) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("AccountSid", List.of(account));
        form.put("CallSid", List.of("CA0123456789abcdef0123456789abcdef"));
        form.put("CallStatus", List.of(status));
        if (answeredBy != null) {
            form.put("AnsweredBy", List.of(answeredBy));
        }
        form.put("CallDuration", List.of("42"));
        return form;
    }

    Reply post(String url, Map<String, List<String>> form, String token) {
        return callbacks.handle(url, FormData.encode(form), TwilioSignature.compute(token, url, form));
    }

    CampaignProgress progress() {
        return kit.campaigns().progress(ORG, campaignId);
    }

    CallSession session() {
        return kit.campaigns().runs(ORG, campaignId, new RunsQuery(1, 10, null, null, null)).items().get(0);
    }

    @Test
    void aSignedCompletedCallbackRecordsTheOutcomeAndTheCampaignCompletes() {
        Reply reply = post(url(sessionId, ORG), form(ACCOUNT, "completed", "human"), TOKEN);

        assertThat(reply.kind()).isEqualTo(Kind.RECORDED);
        assertThat(reply.httpStatus()).isEqualTo(204);
        assertThat(session().outcome()).isEqualTo(CallOutcome.COMPLETED);
        assertThat(session().durationSeconds()).isEqualTo(42L);
        assertThat(progress().completed()).isEqualTo(1);
        assertThat(progress().status().json()).isEqualTo("completed");
    }

    @Test
    void aRepeatedCallbackIsRecordedOnceAndAcknowledgedAgain() {
        assertThat(post(url(sessionId, ORG), form(ACCOUNT, "no-answer", null), TOKEN).kind()).isEqualTo(Kind.RECORDED);
        Reply again = post(url(sessionId, ORG), form(ACCOUNT, "completed", "human"), TOKEN);

        assertThat(again.kind()).isEqualTo(Kind.DUPLICATE);
        assertThat(again.httpStatus()).isEqualTo(204);
        assertThat(session().outcome()).isEqualTo(CallOutcome.NO_ANSWER);
        assertThat(progress().completed()).isZero();
        assertThat(progress().failed()).isEqualTo(1);
    }

    @Test
    void aCallThatHasNotEndedIsAcknowledgedAndNothingIsRecorded() {
        Reply reply = post(url(sessionId, ORG), form(ACCOUNT, "ringing", null), TOKEN);

        assertThat(reply.kind()).isEqualTo(Kind.ACKNOWLEDGED);
        assertThat(reply.httpStatus()).isEqualTo(204);
        assertThat(progress().inProgress()).isEqualTo(1);
    }

    @Test
    void anUnsignedOrBadlySignedCallbackIsRefusedAndChangesNothing() {
        Map<String, List<String>> form = form(ACCOUNT, "completed", "human");
        String url = url(sessionId, ORG);
        String good = TwilioSignature.compute(TOKEN, url, form);
        Map<String, List<String>> tampered = new LinkedHashMap<>(form);
        tampered.put("AnsweredBy", List.of("machine_start"));

        assertThat(callbacks.handle(url, FormData.encode(form), null).kind()).isEqualTo(Kind.REFUSED);
        assertThat(callbacks.handle(url, FormData.encode(form), "bm90IGEgc2lnbmF0dXJl").kind())
                .isEqualTo(Kind.REFUSED);
        assertThat(callbacks.handle(url, FormData.encode(tampered), good).kind()).isEqualTo(Kind.REFUSED);
        assertThat(callbacks.handle(url + "&x=1", FormData.encode(form), good).kind()).isEqualTo(Kind.REFUSED);
        assertThat(post(url, form, OTHER_TOKEN).httpStatus()).isEqualTo(403);
        assertThat(progress().inProgress()).isEqualTo(1);
    }

    @Test
    void aCallbackSignedByTheRightTokenForAnotherAccountIsRefused() {
        Reply reply = post(url(sessionId, ORG), form(OTHER_ACCOUNT, "completed", "human"), TOKEN);

        assertThat(reply.kind()).isEqualTo(Kind.REFUSED);
        assertThat(reply.message()).contains("AccountSid");
        assertThat(progress().inProgress()).isEqualTo(1);
    }

    @Test
    void aCallbackWhoseUrlNamesNoSessionOrNoKnownOrganisationIsRefused() {
        Map<String, List<String>> form = form(ACCOUNT, "completed", "human");

        assertThat(post(CALLBACK + "?org_id=" + ORG, form, TOKEN).message()).contains("no session_id");
        assertThat(post(url(sessionId, "org-unknown"), form, TOKEN).message())
                .contains("'org-unknown' has no Twilio account");
        assertThat(callbacks.handle(url(sessionId, ORG), "CallStatus=%zz", "x").kind()).isEqualTo(Kind.REFUSED);
        assertThat(progress().inProgress()).isEqualTo(1);
    }

    @Test
    void anotherTenantsSignedCallbackForThisSessionIsRefusedWhenOwnershipIsChecked() {
        callbacks = TwilioStatusCallbacks.builder(accounts, kit.calls())
                .sessionOwnership((org, session) -> kit.store().findSession(session)
                        .flatMap(s -> kit.store().findCampaign(org, s.campaignId())).isPresent())
                .build();

        Reply forged = post(url(sessionId, OTHER_ORG), form(OTHER_ACCOUNT, "completed", "human"), OTHER_TOKEN);

        assertThat(forged.kind()).isEqualTo(Kind.UNKNOWN_SESSION);
        assertThat(forged.httpStatus()).isEqualTo(404);
        assertThat(progress().inProgress()).isEqualTo(1);
        assertThat(post(url(sessionId, ORG), form(ACCOUNT, "busy", null), TOKEN).kind()).isEqualTo(Kind.RECORDED);
    }

    @Test
    void aSignedCallbackWithAValueTheMappingRefusesIsABadRequest() {
        Reply reply = post(url(sessionId, ORG), form(ACCOUNT, "completed", "robot"), TOKEN);

        assertThat(reply.kind()).isEqualTo(Kind.MALFORMED);
        assertThat(reply.httpStatus()).isEqualTo(400);
        assertThat(reply.message()).contains("AnsweredBy", "'robot'");
        assertThat(progress().inProgress()).isEqualTo(1);
    }

    @Test
    void aSignedCallbackRepeatingAParameterIsABadRequest() {
        Map<String, List<String>> form = form(ACCOUNT, "completed", "human");
        form.put("CallStatus", List.of("completed", "busy"));

        assertThat(post(url(sessionId, ORG), form, TOKEN).message()).isEqualTo("CallStatus is given 2 times");
    }

    @Test
    void aSignedCallbackForAnUnknownSessionIsNotFound() {
        Reply reply = post(url("no-such-session", ORG), form(ACCOUNT, "completed", "human"), TOKEN);

        assertThat(reply.kind()).isEqualTo(Kind.UNKNOWN_SESSION);
        assertThat(kit.campaigns().list(ORG, PageRequest.of(1, 10)).items()).hasSize(1);
    }
}
