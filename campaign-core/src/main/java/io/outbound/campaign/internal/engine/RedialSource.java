package io.outbound.campaign.internal.engine;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.FileStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a redial campaign's source CSV: the parent's header, then each contact never reached whose
 * last outcome is asked for, in the parent's file order. It spools through a temporary file so that
 * neither the contacts nor the CSV are ever held in memory, then puts it in the file store.
 */
final class RedialSource {
    private RedialSource() {
    }

    /** Writes the CSV under the key and returns how many contacts it holds. */
    static long write(CampaignStore store, FileStore files, Campaign parent, Set<CallOutcome> statuses, String key) {
        Path spool = null;
        try {
            spool = Files.createTempFile("campaign-redial-", ".csv");
            long[] count = {0};
            try (BufferedWriter writer = Files.newBufferedWriter(spool, StandardCharsets.UTF_8);
                 CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180)) {
                List<String> header = new ArrayList<>();
                header.add("phone_number");
                header.addAll(parent.contactColumns());
                printer.printRecord(header);
                List<String> row = new ArrayList<>(header.size());
                store.forEachRedialContact(parent.id(), statuses, contact -> {
                    row.clear();
                    row.add(contact.phoneNumber());
                    row.addAll(contact.values());
                    try {
                        printer.printRecord(row);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    count[0]++;
                });
            }
            try (InputStream in = Files.newInputStream(spool)) {
                files.put(key, in);
            }
            return count[0];
        } catch (IOException | UncheckedIOException e) {
            IOException cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
            // A file-system exception's message names the spool's absolute path; its reason does not.
            String reason = cause instanceof FileSystemException fileSystem && fileSystem.getReason() != null
                    ? fileSystem.getReason() : cause.getClass().getSimpleName();
            throw new CampaignException(ErrorCode.FILES_UNAVAILABLE,
                    "writing the redial source '" + key + "' failed: " + reason, List.of(), e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }
}
