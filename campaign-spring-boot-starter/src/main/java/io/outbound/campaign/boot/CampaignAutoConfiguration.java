package io.outbound.campaign.boot;

import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.events.CampaignListener;
import io.outbound.campaign.events.EngineObserver;
import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.FileStore;
import io.outbound.campaign.spi.OrgLimits;
import io.outbound.campaign.spi.Telephony;
import io.outbound.campaign.spi.TelephonyConfigs;
import io.outbound.campaign.spi.WorkflowDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A {@link CampaignEngine} from the application's beans and the {@code campaign.*} properties
 * ({@link CampaignProperties}).
 *
 * <ul>
 *   <li>The store: a {@link io.outbound.campaign.jdbc.JdbcCampaignStore} on the application's {@code DataSource}, unless the application
 *       defines a {@link CampaignStore}. Its schema is migrated by a Flyway run of its own when Flyway is on the
 *       class path ({@link CampaignSchemaMigration}; {@code campaign.jdbc.flyway.enabled}), else created when
 *       {@code campaign.jdbc.create-schema-if-missing} is set, else expected in place.</li>
 *   <li>The files: an {@code S3FileStore} when campaign-s3 is on the class path and {@code campaign.files.s3.bucket}
 *       is set, else a {@link io.outbound.campaign.LocalFileStore} under {@code campaign.files.local.directory}, unless the application
 *       defines a {@link FileStore}.</li>
 *   <li>The application's {@link Telephony} bean, required; its {@link TelephonyConfigs}, {@link OrgLimits},
 *       {@link WorkflowDirectory}, {@link CampaignListener}s and {@link EngineObserver}s when it defines them.</li>
 *   <li>The engine starts dispatching with the context and closes with it ({@link CampaignEngineLifecycle}).</li>
 * </ul>
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration"})
@EnableConfigurationProperties(CampaignProperties.class)
// In this order: the migration before the store, S3 before the local default. Nested in another class so that
// they are imported only here, in this order (member classes of a configuration come in no defined order).
@Import({CampaignStores.FlywayMigration.class, CampaignStores.JdbcStore.class, CampaignStores.S3Files.class,
        CampaignStores.LocalFiles.class})
public class CampaignAutoConfiguration {
    private static final Logger log = LoggerFactory.getLogger(CampaignAutoConfiguration.class);

    /**
     * The engine. Fails startup, naming what to provide, when there is no {@link Telephony} bean or no store.
     */
    @Bean
    @ConditionalOnMissingBean
    public CampaignEngine campaignEngine(CampaignProperties properties, ObjectProvider<CampaignStore> store,
                                         ObjectProvider<FileStore> files, ObjectProvider<Telephony> telephony,
                                         ObjectProvider<TelephonyConfigs> telephonyConfigs,
                                         ObjectProvider<OrgLimits> orgLimits,
                                         ObjectProvider<WorkflowDirectory> workflows,
                                         ObjectProvider<CampaignListener> listeners,
                                         ObjectProvider<EngineObserver> observers) {
        Telephony dialler = telephony.getIfAvailable();
        if (dialler == null) {
            throw new CampaignConfigurationException("The campaign engine needs a bean of type "
                    + Telephony.class.getName() + ", which places the calls, and the application has none.",
                    "Define a @Bean of type " + Telephony.class.getName() + ": your carrier's client, or"
                            + " TwilioTelephony from io.outbound:campaign-twilio. Its dial(CallRequest) returns once"
                            + " the carrier accepted the call; report outcomes with CampaignEngine.calls().report.");
        }
        CampaignStore campaignStore = store.getIfAvailable();
        if (campaignStore == null) {
            throw new CampaignConfigurationException("The campaign engine needs a store, and the application has"
                    + " neither a single DataSource nor a bean of type " + CampaignStore.class.getName() + ".",
                    "Add a DataSource (spring-boot-starter-jdbc and a PostgreSQL or H2 driver, with"
                            + " spring.datasource.url) or define a CampaignStore bean.");
        }
        CampaignEngine.Builder builder = CampaignEngine.builder()
                .store(campaignStore)
                .files(files.getObject())
                .telephony(dialler)
                .importLimits(properties.toImportLimits())
                .pollInterval(properties.getPollInterval())
                .leaseTimeout(properties.getLeaseTimeout())
                .claimBatchSize(properties.getClaimBatchSize())
                .pauseAfterConsecutiveFailures(properties.getPauseAfterConsecutiveFailures())
                .presignTtl(properties.getPresignTtl())
                .dialConcurrency(properties.getDialConcurrency())
                .dialTimeout(properties.getDialTimeout())
                .shutdownTimeout(properties.getShutdownTimeout())
                .maxConcurrentImports(properties.getMaxConcurrentImports())
                .eventQueueCapacity(properties.getEventQueueCapacity());
        if (properties.getNodeId() != null) {
            builder.nodeId(properties.getNodeId());
        }
        TelephonyConfigs configs = telephonyConfigs.getIfAvailable();
        if (configs != null) {
            builder.telephonyConfigs(configs);
        } else {
            log.warn("No {} bean: every campaign will fail at start for want of caller numbers. Define one that"
                    + " gives each organisation's caller numbers.", TelephonyConfigs.class.getName());
        }
        orgLimits.ifAvailable(builder::orgLimits);
        workflows.ifAvailable(builder::workflows);
        listeners.orderedStream().forEach(builder::listener);
        observers.orderedStream().forEach(builder::observer);
        return builder.build();
    }

    /** Starts the engine with the context and closes it with the context. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(CampaignEngine.class)
    public CampaignEngineLifecycle campaignEngineLifecycle(CampaignEngine engine, CampaignProperties properties) {
        return new CampaignEngineLifecycle(engine, properties.isAutoStartup());
    }
}
