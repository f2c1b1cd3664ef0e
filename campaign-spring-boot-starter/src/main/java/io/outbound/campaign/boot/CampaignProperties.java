package io.outbound.campaign.boot;

import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.ImportLimits;
import io.outbound.campaign.dashboard.Dashboard;
import io.outbound.campaign.jdbc.JdbcCampaignStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The {@code campaign.*} properties. Each default is the library's ({@code CampaignEngine.Builder.DEFAULT_*},
 * {@link ImportLimits}, {@link JdbcCampaignStore}). The properties check themselves when bound (Boot calls
 * {@link #validate}), so a value out of range stops the application at startup with the property's name, its value
 * and the allowed range.
 */
@ConfigurationProperties(prefix = "campaign")
public class CampaignProperties implements Validator {
    private static final Pattern DASHBOARD_PATH = Pattern.compile("(/(?!\\.{1,2}(/|$))[A-Za-z0-9._~-]+)+");

    /** This node's id, unique among live nodes (a pod or host name is fine); a random id when not set. */
    private String nodeId;
    /** Whether the engine starts dispatching when the application context starts. */
    private boolean autoStartup = true;
    /** The longest the dispatcher sleeps without a wake-up signal. */
    private Duration pollInterval = CampaignEngine.Builder.DEFAULT_POLL_INTERVAL;
    /** How long a call's lease lasts without renewal before other nodes close the call as lost. */
    private Duration leaseTimeout = CampaignEngine.Builder.DEFAULT_LEASE_TIMEOUT;
    /** The most calls claimed in one store operation (1 to 10000). */
    private int claimBatchSize = CampaignEngine.Builder.DEFAULT_CLAIM_BATCH_SIZE;
    /** Technical failures in a row that pause a campaign; 0 never pauses. */
    private int pauseAfterConsecutiveFailures = CampaignEngine.Builder.DEFAULT_PAUSE_AFTER_CONSECUTIVE_FAILURES;
    /** How long a source download URL stays valid. */
    private Duration presignTtl = CampaignEngine.Builder.DEFAULT_PRESIGN_TTL;
    /** The most dials this node has in progress at once: its dial pool (1 to 1000). */
    private int dialConcurrency = CampaignEngine.Builder.DEFAULT_DIAL_CONCURRENCY;
    /** How long a dial may take before its attempt ends failed ("dial timed out"). */
    private Duration dialTimeout = CampaignEngine.Builder.DEFAULT_DIAL_TIMEOUT;
    /** How long shutdown waits for dials already handed to the telephony. */
    private Duration shutdownTimeout = CampaignEngine.Builder.DEFAULT_SHUTDOWN_TIMEOUT;
    /** The most contacts files this node imports at once, creates and redials together (1 to 1000). */
    private int maxConcurrentImports = CampaignEngine.Builder.DEFAULT_MAX_CONCURRENT_IMPORTS;
    /** The most events waiting for the listeners before new ones are dropped (1 to 10000000). */
    private int eventQueueCapacity = CampaignEngine.Builder.DEFAULT_EVENT_QUEUE_CAPACITY;

    private final ImportLimitsProperties importLimits = new ImportLimitsProperties();
    private final Jdbc jdbc = new Jdbc();
    private final Files files = new Files();
    private final Web web = new Web();
    private final DashboardProperties dashboard = new DashboardProperties();

    public String getNodeId() {
        return nodeId;
    }

    public void setNodeId(String nodeId) {
        this.nodeId = nodeId;
    }

    public boolean isAutoStartup() {
        return autoStartup;
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getLeaseTimeout() {
        return leaseTimeout;
    }

    public void setLeaseTimeout(Duration leaseTimeout) {
        this.leaseTimeout = leaseTimeout;
    }

    public int getClaimBatchSize() {
        return claimBatchSize;
    }

    public void setClaimBatchSize(int claimBatchSize) {
        this.claimBatchSize = claimBatchSize;
    }

    public int getPauseAfterConsecutiveFailures() {
        return pauseAfterConsecutiveFailures;
    }

    public void setPauseAfterConsecutiveFailures(int pauseAfterConsecutiveFailures) {
        this.pauseAfterConsecutiveFailures = pauseAfterConsecutiveFailures;
    }

    public Duration getPresignTtl() {
        return presignTtl;
    }

    public void setPresignTtl(Duration presignTtl) {
        this.presignTtl = presignTtl;
    }

    public int getDialConcurrency() {
        return dialConcurrency;
    }

    public void setDialConcurrency(int dialConcurrency) {
        this.dialConcurrency = dialConcurrency;
    }

    public Duration getDialTimeout() {
        return dialTimeout;
    }

    public void setDialTimeout(Duration dialTimeout) {
        this.dialTimeout = dialTimeout;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public int getMaxConcurrentImports() {
        return maxConcurrentImports;
    }

    public void setMaxConcurrentImports(int maxConcurrentImports) {
        this.maxConcurrentImports = maxConcurrentImports;
    }

    public int getEventQueueCapacity() {
        return eventQueueCapacity;
    }

    public void setEventQueueCapacity(int eventQueueCapacity) {
        this.eventQueueCapacity = eventQueueCapacity;
    }

    public ImportLimitsProperties getImportLimits() {
        return importLimits;
    }

    public Jdbc getJdbc() {
        return jdbc;
    }

    public Files getFiles() {
        return files;
    }

    public Web getWeb() {
        return web;
    }

    public DashboardProperties getDashboard() {
        return dashboard;
    }

    /** The import limits as the engine takes them. */
    ImportLimits toImportLimits() {
        return new ImportLimits(importLimits.maxFileSize.toBytes(), importLimits.maxRows, importLimits.maxColumns,
                importLimits.maxFieldLength);
    }

    @Override
    public boolean supports(Class<?> type) {
        return CampaignProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        CampaignProperties p = (CampaignProperties) target;
        PropertyCheck check = new PropertyCheck(errors);
        if (p.nodeId != null) {
            check.that("nodeId", "node-id", p.nodeId, !p.nodeId.isBlank(), "must not be blank");
            check.that("nodeId", "node-id", p.nodeId,
                    p.nodeId.length() <= CampaignEngine.Builder.MAX_NODE_ID_LENGTH,
                    "must be at most " + CampaignEngine.Builder.MAX_NODE_ID_LENGTH + " characters, was "
                            + p.nodeId.length());
        }
        check.positive("pollInterval", "poll-interval", p.pollInterval);
        check.positive("leaseTimeout", "lease-timeout", p.leaseTimeout);
        if (p.leaseTimeout != null && p.leaseTimeout.toMillis() > 0) {
            check.that("leaseTimeout", "lease-timeout", p.leaseTimeout, p.leaseTimeout.toMillis() >= 4,
                    "must be at least 4ms");
        }
        check.between("claimBatchSize", "claim-batch-size", p.claimBatchSize, 1, 10_000);
        check.between("pauseAfterConsecutiveFailures", "pause-after-consecutive-failures",
                p.pauseAfterConsecutiveFailures, 0, Integer.MAX_VALUE);
        check.positive("presignTtl", "presign-ttl", p.presignTtl);
        check.between("dialConcurrency", "dial-concurrency", p.dialConcurrency, 1, 1000);
        check.positive("dialTimeout", "dial-timeout", p.dialTimeout);
        check.positive("shutdownTimeout", "shutdown-timeout", p.shutdownTimeout);
        check.between("maxConcurrentImports", "max-concurrent-imports", p.maxConcurrentImports, 1, 1000);
        check.between("eventQueueCapacity", "event-queue-capacity", p.eventQueueCapacity, 1, 10_000_000);

        ImportLimitsProperties limits = p.importLimits;
        check.that("importLimits.maxFileSize", "import-limits.max-file-size", limits.maxFileSize,
                limits.maxFileSize != null && limits.maxFileSize.toBytes() > 0, "must be positive");
        check.that("importLimits.maxRows", "import-limits.max-rows", limits.maxRows, limits.maxRows > 0,
                "must be positive");
        check.between("importLimits.maxColumns", "import-limits.max-columns", limits.maxColumns, 1,
                Integer.MAX_VALUE);
        check.between("importLimits.maxFieldLength", "import-limits.max-field-length", limits.maxFieldLength, 1,
                Integer.MAX_VALUE);

        check.between("jdbc.fetchSize", "jdbc.fetch-size", p.jdbc.fetchSize, 1, Integer.MAX_VALUE);
        check.positive("jdbc.maxCallDuration", "jdbc.max-call-duration", p.jdbc.maxCallDuration);

        check.that("files.local.directory", "files.local.directory", p.files.local.directory,
                p.files.local.directory != null, "must be set");
        URI baseUrl = p.files.local.baseUrl;
        if (baseUrl != null) {
            String scheme = baseUrl.getScheme();
            check.that("files.local.baseUrl", "files.local.base-url", baseUrl,
                    "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme),
                    "must be an absolute http or https URL");
        }
        String key = p.files.local.signingKey;
        if (key != null) {
            int length = key.getBytes(StandardCharsets.UTF_8).length;
            // The key itself is a secret: the message gives its length, never its value.
            check.that("files.local.signingKey", "files.local.signing-key", "(" + length + " bytes, not shown)",
                    length >= 16, "must be at least 16 bytes");
        }
        String bucket = p.files.s3.bucket;
        if (bucket != null) {
            check.that("files.s3.bucket", "files.s3.bucket", bucket, bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"),
                    "must be 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a"
                            + " letter or digit");
        }
        long maxJson = p.web.maxJsonSize == null ? 0 : p.web.maxJsonSize.toBytes();
        check.that("web.maxJsonSize", "web.max-json-size", p.web.maxJsonSize, maxJson > 0, "must be positive");

        DashboardProperties dashboard = p.dashboard;
        String path = dashboard.path;
        check.that("dashboard.path", "dashboard.path", path, path != null && DASHBOARD_PATH.matcher(path).matches(),
                "must be /segment[/segment...] of letters, digits and ._~- (no '.' or '..' segment), without a"
                        + " trailing slash");
        if (path != null) {
            for (String api : DashboardProperties.API_PREFIXES) {
                check.that("dashboard.path", "dashboard.path", path, !path.equals(api) && !path.startsWith(api + "/"),
                        "must not be or lie under " + api + ", where the campaign endpoints are");
            }
        }
        for (int i = 0; i < dashboard.connectSources.size(); i++) {
            String source = dashboard.connectSources.get(i);
            boolean valid;
            try {
                Dashboard.contentSecurityPolicy(source);
                valid = true;
            } catch (IllegalArgumentException e) {
                valid = false;
            }
            check.that("dashboard.connectSources[" + i + "]", "dashboard.connect-sources[" + i + "]", source, valid,
                    "must be an origin, http(s)://host[:port]");
        }
        check.that("dashboard.enabled", "dashboard.enabled", dashboard.enabled, !dashboard.enabled || p.web.enabled,
                "needs campaign.web.enabled=true: the dashboard calls the campaign endpoints");
    }

    /** Limits on contact files: {@link ImportLimits}. */
    public static class ImportLimitsProperties {
        /** The largest contacts file. */
        private DataSize maxFileSize = DataSize.ofBytes(ImportLimits.DEFAULT_MAX_FILE_BYTES);
        /** The most data rows in a contacts file. */
        private long maxRows = ImportLimits.DEFAULT_MAX_ROWS;
        /** The most columns, phone_number included. */
        private int maxColumns = ImportLimits.DEFAULT_MAX_COLUMNS;
        /** The most characters in one field; a longer field rejects its row. */
        private int maxFieldLength = ImportLimits.DEFAULT_MAX_FIELD_LENGTH;

        public DataSize getMaxFileSize() {
            return maxFileSize;
        }

        public void setMaxFileSize(DataSize maxFileSize) {
            this.maxFileSize = maxFileSize;
        }

        public long getMaxRows() {
            return maxRows;
        }

        public void setMaxRows(long maxRows) {
            this.maxRows = maxRows;
        }

        public int getMaxColumns() {
            return maxColumns;
        }

        public void setMaxColumns(int maxColumns) {
            this.maxColumns = maxColumns;
        }

        public int getMaxFieldLength() {
            return maxFieldLength;
        }

        public void setMaxFieldLength(int maxFieldLength) {
            this.maxFieldLength = maxFieldLength;
        }
    }

    /** The JDBC store on the application's DataSource. */
    public static class Jdbc {
        /**
         * Whether the store creates the shipped schema when its tables are missing. Not needed when Flyway is on the
         * class path and campaign.jdbc.flyway.enabled is true (the default), which migrates it instead.
         */
        private boolean createSchemaIfMissing = JdbcCampaignStore.DEFAULT_CREATE_SCHEMA_IF_MISSING;
        /** Rows fetched per round trip when streaming reports and redial contacts. */
        private int fetchSize = JdbcCampaignStore.DEFAULT_FETCH_SIZE;
        /** The longest a call stays in flight with its lease renewed. */
        private Duration maxCallDuration = JdbcCampaignStore.DEFAULT_MAX_CALL_DURATION;
        private final Flyway flyway = new Flyway();

        public boolean isCreateSchemaIfMissing() {
            return createSchemaIfMissing;
        }

        public void setCreateSchemaIfMissing(boolean createSchemaIfMissing) {
            this.createSchemaIfMissing = createSchemaIfMissing;
        }

        public int getFetchSize() {
            return fetchSize;
        }

        public void setFetchSize(int fetchSize) {
            this.fetchSize = fetchSize;
        }

        public Duration getMaxCallDuration() {
            return maxCallDuration;
        }

        public void setMaxCallDuration(Duration maxCallDuration) {
            this.maxCallDuration = maxCallDuration;
        }

        public Flyway getFlyway() {
            return flyway;
        }
    }

    /** The campaign schema's own Flyway run, with its own history table. */
    public static class Flyway {
        /**
         * Whether the campaign schema is migrated with Flyway when Flyway is on the class path: the shipped
         * migrations, recorded in the campaign_schema_history table, after the application's own migrations.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** Where contacts files live. */
    public static class Files {
        private final Local local = new Local();
        private final S3 s3 = new S3();

        public Local getLocal() {
            return local;
        }

        public S3 getS3() {
            return s3;
        }
    }

    /** A LocalFileStore, the default when campaign.files.s3.bucket is not set. */
    public static class Local {
        /** The directory holding the files, created when missing; relative to the working directory. */
        private Path directory = Path.of("campaign-files");
        /**
         * The URL of the host serving /files/ and checking signatures with LocalFileStore.verify; without one,
         * presigned URLs are file: URIs (for a single machine only).
         */
        private URI baseUrl;
        /** The HMAC key signing presigned URLs, at least 16 bytes; the same on every node. Random when not set. */
        private String signingKey;

        public Path getDirectory() {
            return directory;
        }

        public void setDirectory(Path directory) {
            this.directory = directory;
        }

        public URI getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
        }

        public String getSigningKey() {
            return signingKey;
        }

        public void setSigningKey(String signingKey) {
            this.signingKey = signingKey;
        }
    }

    /** An S3FileStore, used when campaign-s3 is on the class path and a bucket is set. */
    public static class S3 {
        /** The bucket holding the files; setting it selects S3 (campaign-s3 must be on the class path). */
        private String bucket;
        /** A prefix put before every key, for example campaigns/. */
        private String keyPrefix = "";
        /** The region; from the AWS SDK's default chain when not set. */
        private String region;
        /** The endpoint of an S3-compatible service (MinIO, Ceph, R2); AWS when not set. */
        private URI endpoint;
        /** Whether to address the bucket in the path rather than the host name (most S3-compatible services). */
        private Boolean pathStyleAccess;

        public String getBucket() {
            return bucket;
        }

        public void setBucket(String bucket) {
            this.bucket = bucket;
        }

        public String getKeyPrefix() {
            return keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        public String getRegion() {
            return region;
        }

        public void setRegion(String region) {
            this.region = region;
        }

        public URI getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(URI endpoint) {
            this.endpoint = endpoint;
        }

        public Boolean getPathStyleAccess() {
            return pathStyleAccess;
        }

        public void setPathStyleAccess(Boolean pathStyleAccess) {
            this.pathStyleAccess = pathStyleAccess;
        }
    }

    /** The optional REST endpoints of the twelve campaign operations. */
    public static class Web {
        /**
         * Whether to serve the campaign endpoints (/campaign/...) in a servlet web application; needs a
         * CampaignOrganisationResolver bean.
         */
        private boolean enabled = false;
        /** The largest JSON request body; a larger one is answered 413. */
        private DataSize maxJsonSize = DataSize.ofMegabytes(1);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public DataSize getMaxJsonSize() {
            return maxJsonSize;
        }

        public void setMaxJsonSize(DataSize maxJsonSize) {
            this.maxJsonSize = maxJsonSize;
        }
    }

    /**
     * The operator's dashboard (the campaign-dashboard jar): the host's users watch and run campaigns in a browser.
     * Off unless enabled, like the endpoints: it is an operator's interface into every campaign of an organisation,
     * and an application decides to expose one, and behind which of its users, rather than finding it there after
     * an upgrade.
     */
    public static class DashboardProperties {
        /** The paths of the campaign endpoints, which the dashboard's path may not shadow. */
        static final List<String> API_PREFIXES = List.of("/campaign", "/suppressions", "/files");

        /**
         * Whether to serve the dashboard at campaign.dashboard.path; needs campaign.web.enabled. The starter adds no
         * authentication: the application's own (its Spring Security filter chain) covers the path like any other.
         */
        private boolean enabled = false;
        /**
         * Where the dashboard is served, under the servlet context path: /segment[/segment...] of letters, digits
         * and ._~-, not under /campaign, /suppressions or /files.
         */
        private String path = "/campaign-dashboard";
        /**
         * Further origins (http(s)://host[:port]) the page may send requests to, added to its Content-Security-Policy
         * connect-src: the S3 endpoint that presigned uploads go to, for instance.
         */
        private List<String> connectSources = new ArrayList<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public List<String> getConnectSources() {
            return connectSources;
        }

        public void setConnectSources(List<String> connectSources) {
            this.connectSources = connectSources == null ? new ArrayList<>() : connectSources;
        }
    }

    /** Reports each broken rule as a field error whose message names the property and the value. */
    private static final class PropertyCheck {
        private final Errors errors;

        PropertyCheck(Errors errors) {
            this.errors = errors;
        }

        void that(String field, String property, Object value, boolean ok, String rule) {
            if (!ok) {
                errors.rejectValue(field, "invalid", "campaign." + property + " " + rule + ", was " + value);
            }
        }

        void between(String field, String property, long value, long min, long max) {
            String rule = max == Integer.MAX_VALUE ? "must be at least " + min : "must be between " + min + " and " + max;
            that(field, property, value, value >= min && value <= max, rule);
        }

        void positive(String field, String property, Duration value) {
            that(field, property, value, value != null && !value.isNegative() && !value.isZero(), "must be positive");
        }
    }
}
