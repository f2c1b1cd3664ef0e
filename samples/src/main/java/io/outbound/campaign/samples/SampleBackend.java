package io.outbound.campaign.samples;

import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.CampaignService;
import io.outbound.campaign.LocalFileStore;
import io.outbound.campaign.jdbc.JdbcCampaignStore;
import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.Telephony;
import io.outbound.campaign.spi.TelephonyConfigs;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Everything a sample runs on, wired together: a {@link JdbcCampaignStore} on embedded H2, a
 * {@link LocalFileStore}, a telephony ({@link SimulatedTelephony} unless another is given, such as Twilio's) and one
 * engine node dialling through it. What a real host would replace is exactly this class: the database with a
 * shared PostgreSQL, the files with S3, the telephony with a provider.
 */
public final class SampleBackend implements AutoCloseable {
    /** Connections to the embedded database: the dispatcher, outcome reports and HTTP requests share them. */
    private static final int MAX_CONNECTIONS = 24;

    private final SampleDatabase database;
    private final JdbcConnectionPool pool;
    private final CampaignStore store;
    private final LocalFileStore files;
    private final Telephony telephony;
    private final CampaignEngine engine;

    private SampleBackend(Builder builder) {
        this.database = builder.database;
        this.pool = JdbcConnectionPool.create(database.url(), "sa", "");
        pool.setMaxConnections(MAX_CONNECTIONS);
        this.store = JdbcCampaignStore.builder(pool).createSchemaIfMissing(true).build();
        LocalFileStore.Builder filesBuilder = LocalFileStore.builder(builder.filesRoot).signingKey(signingKey());
        if (builder.baseUrl != null) {
            filesBuilder.baseUrl(builder.baseUrl);
        }
        this.files = filesBuilder.build();
        this.telephony = builder.telephony != null ? builder.telephony : SimulatedTelephony.builder().build();
        this.engine = CampaignEngine.builder()
                .store(store)
                .files(files)
                .telephony(telephony)
                .telephonyConfigs(TelephonyConfigs.defaultNumbers(builder.callerNumbers != null
                        ? builder.callerNumbers : madeUpNumbers(builder.callerNumberCount)))
                .build();
        if (telephony instanceof SimulatedTelephony simulated) {
            simulated.connect(engine.calls());
        }
    }

    /** A builder whose files live under the directory. */
    public static Builder builder(Path filesRoot) {
        return new Builder(filesRoot);
    }

    /** Starts dialling in the background. */
    public SampleBackend start() {
        engine.start();
        return this;
    }

    /** The campaign operations. */
    public CampaignService campaigns() {
        return engine.campaigns();
    }

    /** The engine node. */
    public CampaignEngine engine() {
        return engine;
    }

    /** The contact files, with presigned URLs when a base URL was given. */
    public LocalFileStore files() {
        return files;
    }

    /**
     * The simulated provider.
     *
     * @throws IllegalStateException when the backend dials through another telephony
     */
    public SimulatedTelephony telephony() {
        if (telephony instanceof SimulatedTelephony simulated) {
            return simulated;
        }
        throw new IllegalStateException("this backend dials through " + telephony + ", not a simulated provider");
    }

    /**
     * Whether a call session belongs to a campaign of the organisation: what a webhook or result route checks
     * before it records an outcome that an organisation's credentials vouch for.
     */
    public boolean sessionBelongsTo(String orgId, String sessionId) {
        return store.findSession(sessionId).flatMap(s -> store.findCampaign(orgId, s.campaignId())).isPresent();
    }

    /** The store. */
    public CampaignStore store() {
        return store;
    }

    /** Where campaigns live, in words, for a start-up banner. */
    public String storeDescription() {
        return database.description();
    }

    /** Stops dialling and the simulated provider, and closes the database. */
    @Override
    public void close() {
        engine.close();
        if (telephony instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Closing only stops its threads; nothing to report.
            }
        }
        // SHUTDOWN frees an in-memory database at once and leaves a file database cleanly closed.
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            // Already closed: nothing left to free.
        }
        pool.dispose();
    }

    private static List<String> madeUpNumbers(int count) {
        List<String> numbers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            numbers.add(String.format("+1646555%04d", i));
        }
        return numbers;
    }

    /** A fresh key per process: presigned URLs stop working when the host restarts, as they should. */
    private static byte[] signingKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** Builds a {@link SampleBackend}. */
    public static final class Builder {
        /** Caller numbers of the simulated telephony configuration; they cap simultaneous calls. */
        public static final int DEFAULT_CALLER_NUMBERS = 50;

        private final Path filesRoot;
        private SampleDatabase database = SampleDatabase.inMemory();
        private URI baseUrl;
        private Telephony telephony;
        private int callerNumberCount = DEFAULT_CALLER_NUMBERS;
        private List<String> callerNumbers;

        private Builder(Path filesRoot) {
            this.filesRoot = Objects.requireNonNull(filesRoot, "filesRoot");
        }

        /** The embedded database; default a fresh one in memory. */
        public Builder database(SampleDatabase database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        /** Where the HTTP host serves {@code /files/}, for presigned URLs; none gives {@code file:} URLs. */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /**
         * The provider: a {@link SimulatedTelephony} (reporting in-process) or a real one whose outcomes arrive
         * through the host's webhook routes; default the simulated realistic mix with calls of 20 to 80 ms.
         */
        public Builder telephony(Telephony telephony) {
            this.telephony = Objects.requireNonNull(telephony, "telephony");
            return this;
        }

        /** How many made-up caller numbers the organisation's default configuration has. */
        public Builder callerNumbers(int callerNumbers) {
            if (callerNumbers < 1) {
                throw new IllegalArgumentException("callerNumbers must be at least 1, was " + callerNumbers);
            }
            this.callerNumberCount = callerNumbers;
            return this;
        }

        /** The caller numbers of every organisation's default configuration: a real provider's own numbers. */
        public Builder callerNumbers(List<String> callerNumbers) {
            if (callerNumbers.isEmpty()) {
                throw new IllegalArgumentException("callerNumbers must not be empty");
            }
            this.callerNumbers = List.copyOf(callerNumbers);
            return this;
        }

        /** The backend; call {@link SampleBackend#start()} to begin dialling. */
        public SampleBackend build() {
            return new SampleBackend(this);
        }
    }
}
