package io.outbound.campaign.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.CallSessionStatus;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.ReportQuery;
import io.outbound.campaign.spi.CampaignStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The report CSV: its columns, one row per session the store streams, quoting, encoding and streaming. */
class SessionReportWriterTest {
    private static final Instant T0 = Instant.parse("2026-06-01T13:00:00Z");
    private static final Campaign CAMPAIGN = new Campaign(7, "org-1", "June", 247, "c.csv", 2, null, null, null,
            CampaignStatus.COMPLETED, null, List.of("first_name", "note"), null, null, T0, T0, T0, T0, null);

    /** What the writer asked the store for: campaign id and bounds. */
    private final List<Object> asked = new ArrayList<>();

    /** A store that only streams ended sessions, handing each to the writer from {@code source}. */
    private CampaignStore storeStreaming(Consumer<Consumer<CallSession>> source) {
        return (CampaignStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {CampaignStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("forEachSkippedContact")) {
                        return null;     // no contact skipped
                    }
                    if (!method.getName().equals("forEachEndedSession")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    asked.addAll(List.of(args[0], String.valueOf(args[1]), String.valueOf(args[2])));
                    @SuppressWarnings("unchecked")
                    Consumer<CallSession> sink = (Consumer<CallSession>) args[3];
                    source.accept(sink);
                    return null;
                });
    }

    private CampaignStore storeOf(CallSession... sessions) {
        return storeStreaming(sink -> List.of(sessions).forEach(sink));
    }

    private static CallSession session(String id, String phone, int attempt, CallOutcome outcome,
                                       Map<String, String> context, String summary, Map<String, Object> extracted) {
        Instant started = T0.plusSeconds(60L * attempt);
        return new CallSession(id, CAMPAIGN.id(), phone, attempt, CallSessionStatus.ENDED, outcome,
                outcome == CallOutcome.COMPLETED, "+15550000001", started, null, started.plusSeconds(42), 42L,
                summary, extracted, context, null);
    }

    private static CallSession withContext(Map<String, String> context, String summary) {
        return session("s-1", "+14155550100", 1, CallOutcome.COMPLETED, context, summary, null);
    }

    private static byte[] write(CampaignStore store) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SessionReportWriter.write(store, CAMPAIGN, ReportQuery.all(), out);
        return out.toByteArray();
    }

    private static List<CSVRecord> parse(byte[] csv) throws IOException {
        return CSVFormat.RFC4180.parse(new StringReader(new String(csv, StandardCharsets.UTF_8))).getRecords();
    }

    @Test
    void theHeaderNamesTheSessionFieldsAroundTheContactsColumnsInFileOrder() throws IOException {
        List<CSVRecord> rows = parse(write(storeOf()));

        assertThat(rows).singleElement().satisfies(header -> assertThat(header.toList()).containsExactly(
                "session_id", "phone_number", "first_name", "note", "attempt", "outcome", "answered", "started_at",
                "ended_at", "duration_seconds", "transcript_summary", "extracted_data", "skip_reason"));
    }

    @Test
    void eachStreamedSessionIsOneRowInTheStoresOrder() throws IOException {
        Map<String, Object> extracted = new LinkedHashMap<>();
        extracted.put("interested", true);
        extracted.put("callback", "friday");
        CallSession reached = session("s-1", "+14155550100", 1, CallOutcome.COMPLETED,
                Map.of("first_name", "Ada", "note", "vip"), "Agreed to a demo", extracted);
        CallSession busy = session("s-2", "+14155550101", 2, CallOutcome.BUSY, Map.of("first_name", "Bob"), null, null);

        List<CSVRecord> rows = parse(write(storeOf(reached, busy)));

        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).toList()).containsExactly("s-1", "+14155550100", "Ada", "vip", "1", "completed", "true",
                "2026-06-01T13:01:00Z", "2026-06-01T13:01:42Z", "42", "Agreed to a demo",
                "{\"interested\":true,\"callback\":\"friday\"}", "");
        assertThat(rows.get(2).toList()).containsExactly("s-2", "+14155550101", "Bob", "", "2", "busy", "false",
                "2026-06-01T13:02:00Z", "2026-06-01T13:02:42Z", "42", "", "", "");
    }

    @Test
    void theStoreIsAskedForThisCampaignWithinTheQuerysBounds() {
        Instant from = Instant.parse("2026-06-01T00:00:00Z");
        Instant before = Instant.parse("2026-06-02T00:00:00Z");

        SessionReportWriter.write(storeOf(), CAMPAIGN, new ReportQuery(from, before), new ByteArrayOutputStream());

        assertThat(asked).containsExactly(7L, from.toString(), before.toString());
    }

    @Test
    void commasQuotesAndLineBreaksInsideACellAreQuotedAndReadBackIntact() throws IOException {
        String note = "line one\r\nline two, with comma";
        String summary = "She said \"call me later\", then\nhung up";

        byte[] csv = write(storeOf(withContext(Map.of("first_name", "O'Brien, Pat", "note", note), summary)));

        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).contains("\"She said \"\"call me later\"\", then\nhung up\"", "\"O'Brien, Pat\"");
        CSVRecord row = parse(csv).get(1);
        assertThat(row.get(2)).isEqualTo("O'Brien, Pat");
        assertThat(row.get(3)).isEqualTo(note);
        assertThat(row.get(10)).isEqualTo(summary);
        assertThat(parse(csv)).hasSize(2);
    }

    @Test
    void recordsEndWithCrLfAsRfc4180Says() {
        String text = new String(write(storeOf(withContext(Map.of(), "ok"))), StandardCharsets.UTF_8);

        assertThat(text).endsWith("\r\n");
        assertThat(text.split("\r\n", -1)).hasSize(3);
    }

    @Test
    void freeTextCellsStartingWithAFormulaCharacterAreNeutralisedButPhoneNumbersAreNot() throws IOException {
        CallSession session = withContext(Map.of("first_name", "=HYPERLINK(\"http://x\")", "note", "@SUM(A1)"),
                "+1 said yes");
        CallSession minus = session("s-2", "+14155550101", 1, CallOutcome.COMPLETED,
                Map.of("first_name", "-2+3", "note", "plain"), "-", null);

        List<CSVRecord> rows = parse(write(storeOf(session, minus)));

        assertThat(rows.get(1).get(1)).isEqualTo("+14155550100");
        assertThat(rows.get(1).get(2)).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(rows.get(1).get(3)).isEqualTo("'@SUM(A1)");
        assertThat(rows.get(1).get(10)).isEqualTo("'+1 said yes");
        assertThat(rows.get(2).get(1)).isEqualTo("+14155550101");
        assertThat(rows.get(2).get(2)).isEqualTo("'-2+3");
        assertThat(rows.get(2).get(3)).isEqualTo("plain");
        assertThat(rows.get(2).get(10)).isEqualTo("'-");
    }

    @Test
    void theReportIsUtf8() throws IOException {
        String name = "Zoë Ñúñez";
        String summary = "東京で会いましょう 👋";

        byte[] csv = write(storeOf(withContext(Map.of("first_name", name), summary)));

        String strict = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(csv)).toString();
        assertThat(strict).contains(name, summary);
        CSVRecord row = parse(csv).get(1);
        assertThat(row.get(2)).isEqualTo(name);
        assertThat(row.get(10)).isEqualTo(summary);
    }

    @Test
    void rowsReachTheOutputWhileTheStoreIsStillStreaming() {
        int total = 20_000;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] sessionsBeforeFirstByte = {-1};
        CampaignStore store = storeStreaming(sink -> {
            for (int i = 0; i < total; i++) {
                if (sessionsBeforeFirstByte[0] < 0 && out.size() > 0) {
                    sessionsBeforeFirstByte[0] = i;
                }
                sink.accept(session(String.format("s-%05d", i), "+14155550100", 1, CallOutcome.NO_ANSWER,
                        Map.of("first_name", "Contact " + i), "no answer", null));
            }
        });

        SessionReportWriter.write(store, CAMPAIGN, ReportQuery.all(), out);

        assertThat(sessionsBeforeFirstByte[0]).as("sessions streamed before the first byte was written")
                .isBetween(1, total / 10);
        assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8).split("\r\n")).hasSize(total + 1);
    }

    @Test
    void theOutputIsFlushedButLeftOpenForTheHost() {
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        SessionReportWriter.write(storeOf(withContext(Map.of(), "ok")), CAMPAIGN, ReportQuery.all(), out);

        assertThat(closed[0]).isFalse();
        assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).startsWith("session_id,")
                .contains("s-1,+14155550100");
    }

    @Test
    void anOutputThatFailsIsFilesUnavailableNamingTheCampaign() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("connection reset by client");
            }
        };
        List<CallSession> many = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            many.add(withContext(Map.of("note", "x".repeat(50)), "summary"));
        }

        assertThatThrownBy(() -> SessionReportWriter.write(storeOf(many.toArray(CallSession[]::new)), CAMPAIGN,
                ReportQuery.all(), broken))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FILES_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("campaign 7", "connection reset by client");
                });
    }
}
