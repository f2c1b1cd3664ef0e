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
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Streams a campaign's report: one CSV row per ended call session, straight from the store's cursor to
 * the output, never holding the sessions in memory. Columns: {@code session_id, phone_number}, the
 * contact's columns in file order, then {@code attempt, outcome, answered, started_at, ended_at,
 * duration_seconds, transcript_summary, extracted_data} (JSON).
 */
public final class SessionReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionReportWriter() {
    }

    /** Writes the report; flushes but does not close {@code out}. */
    public static void write(CampaignStore store, Campaign campaign, ReportQuery query, OutputStream out) {
        List<String> header = new ArrayList<>();
        header.add("session_id");
        header.add("phone_number");
        for (String column : campaign.contactColumns()) {
            header.add(CsvCells.text(column));
        }
        header.addAll(List.of("attempt", "outcome", "answered", "started_at", "ended_at", "duration_seconds",
                "transcript_summary", "extracted_data"));
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        try {
            CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
            printer.printRecord(header);
            List<String> columns = campaign.contactColumns();
            List<Object> row = new ArrayList<>(header.size());
            store.forEachEndedSession(campaign.id(), query.startDate(), query.endDate(), session -> {
                row.clear();
                row.add(session.sessionId());
                row.add(session.phoneNumber());
                for (String column : columns) {
                    row.add(CsvCells.text(session.initialContext().get(column)));
                }
                row.add(session.attempt());
                row.add(session.outcome() == null ? "" : session.outcome().json());
                row.add(session.answered());
                row.add(session.startedAt() == null ? "" : session.startedAt().toString());
                row.add(session.endedAt() == null ? "" : session.endedAt().toString());
                row.add(session.durationSeconds() == null ? "" : session.durationSeconds());
                row.add(CsvCells.text(session.transcriptSummary()));
                row.add(CsvCells.text(extracted(session)));
                try {
                    printer.printRecord(row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            printer.flush();
        } catch (IOException | UncheckedIOException e) {
            throw new CampaignException(ErrorCode.FILES_UNAVAILABLE,
                    "writing the report of campaign " + campaign.id() + " failed: " + e.getMessage(), List.of(), e);
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
