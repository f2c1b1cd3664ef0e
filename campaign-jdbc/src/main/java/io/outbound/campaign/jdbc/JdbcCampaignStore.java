package io.outbound.campaign.jdbc;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.Page;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.Suppression;
import io.outbound.campaign.WaitingContacts;
import io.outbound.campaign.rules.CallRules;
import io.outbound.campaign.spi.CampaignChange;
import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.ClaimRequest;
import io.outbound.campaign.spi.ClaimResult;
import io.outbound.campaign.spi.ContactSource;
import io.outbound.campaign.spi.HandOverRequest;
import io.outbound.campaign.spi.HandOverResult;
import io.outbound.campaign.spi.NewCampaign;
import io.outbound.campaign.spi.OutcomeReport;
import io.outbound.campaign.spi.RecordResult;
import io.outbound.campaign.spi.SessionActivity;
import io.outbound.campaign.spi.SessionQuery;
import io.outbound.campaign.spi.SkippedContact;
import io.outbound.campaign.spi.StoredContact;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import javax.sql.DataSource;

/**
 * A {@link CampaignStore} on a relational database reached through the host's {@link DataSource}: PostgreSQL
 * 13 and later (the way to run several engine nodes on one database) or H2 2.x (the embedded default).
 *
 * <pre>{@code
 * CampaignStore store = JdbcCampaignStore.builder(dataSource)
 *     .createSchemaIfMissing(true)   // or migrate with Flyway: FLYWAY_HISTORY_TABLE, flywayLocation(...)
 *     .build();
 * }</pre>
 *
 * <p>Every operation is one transaction, and what it does is decided by core's rules
 * ({@link io.outbound.campaign.rules.CallRules}, {@link io.outbound.campaign.rules.CampaignLifecycle}); this store
 * persists the decisions. Rows are locked in one order (campaign, organisation, then sessions and contacts in
 * session id order, then counter shards in campaign and shard order), so operations do not deadlock. Claims take
 * the campaign's row and the organisation's row, and count the campaign's totals and the organisation's
 * sessions in flight under those locks, so caps hold across any number of nodes. Outcomes lock only their
 * sessions and contacts and move the counters through the campaign's counter shards, unless they may change
 * the campaign's status (then they take its row first); several outcomes arriving together are written in one
 * transaction ({@link #recordOutcomes}). {@link #handOver} locks only the sessions it marks dialled and, when
 * paced, its configuration's {@code dial_pacing} row; a campaign leaving {@code running} deletes its undialled
 * sessions under the same row locks, so a handover and a pause are ordered by whichever commits first. Progress
 * reads the campaign's row and its shard rows. The schema ships per dialect as
 * {@code io/outbound/campaign/jdbc/<dialect>/V1__campaign_schema.sql}, and every statement the store runs as a
 * resource of its own with named parameters, {@code io/outbound/campaign/jdbc/sql/<name>.sql}, overridden by
 * {@code sql/<dialect>/<name>.sql} where the database differs; all are read when the store is built.
 *
 * <p>On H2, give the URL a lock timeout long enough for claims and outcomes of several threads to queue behind
 * one another (for example {@code jdbc:h2:file:./campaigns;LOCK_TIMEOUT=10000}). On PostgreSQL, size each
 * node's pool for its dispatcher, its outcome callbacks and its queries (a handful of connections per node
 * is plenty); {@code max_connections} must cover every node's pool.
 *
 * <p>The store expects the database's default isolation, READ COMMITTED. A {@link SQLException} surfaces as
 * {@code STORE_UNAVAILABLE} after the transaction was rolled back. When a commit fails in a way that leaves its
 * fate unknown, {@link #claim} and {@link #createCampaign} look on a new connection and return their result if it
 * did commit; {@link #recordOutcome} is idempotent per session, so its caller retries and gets
 * {@code DUPLICATE}; and a claim that committed while the database could not be asked is closed by lease
 * recovery once {@link Builder#maxCallDuration} has passed.
 */
public final class JdbcCampaignStore implements CampaignStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcCampaignStore.class);

    /** The version of the campaign schema this code reads and writes. */
    public static final int SCHEMA_VERSION = 1;
    /**
     * The Flyway history table of the campaign schema: its own, so that its versions never meet the host's
     * ({@code flyway_schema_history}, with its own {@code V1}).
     */
    public static final String FLYWAY_HISTORY_TABLE = "campaign_schema_history";

    /** Schema creation is off unless asked for: production schemas are usually migrated by the host. */
    public static final boolean DEFAULT_CREATE_SCHEMA_IF_MISSING = false;
    /** Rows fetched per round trip when streaming reports and redial contacts. */
    public static final int DEFAULT_FETCH_SIZE = 500;
    /** Leases of calls in flight longer than this are no longer renewed: see {@link Builder#maxCallDuration}. */
    public static final Duration DEFAULT_MAX_CALL_DURATION = Duration.ofHours(4);

    private final JdbcDialect dialect;
    private final SqlStatements sql;
    private final Duration maxCallDuration;
    private final Transactions transactions;
    private final CampaignTable campaigns;
    private final SessionTable sessions;
    private final ContactImport imports;
    private final ContactClaims claims;
    private final OutcomeRecorder outcomes;
    private final SessionLeases leases;
    private final SessionQueries queries;
    private final ActivityCounts activity;
    private final Handovers handovers;
    private final UndialledReturns returns;
    private final SuppressionTable suppressions;
    private final int fetchSize;

    private JdbcCampaignStore(Builder builder, JdbcDialect dialect) {
        this.dialect = dialect;
        // Every statement is read and parsed here, so that a missing or broken resource fails the build.
        this.sql = dialect.statements();
        this.maxCallDuration = builder.maxCallDuration;
        this.transactions = new Transactions(builder.dataSource);
        this.campaigns = new CampaignTable(dialect);
        this.sessions = new SessionTable(dialect);
        ContactTable contacts = new ContactTable(dialect);
        ZonePointers zones = new ZonePointers(sql);
        this.suppressions = new SuppressionTable(dialect);
        this.fetchSize = builder.fetchSize;
        this.imports = new ContactImport(dialect, campaigns, zones);
        this.claims = new ContactClaims(dialect, campaigns, sessions,
                new ContactPicker(dialect, contacts, suppressions, zones));
        this.returns = new UndialledReturns(dialect, campaigns, zones);
        this.outcomes = new OutcomeRecorder(campaigns, sessions, contacts, returns, suppressions);
        this.leases = new SessionLeases(dialect, campaigns, sessions, contacts, returns);
        this.handovers = new Handovers(dialect);
        this.queries = new SessionQueries(dialect, sessions, builder.fetchSize);
        this.activity = new ActivityCounts(dialect);
    }

    /**
     * Starts building a store on the host's data source.
     *
     * @throws NullPointerException when {@code dataSource} is null
     */
    /**
     * The Flyway location of the dialect's migrations, for example
     * {@code Flyway.configure().dataSource(ds).locations(flywayLocation("postgresql")).table(FLYWAY_HISTORY_TABLE)
     * .baselineOnMigrate(true).baselineVersion("0").load().migrate()}: {@code classpath:io/outbound/campaign/jdbc/}
     * and the dialect.
     *
     * @param dialect {@code postgresql} or {@code h2}
     * @throws IllegalArgumentException for another dialect
     */
    public static String flywayLocation(String dialect) {
        if (!"postgresql".equals(dialect) && !"h2".equals(dialect)) {
            throw new IllegalArgumentException("dialect must be postgresql or h2, was '" + dialect + "'");
        }
        return "classpath:io/outbound/campaign/jdbc/" + dialect;
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource must not be null"));
    }

    /** The dialect in use, given or detected. */
    public JdbcDialect dialect() {
        return dialect;
    }

    @Override
    public Campaign createCampaign(NewCampaign campaign, ContactSource contacts) {
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(contacts, "contacts");
        Campaign created = transactions.inTransaction("creating campaign '" + campaign.name() + "'",
                c -> imports.create(c, campaign, contacts),
                (fresh, stored) -> campaigns.find(fresh, stored.orgId(), stored.id()).isPresent());
        if (created.progress().totalContacts() > 0) {
            // After the commit, so that the statistics see the rows; the campaign is stored whatever happens here.
            try {
                transactions.inTransaction("analyzing the contacts of campaign " + created.id(), c -> {
                    dialect.analyzeContacts(c);
                    return null;
                });
            } catch (RuntimeException e) {
                log.warn("could not refresh the statistics of campaign_contacts after importing campaign {}; claims"
                        + " may read more rows than they need until the database's own analyze runs",
                        created.id(), e);
            }
        }
        return created;
    }

    @Override
    public Optional<Campaign> findCampaign(String orgId, long campaignId) {
        return transactions.read("reading campaign " + campaignId, c -> campaigns.find(c, orgId, campaignId));
    }

    @Override
    public Optional<CampaignProgress> findProgress(String orgId, long campaignId) {
        return transactions.read("reading the progress of campaign " + campaignId,
                c -> campaigns.findProgress(c, orgId, campaignId));
    }

    @Override
    public Page<Campaign> listCampaigns(String orgId, PageRequest page) {
        return listCampaigns(orgId, null, page);
    }

    @Override
    public Page<Campaign> listCampaigns(String orgId, Set<CampaignStatus> statuses, PageRequest page) {
        if (statuses != null && statuses.isEmpty()) {
            return new Page<>(List.of(), page.page(), page.limit(), 0);
        }
        List<String> bound = statuses == null ? List.of() : statusParameters(statuses);
        return transactions.read("listing campaigns of organisation '" + orgId + "'", c -> {
            long total;
            try (BoundStatement count = statuses == null ? sql.prepare(c, Sql.CAMPAIGN_COUNT)
                    : sql.prepare(c, Sql.CAMPAIGN_COUNT_BY_STATUS, "statuses", bound.size())) {
                bindOrgAndStatuses(count, orgId, statuses == null ? null : bound);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    total = row.getLong(1);
                }
            }
            List<Campaign> items = campaigns.list(c, statuses == null ? Sql.CAMPAIGN_LIST : Sql.CAMPAIGN_LIST_BY_STATUS,
                    statuses == null ? null : "statuses", bound.size(), s -> {
                        bindOrgAndStatuses(s, orgId, statuses == null ? null : bound);
                        s.setLong("offset", page.offset()).setInt("limit", page.limit());
                    });
            return new Page<>(items, page.page(), page.limit(), total);
        });
    }

    /**
     * The values of the list parameter {@code :statuses} of {@code campaign-list-by-status.sql}: the statuses'
     * column values, the first repeated to fill one per status, so that one statement serves every filter.
     */
    static List<String> statusParameters(Set<CampaignStatus> statuses) {
        List<String> values = new ArrayList<>(statuses.stream().sorted().map(CampaignStatus::name).toList());
        while (values.size() < CampaignStatus.values().length) {
            values.add(values.get(0));
        }
        return values;
    }

    /** Binds the organisation and then the statuses, unless {@code null}. */
    private static void bindOrgAndStatuses(BoundStatement statement, String orgId, List<String> statuses)
            throws SQLException {
        statement.set("orgId", orgId);
        if (statuses != null) {
            statement.setList("statuses", statuses);
        }
    }

    @Override
    public Campaign updateCampaign(String orgId, long campaignId, Function<Campaign, CampaignChange> change) {
        Objects.requireNonNull(change, "change");
        return transactions.inTransaction("updating campaign " + campaignId, c -> {
            CampaignTable.Locked locked = campaigns.lock(c, campaignId)
                    .filter(l -> l.campaign().orgId().equals(orgId))
                    .orElseThrow(() -> CampaignException.campaignNotFound(orgId, campaignId));
            Campaign current = locked.campaign();
            CampaignChange written = Objects.requireNonNull(change.apply(current), "the change returned null");
            if (!written.changes(current)) {
                return current;
            }
            campaigns.writeChange(c, campaignId, written);
            Campaign stored = written.applyTo(current);
            if (current.status() == CampaignStatus.RUNNING && stored.status() != CampaignStatus.RUNNING) {
                // Leaving running: no node may hand over a dial of the campaign once this commits.
                stored = returns.returnAll(c, locked, stored, locked.consecutiveFailures()).campaign();
            }
            return stored;
        });
    }

    @Override
    public List<Campaign> runningCampaigns() {
        return transactions.read("listing running campaigns",
                c -> campaigns.list(c, Sql.CAMPAIGN_RUNNING, null, 0, s -> { }));
    }

    @Override
    public ClaimResult claim(ClaimRequest request) {
        // A claim whose commit failed but happened must reach the caller, or its sessions would be held by a
        // node that never dials them.
        return transactions.inTransaction("claiming contacts of campaign " + request.campaignId(),
                c -> claims.claim(c, request),
                (fresh, result) -> !result.calls().isEmpty()
                        && sessions.find(fresh, result.calls().get(0).sessionId(), false).isPresent());
    }

    @Override
    public RecordResult recordOutcome(OutcomeReport report) {
        return transactions.inTransaction("recording the outcome of session '" + report.sessionId() + "'",
                c -> outcomes.record(c, report));
    }

    @Override
    public Map<String, RecordResult> recordOutcomes(List<OutcomeReport> reports) {
        Objects.requireNonNull(reports, "reports");
        if (reports.isEmpty()) {
            return Map.of();
        }
        List<OutcomeReport> copy = List.copyOf(reports);
        return transactions.inTransaction("recording " + copy.size() + " outcomes", c -> outcomes.recordAll(c, copy));
    }

    @Override
    public HandOverResult handOver(HandOverRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.sessionIds().isEmpty() && request.pacing() == null) {
            return new HandOverResult(List.of(), null);
        }
        // A handover whose commit failed but happened must reach the caller, or its sessions would never be dialled.
        return transactions.inTransaction("handing over " + request.sessionIds().size() + " sessions",
                c -> handovers.handOver(c, request),
                (fresh, result) -> handovers.committed(fresh, request, result));
    }

    @Override
    public int returnUndialled(Collection<String> sessionIds) {
        Objects.requireNonNull(sessionIds, "sessionIds");
        if (sessionIds.isEmpty()) {
            return 0;
        }
        List<String> ids = new java.util.ArrayList<>(sessionIds);
        return transactions.inTransaction("returning " + ids.size() + " undialled sessions",
                c -> returns.returnSessions(c, ids));
    }

    @Override
    public int renewLeases(String nodeId, Instant leaseUntil) {
        return transactions.inTransaction("renewing the leases of node '" + nodeId + "'",
                c -> leases.renew(c, nodeId, leaseUntil, leaseUntil.minus(maxCallDuration)));
    }

    @Override
    public int recoverExpiredSessions(Instant now, int max) {
        if (max <= 0) {
            return 0;
        }
        List<Long> campaignIds = transactions.read("finding expired leases",
                c -> leases.campaignsWithExpiredLeases(c, now));
        int recovered = 0;
        for (long campaignId : campaignIds) {
            if (recovered >= max) {
                break;
            }
            int left = max - recovered;
            recovered += transactions.inTransaction("recovering expired sessions of campaign " + campaignId,
                    c -> leases.recover(c, campaignId, now, left));
        }
        return recovered;
    }

    @Override
    public int addSuppressions(String orgId, List<Suppression> list) {
        Objects.requireNonNull(orgId, "orgId");
        List<Suppression> copy = List.copyOf(list);
        if (copy.isEmpty()) {
            return 0;
        }
        return transactions.inTransaction("adding " + copy.size() + " suppressions of organisation '" + orgId + "'",
                c -> suppressions.add(c, orgId, copy));
    }

    @Override
    public boolean removeSuppression(String orgId, String phoneNumber) {
        return transactions.inTransaction("removing a suppression of organisation '" + orgId + "'",
                c -> suppressions.remove(c, orgId, phoneNumber));
    }

    @Override
    public Optional<Suppression> findSuppression(String orgId, String phoneNumber) {
        return transactions.read("reading a suppression of organisation '" + orgId + "'",
                c -> suppressions.find(c, orgId, phoneNumber));
    }

    @Override
    public Page<Suppression> suppressions(String orgId, PageRequest page) {
        Objects.requireNonNull(page, "page");
        return transactions.read("listing suppressions of organisation '" + orgId + "'",
                c -> suppressions.page(c, orgId, page));
    }

    /**
     * One pass over the campaign's waiting contacts (pending or waiting for a due instant) by its primary key: the
     * closed zones' pending ones, and the notes of those waiting for an instant.
     */
    @Override
    public WaitingContacts countWaiting(long campaignId, Set<Integer> closedZones) {
        List<Integer> zones = closedZones.stream().sorted().toList();
        return transactions.read("counting waiting contacts of campaign " + campaignId, c -> {
            try (BoundStatement count = zones.isEmpty() ? sql.prepare(c, Sql.CONTACT_COUNT_WAITING_NO_ZONE_CLOSED)
                    : sql.prepare(c, Sql.CONTACT_COUNT_WAITING, "closedZones", zones.size())) {
                if (!zones.isEmpty()) {
                    count.setList("closedZones", zones);
                }
                count.set("hoursNote", CallRules.OUTSIDE_LOCAL_HOURS)
                        .set("limitNotePattern", CallRules.ATTEMPT_LIMIT_NOTE + "%").setLong("campaignId", campaignId);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return new WaitingContacts(row.getLong("hours"), row.getLong("limits"), null);
                }
            }
        });
    }

    @Override
    public void forEachSkippedContact(long campaignId, Consumer<SkippedContact> sink) {
        transactions.inTransaction("reading skipped contacts of campaign " + campaignId, c -> {
            try (BoundStatement select = sql.prepare(c, Sql.CONTACT_SKIPPED)) {
                select.fetchSize(fetchSize).setLong("campaignId", campaignId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(new SkippedContact(rows.getLong("seq"), rows.getString("phone_number"),
                                rows.getString("note"), JsonColumns.strings(rows.getString("contact_values"))));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public Optional<CallSession> findSession(String sessionId) {
        return transactions.read("reading session '" + sessionId + "'",
                c -> sessions.find(c, sessionId, false).map(SessionTable.Stored::session));
    }

    @Override
    public Page<CallSession> sessions(long campaignId, SessionQuery query) {
        Objects.requireNonNull(query, "query");
        return transactions.read("querying sessions of campaign " + campaignId,
                c -> queries.page(c, campaignId, query));
    }

    @Override
    public SessionActivity sessionActivity(long campaignId, Instant from, Instant to, Duration bucket, int buckets) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(bucket, "bucket");
        return transactions.read("reading the activity of campaign " + campaignId,
                c -> activity.read(c, campaignId, from, to, bucket, buckets));
    }

    @Override
    public void forEachEndedSession(long campaignId, Instant startedFrom, Instant startedBefore,
                                    Consumer<CallSession> sink) {
        transactions.inTransaction("reading ended sessions of campaign " + campaignId, c -> {
            queries.forEachEnded(c, campaignId, startedFrom, startedBefore, sink);
            return null;
        });
    }

    @Override
    public void forEachRedialContact(long campaignId, Set<CallOutcome> lastOutcomes, Consumer<StoredContact> sink) {
        Set<CallOutcome> outcomes = Set.copyOf(lastOutcomes);
        transactions.inTransaction("reading redial contacts of campaign " + campaignId, c -> {
            queries.forEachRedial(c, campaignId, outcomes, sink);
            return null;
        });
    }

    @Override
    public String toString() {
        return "JdbcCampaignStore[" + dialect.name() + "]";
    }

    /**
     * Builds a {@link JdbcCampaignStore}. Every setting has a {@code DEFAULT_*}; only the data source is required.
     */
    public static final class Builder {
        private final DataSource dataSource;
        private JdbcDialect dialect;
        private boolean createSchemaIfMissing = DEFAULT_CREATE_SCHEMA_IF_MISSING;
        private int fetchSize = DEFAULT_FETCH_SIZE;
        private Duration maxCallDuration = DEFAULT_MAX_CALL_DURATION;

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /** The database dialect; by default detected from the connection's metadata when the store is built. */
        public Builder dialect(JdbcDialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect must not be null");
            return this;
        }

        /** Whether {@link #build()} creates the shipped schema when its tables are missing. */
        public Builder createSchemaIfMissing(boolean createSchemaIfMissing) {
            this.createSchemaIfMissing = createSchemaIfMissing;
            return this;
        }

        /**
         * Rows fetched per round trip when streaming reports and redial contacts.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder fetchSize(int fetchSize) {
            if (fetchSize < 1) {
                throw new IllegalArgumentException("fetchSize must be positive, was " + fetchSize);
            }
            this.fetchSize = fetchSize;
            return this;
        }

        /**
         * The longest a call may stay in flight with its lease renewed. Past it, renewals skip the session,
         * its lease runs out and lease recovery closes it (its real outcome, if one comes, is then recorded as
         * late). This bounds how long a session can be held by a live node that lost track of it, such as one
         * created by a claim whose commit was reported failed but happened while the database was unreachable
         * to check.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder maxCallDuration(Duration maxCallDuration) {
            Objects.requireNonNull(maxCallDuration, "maxCallDuration must not be null");
            if (maxCallDuration.isNegative() || maxCallDuration.isZero()) {
                throw new IllegalArgumentException("maxCallDuration must be positive, was " + maxCallDuration);
            }
            this.maxCallDuration = maxCallDuration;
            return this;
        }

        /**
         * Builds the store. Connects once when the dialect must be detected or the schema created, and then checks
         * the schema's version: it creates the schema first when asked to and it is missing, then refuses a schema
         * that is missing, older than {@link #SCHEMA_VERSION} (run the newer migrations) or newer (this node's
         * campaign-jdbc is too old). A store given its {@link #dialect} without {@code createSchemaIfMissing} does not
         * connect, and so does not check.
         *
         * @throws CampaignException {@code STORE_UNAVAILABLE} when the database cannot be reached for that
         * @throws IllegalArgumentException when no dialect supports the database
         * @throws IllegalStateException when the schema is missing or at another version, saying what to do
         */
        public JdbcCampaignStore build() {
            if (dialect != null && !createSchemaIfMissing) {
                return new JdbcCampaignStore(this, dialect);
            }
            Transactions transactions = new Transactions(dataSource);
            JdbcDialect chosen = dialect != null ? dialect
                    : transactions.read("detecting the database", c -> JdbcDialect.detect(c.getMetaData()));
            SchemaInstaller installer = new SchemaInstaller(chosen);
            if (createSchemaIfMissing) {
                transactions.inTransaction("creating the campaign schema", c -> {
                    if (!installer.installed(c)) {
                        installer.install(c);
                    }
                    return null;
                });
            }
            int found = transactions.read("reading the campaign schema's version", installer::foundVersion);
            SchemaInstaller.check(found, chosen.name().toLowerCase(java.util.Locale.ROOT));
            return new JdbcCampaignStore(this, chosen);
        }
    }
}
