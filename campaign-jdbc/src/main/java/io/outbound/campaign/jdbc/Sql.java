package io.outbound.campaign.jdbc;

import java.util.Locale;
import java.util.Set;

/**
 * The statements of the store, each a classpath resource of one statement with named parameters
 * ({@link NamedSql}): {@code io/outbound/campaign/jdbc/sql/<name>.sql}, where the name is the constant's in lower
 * case with hyphens ({@link #CAMPAIGN_LOCK} is {@code campaign-lock.sql}). A dialect overrides a statement where
 * its database differs with {@code sql/<dialect>/<name>.sql} ({@code sql/postgresql/session-lock-own.sql} adds
 * {@code SKIP LOCKED}). A statement only some dialects run (their claim, import and locking steps) names them, and
 * has a file in each of their folders and none shared.
 */
enum Sql {
    ACTIVITY_BOUNDS,
    ACTIVITY_ENDED,
    ACTIVITY_IN_FLIGHT_COUNTED_AFTER,
    ACTIVITY_IN_FLIGHT_COUNTED_BEFORE,
    ACTIVITY_STARTED,
    CAMPAIGN_COUNT,
    CAMPAIGN_COUNT_BY_STATUS,
    CAMPAIGN_FIND,
    CAMPAIGN_FIND_BY_SESSION,
    CAMPAIGN_FIND_BY_SESSIONS,
    CAMPAIGN_FIND_PROGRESS,
    CAMPAIGN_INSERT,
    CAMPAIGN_LIST,
    CAMPAIGN_LIST_BY_STATUS,
    CAMPAIGN_LOCK,
    CAMPAIGN_RUNNING,
    CAMPAIGN_SESSION_COUNT,
    CAMPAIGN_SHARD_INSERT,
    CAMPAIGN_SHARD_MOVE,
    CAMPAIGN_SHARD_SUMS,
    CAMPAIGN_SHARD_SUMS_OF,
    CAMPAIGN_WRITE_CHANGE,
    CAMPAIGN_WRITE_CLAIMED,
    CAMPAIGN_WRITE_COUNTERS,
    CAMPAIGN_WRITE_IMPORT,
    CAMPAIGN_WRITE_RETURNED,
    CONTACT_CANDIDATES_DUE,
    CONTACT_CANDIDATES_DUE_IN_ZONES,
    CONTACT_CANDIDATES_FRESH,
    CONTACT_CANDIDATES_FRESH_IN_ZONES,
    CONTACT_COPY("postgresql"),
    CONTACT_COUNT_WAITING,
    CONTACT_COUNT_WAITING_NO_ZONE_CLOSED,
    CONTACT_INSERT("h2"),
    CONTACT_LOCK,
    CONTACT_MARK_CLAIMED,
    CONTACT_NEXT_RETRY,
    CONTACT_PUT_BACK,
    CONTACT_REDIAL,
    CONTACT_SKIPPED,
    CONTACT_WRITE,
    CONTACTS_ANALYZE("postgresql"),
    DIAL_PACING_ENSURE("h2"),
    DIAL_PACING_LOCK("h2", "postgresql"),
    DIAL_PACING_WRITE,
    ORG_HELD_NUMBERS,
    ORG_SLOTS_ENSURE("h2"),
    ORG_SLOTS_LOCK("h2", "postgresql"),
    SCHEMA_LOCK("postgresql"),
    SCHEMA_VERSION_RECORD,
    SCHEMA_VERSIONS_FLYWAY,
    SCHEMA_VERSIONS_INSTALLED,
    SESSION_CAMPAIGN_OF_UNDIALLED,
    SESSION_DELETE,
    SESSION_DIALS,
    SESSION_END,
    SESSION_ENDED,
    SESSION_EXPIRED_CAMPAIGNS,
    SESSION_FIND,
    SESSION_HAND_OVER,
    SESSION_HAND_OVER_UNLESS_SUPPRESSED,
    SESSION_HANDED_OVER,
    SESSION_INSERT,
    SESSION_LOCK,
    SESSION_LOCK_ALL_WITH_CONTACTS,
    SESSION_LOCK_EXPIRED,
    SESSION_LOCK_OWN,
    SESSION_LOCK_UNDIALLED,
    SESSION_LOCK_UNDIALLED_OF_CAMPAIGN,
    SESSION_PREVIOUS,
    SESSION_RENEW_LEASE,
    SUPPRESSION_ADD("h2", "postgresql"),
    SUPPRESSION_COUNT,
    SUPPRESSION_FIND,
    SUPPRESSION_FIND_ANY,
    SUPPRESSION_PAGE,
    SUPPRESSION_REMOVE,
    ZONE_ADVANCE,
    ZONE_INSERT,
    ZONE_LOWER,
    ZONE_READ;

    private final Set<String> dialects;

    Sql(String... dialects) {
        this.dialects = Set.of(dialects);
    }

    /** The statement's resource name, without folder or extension. */
    String resourceName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the dialect of folder {@code directory} runs this statement. */
    boolean appliesTo(String directory) {
        return dialects.isEmpty() || dialects.contains(directory);
    }

    /** Whether only some dialects run it, each from its own folder. */
    boolean dialectOnly() {
        return !dialects.isEmpty();
    }
}
