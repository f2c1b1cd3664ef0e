package io.outbound.campaign.internal.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.ReportQuery;
import io.outbound.campaign.spi.CampaignStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * Streams a campaign's report: one CSV row per ended call session, straight from the store's cursor to
 * the output, never holding the sessions in memory. Columns: {@code session_id, phone_number}, the
 * contact's columns in file order, then {@code attempt, outcome, answered, started_at, ended_at,
 * duration_seconds, transcript_summary, extracted_data} (JSON), {@code skip_reason}. After the sessions, when the
 * query bounds no dates, one row per contact the campaign's contact rules skipped: no session id, attempt 0, outcome
 * {@code skipped}, and the rule in {@code skip_reason}.
 */
public final class SessionReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionReportWriter() {
    }

    /** Writes the report; flushes but does not close {@code out}. */
    public static void write(CampaignStore store, Campaign campaign, ReportQuery query, OutputStream out) {
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        Records csv = new Records(writer);
        List<String> columns = campaign.contactColumns();
        try {
            for (String name : List.of("session_id", "phone_number")) {
                csv.cell(name);
            }
            for (String column : columns) {
                csv.text(column);
            }
            for (String name : List.of("attempt", "outcome", "answered", "started_at", "ended_at", "duration_seconds",
                    "transcript_summary", "extracted_data", "skip_reason")) {
                csv.cell(name);
            }
            csv.end();
            store.forEachEndedSession(campaign.id(), query.startDate(), query.endDate(), session -> {
                try {
                    csv.cell(session.sessionId());
                    csv.cell(session.phoneNumber());
                    for (String column : columns) {
                        csv.text(session.initialContext().get(column));
                    }
                    csv.cell(session.attempt());
                    csv.cell(session.outcome() == null ? "" : session.outcome().json());
                    csv.cell(session.answered());
                    csv.cell(session.startedAt() == null ? "" : session.startedAt().toString());
                    csv.cell(session.endedAt() == null ? "" : session.endedAt().toString());
                    csv.cell(session.durationSeconds() == null ? "" : session.durationSeconds());
                    csv.text(session.transcriptSummary());
                    csv.text(extracted(session));
                    csv.cell("");
                    csv.end();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (query.startDate() == null && query.endDate() == null) {
                store.forEachSkippedContact(campaign.id(), contact -> {
                    try {
                        csv.cell("");
                        csv.cell(contact.phoneNumber());
                        for (int i = 0; i < columns.size(); i++) {
                            csv.text(i < contact.values().size() ? contact.values().get(i) : "");
                        }
                        csv.cell(0);
                        csv.cell("skipped");
                        csv.cell(false);
                        for (int i = 0; i < 5; i++) {
                            csv.cell("");
                        }
                        csv.text(contact.reason());
                        csv.end();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            writer.flush();
        } catch (IOException | UncheckedIOException e) {
            throw new CampaignException(ErrorCode.FILES_UNAVAILABLE,
                    "writing the report of campaign " + campaign.id() + " failed: " + e.getMessage(), List.of(), e);
        }
    }

    /**
     * Writes records cell by cell, so that each cell gets the quoting it needs: RFC 4180's minimal quoting for
     * values the engine made, and for free text {@link CsvCells}'s neutralisation plus quotes whenever it holds a
     * separator of any locale.
     */
    private static final class Records {
        private static final CSVFormat MINIMAL = CSVFormat.RFC4180;
        private static final CSVFormat QUOTED = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).get();

        private final Appendable out;
        private boolean newRecord = true;

        Records(Appendable out) {
            this.out = out;
        }

        /** A value the engine made or validated: an id, a phone number, a count, an instant. */
        void cell(Object value) throws IOException {
            MINIMAL.print(value, out, newRecord);
            newRecord = false;
        }

        /** Free text from a contacts file or a call. */
        void text(String value) throws IOException {
            String safe = CsvCells.text(value);
            (CsvCells.alwaysQuoted(safe) ? QUOTED : MINIMAL).print(safe, out, newRecord);
            newRecord = false;
        }

        void end() throws IOException {
            MINIMAL.println(out);
            newRecord = true;
        }
    }

    private static String extracted(CallSession session) {
        if (session.extractedData() == null) {
            return "";
        }
        try {
            return JSON.writeValueAsString(session.extractedData());
        } catch (JsonProcessingException e) {
            return "";
        }
    }
}
