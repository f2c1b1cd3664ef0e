package io.outbound.campaign.internal.importer;

/**
 * How an import resolves each contact's local-time facts: the CSV column that may name its zone, and the
 * resolver from a number and that column's value to the facts' key (as {@code ContactZone#key()} writes it).
 * Contacts with equal keys share one entry of the campaign's zones.
 *
 * @param timezoneColumn the column named by {@code contact_rules.timezone_column}, or {@code null}
 * @param resolver       the key of a contact's local-time facts
 */
public record ContactZoning(String timezoneColumn, Resolver resolver) {

    /** The key of a contact's local-time facts from its E.164 number and its zone column's value (or null). */
    @FunctionalInterface
    public interface Resolver {
        String keyOf(String e164, String timezoneValue);
    }

    /** Every contact in one zone, with the empty key: for imports that resolve nothing. */
    public static final ContactZoning NONE = new ContactZoning(null, (number, zone) -> "");
}
