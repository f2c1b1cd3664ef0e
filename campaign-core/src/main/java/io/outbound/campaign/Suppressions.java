package io.outbound.campaign;

import java.util.Optional;

/**
 * An organisation's suppression list: numbers it must not call (they opted out, or the host was told not to).
 * Every claim of every campaign that {@linkplain ContactRules#respectSuppression() respects suppression} checks it,
 * on every node, and so does the handover of each claimed call just before it is dialled, so a number added
 * mid-campaign is never dialled afterwards (not even a call claimed before it was added and still waiting for a dial
 * place): its contact becomes final as {@code skipped}. A call reported with {@link CallResult#optOut()} adds its number in the same store operation as
 * the outcome.
 *
 * <p>Numbers are E.164 as written in contact files: {@code +} then digits, valid by libphonenumber's rules,
 * without a national prefix. Anything else is {@code VALIDATION_FAILED} naming {@code phone_number}.
 */
public interface Suppressions {

    /**
     * Adds a number; one already on the list keeps its first entry.
     *
     * @param reason why, or {@code null}; at most {@value Suppression#MAX_REASON_CHARS} characters
     * @return the number's entry as stored (the earlier one when it was already there)
     * @throws CampaignException {@code VALIDATION_FAILED} naming {@code phone_number} or {@code reason}
     */
    Suppression add(String orgId, String phoneNumber, String reason);

    /**
     * Takes a number off the list; contacts already skipped for it stay skipped.
     *
     * @return whether it was on the list
     */
    boolean remove(String orgId, String phoneNumber);

    /** The number's entry, if it is on the list. */
    Optional<Suppression> find(String orgId, String phoneNumber);

    /** Whether the number is on the list. */
    default boolean contains(String orgId, String phoneNumber) {
        return find(orgId, phoneNumber).isPresent();
    }

    /** One page of the list, ordered by number. */
    Page<Suppression> list(String orgId, PageRequest page);

    /**
     * Adds every number of a CSV file in the {@code FileStore}: a {@code phone_number} column and, optionally, a
     * {@code reason} column. The file is read as a contacts file is, with the same limits and the same rules for
     * bad rows: a bad or duplicate row is reported in the summary and skipped, the rest go on; a file unusable as a
     * whole ({@code CONTACTS_REJECTED}) adds nothing, since the file is checked through before any number is added.
     *
     * @return what became of the rows ({@code accepted}: numbers read, whether or not already on the list)
     */
    ImportSummary importFile(String orgId, String fileKey);
}
