package io.outbound.campaign.spi;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ImportSummary;
import java.util.List;

/**
 * The accepted contacts of a campaign being created, streamed to the store in batches so that no
 * store ever holds a whole file in memory. A store drains it exactly once, inside the same atomic
 * operation that creates the campaign.
 */
public interface ContactSource {

    /**
     * Streams the accepted contacts, in file order, to the sink in batches, and returns the columns and
     * the import summary. The sink is called on the thread that called this method, so a store's transaction
     * and connection stay on it.
     *
     * @throws CampaignException {@code CONTACTS_REJECTED} when the file as a whole cannot be imported (the
     *                           store must then store nothing), {@code NOT_FOUND} when the file is missing
     */
    ImportResult drainTo(Sink sink);

    /** Receives the batches. */
    @FunctionalInterface
    interface Sink {
        /**
         * One batch of contacts, in file order. The list is not retained by the caller after the call.
         *
         * @param contacts the batch
         */
        void accept(List<ImportedContact> contacts);
    }

    /**
     * What the import produced besides the contacts.
     *
     * @param columns the columns other than {@code phone_number}, in file order
     * @param summary what became of the rows
     * @param zones   the distinct local-time facts of the contacts (each contact names its index here), as
     *                {@code io.outbound.campaign.Campaign#contactZones()} keeps them; empty when not resolved
     */
    record ImportResult(List<String> columns, ImportSummary summary, List<String> zones) {
        public ImportResult {
            columns = List.copyOf(columns);
            zones = List.copyOf(zones);
        }

        /** A result without resolved zones. */
        public ImportResult(List<String> columns, ImportSummary summary) {
            this(columns, summary, List.of());
        }
    }
}
