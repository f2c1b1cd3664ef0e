package io.outbound.campaign.engine;

import static io.outbound.campaign.engine.Scenarios.ORG;
import static io.outbound.campaign.engine.Scenarios.numbers;
import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.Page;
import io.outbound.campaign.ReportQuery;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.RunsQuery;
import io.outbound.campaign.testkit.CampaignTestKit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class RunsAndReportTest {

    private final CampaignTestKit kit = CampaignTestKit.builder().build();

    private Campaign runCampaign() {
        List<String> n = numbers(4);
        kit.putCsv("c.csv", "phone_number,name,notes\n"
                + n.get(0) + ",Jane,=HYPERLINK(\"http://evil\")\n"
                + n.get(1) + ",Bob,\"+1 call back, later\"\n"
                + n.get(2) + ",@cmd,plain\n"
                + n.get(3) + ",-minus,\"multi\nline\"\n");
        kit.telephony().script(n.get(1), CallOutcome.BUSY, CallOutcome.COMPLETED)
                .conversation("=SUM(A1:A9) wants a demo", Map.of("interested", true))
                .callDuration(Duration.ofSeconds(40));
        Campaign campaign = kit.campaigns().create(ORG, CreateCampaignRequest.of("report", 247, "c.csv", 2)
                .withRetryConfig(new RetryConfig(true, 1, 600, true, true, true)));
        kit.campaigns().start(ORG, campaign.id());
        kit.runUntilIdle();
        return campaign;
    }

    @Test
    void runsFilterSortAndPageTheCallSessions() {
        Campaign campaign = runCampaign();

        Page<CallSession> all = kit.campaigns().runs(ORG, campaign.id(), RunsQuery.firstPage());
        Page<CallSession> busy = kit.campaigns().runs(ORG, campaign.id(),
                new RunsQuery(1, 10, "{\"outcome\": \"busy\"}", null, null));
        Page<CallSession> retries = kit.campaigns().runs(ORG, campaign.id(),
                new RunsQuery(1, 10, "{\"attempt\": 2, \"answered\": true}", "phone_number", "asc"));
        Page<CallSession> secondPage = kit.campaigns().runs(ORG, campaign.id(),
                new RunsQuery(2, 2, null, "started_at", "asc"));

        assertThat(all.total()).isEqualTo(5);
        assertThat(all.items().get(0).attempt()).isEqualTo(2);
        assertThat(busy.items()).singleElement().extracting(CallSession::phoneNumber).isEqualTo(numbers(4).get(1));
        assertThat(retries.items()).singleElement().extracting(CallSession::attempt).isEqualTo(2);
        assertThat(secondPage.items()).hasSize(2);
        assertThat(secondPage.page()).isEqualTo(2);
        assertThat(secondPage.items().get(0).initialContext()).containsKeys("name", "notes");
    }

    @Test
    void theReportHasOneRowPerEndedSessionWithTheContactsColumnsAndNeutralisedFormulas() throws IOException {
        Campaign campaign = runCampaign();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        kit.campaigns().report(ORG, campaign.id(), ReportQuery.all(), out);

        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString(StandardCharsets.UTF_8))).getRecords();
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).getParser().getHeaderNames()).containsExactly("session_id", "phone_number", "name",
                "notes", "attempt", "outcome", "answered", "started_at", "ended_at", "duration_seconds",
                "transcript_summary", "extracted_data", "skip_reason");
        CSVRecord jane = rows.stream().filter(r -> r.get("name").equals("Jane")).findFirst().orElseThrow();
        assertThat(jane.get("notes")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(jane.get("phone_number")).isEqualTo(numbers(4).get(0));
        assertThat(jane.get("outcome")).isEqualTo("completed");
        assertThat(jane.get("duration_seconds")).isEqualTo("40");
        assertThat(jane.get("transcript_summary")).isEqualTo("'=SUM(A1:A9) wants a demo");
        assertThat(jane.get("extracted_data")).isEqualTo("{\"interested\":true}");
        assertThat(rows).extracting(r -> r.get("name")).contains("'@cmd", "'-minus");
        assertThat(rows).extracting(r -> r.get("notes")).contains("'+1 call back, later", "multi\nline");
    }

    @Test
    void formulasBehindLeadingWhitespaceOrASemicolonAreNeutralisedToo() throws IOException {
        List<String> n = numbers(6);
        kit.putCsv("f.csv", "phone_number,notes\n"
                + n.get(0) + ",\" =1+2\"\n"
                + n.get(1) + ",\"\t=cmd|' /c calc'!A1\"\n"
                + n.get(2) + ",\"\u00A0 @SUM(A1:A2)\"\n"
                + n.get(3) + ",\"Call back;=HYPERLINK(\"\"http://evil\"\")\"\n"
                + n.get(4) + ",\"\n-2+3\"\n"
                + n.get(5) + ",plain text; nothing to fear\n");
        Campaign campaign = kit.campaigns().create(ORG, CreateCampaignRequest.of("formulas", 247, "f.csv", 6));
        kit.campaigns().start(ORG, campaign.id());
        kit.runUntilIdle();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        kit.campaigns().report(ORG, campaign.id(), ReportQuery.all(), out);

        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(records(out)).extracting(r -> r.get("notes")).containsExactlyInAnyOrder(
                "' =1+2", "'\t=cmd|' /c calc'!A1", "'\u00A0 @SUM(A1:A2)", "Call back;=HYPERLINK(\"http://evil\")",
                "'\n-2+3", "plain text; nothing to fear");
        // Quoted, a cell holding a semicolon stays one cell where a spreadsheet splits fields on semicolons.
        assertThat(csv).contains(",\"Call back;=HYPERLINK(\"\"http://evil\"\")\",")
                .contains(",\"plain text; nothing to fear\",");
        assertThat(csv.lines().filter(line -> line.startsWith("session_id"))).singleElement().asString()
                .startsWith("session_id,phone_number,notes,attempt,");
    }

    @Test
    void theReportFiltersOnTheStartTime() throws IOException {
        Campaign campaign = runCampaign();
        CallSession retry = kit.campaigns().runs(ORG, campaign.id(),
                new RunsQuery(1, 10, "{\"attempt\": 2}", null, null)).items().get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        kit.campaigns().report(ORG, campaign.id(), ReportQuery.parse(retry.startedAt().toString(), null), out);

        assertThat(records(out)).singleElement().extracting(r -> r.get("session_id")).isEqualTo(retry.sessionId());
        ByteArrayOutputStream before = new ByteArrayOutputStream();
        kit.campaigns().report(ORG, campaign.id(), ReportQuery.parse(null, retry.startedAt().toString()), before);
        assertThat(records(before)).hasSize(4).noneMatch(r -> r.get("session_id").equals(retry.sessionId()));
    }

    private static List<CSVRecord> records(ByteArrayOutputStream out) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString(StandardCharsets.UTF_8))).getRecords();
    }
}
