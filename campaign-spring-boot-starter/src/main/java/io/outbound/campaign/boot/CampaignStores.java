package io.outbound.campaign.boot;

import io.outbound.campaign.LocalFileStore;
import io.outbound.campaign.jdbc.JdbcCampaignStore;
import io.outbound.campaign.s3.S3FileStore;
import io.outbound.campaign.s3.S3FileStoreBuilder;
import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.FileStore;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.regions.Region;

/** The store and file store configurations that {@link CampaignAutoConfiguration} imports, in its order. */
final class CampaignStores {
    private static final Logger log = LoggerFactory.getLogger(CampaignStores.class);

    private CampaignStores() {
    }

    /** The campaign schema's own Flyway run, when Flyway is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.flywaydb.core.Flyway")
    @ConditionalOnSingleCandidate(DataSource.class)
    @ConditionalOnMissingBean(CampaignStore.class)
    @ConditionalOnProperty(prefix = "campaign.jdbc.flyway", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    static class FlywayMigration {
        @Bean
        @DependsOnDatabaseInitialization
        CampaignSchemaMigration campaignSchemaMigration(DataSource dataSource) {
            CampaignSchemaMigration migration = CampaignSchemaMigration.migrate(dataSource);
            log.info("Campaign schema migrated with Flyway from {} ({} migrations applied, history in {})",
                    migration.location(), migration.migrationsApplied(), JdbcCampaignStore.FLYWAY_HISTORY_TABLE);
            return migration;
        }
    }

    /** The JDBC store on the application's single DataSource. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnSingleCandidate(DataSource.class)
    static class JdbcStore {
        @Bean
        @ConditionalOnMissingBean(CampaignStore.class)
        @DependsOnDatabaseInitialization
        JdbcCampaignStore campaignStore(DataSource dataSource, CampaignProperties properties,
                                        ObjectProvider<CampaignSchemaMigration> migration) {
            boolean migrated = migration.getIfAvailable() != null;
            CampaignProperties.Jdbc jdbc = properties.getJdbc();
            try {
                return JdbcCampaignStore.builder(dataSource)
                        .createSchemaIfMissing(jdbc.isCreateSchemaIfMissing())
                        .fetchSize(jdbc.getFetchSize())
                        .maxCallDuration(jdbc.getMaxCallDuration())
                        .build();
            } catch (IllegalStateException e) {
                throw new CampaignConfigurationException("The campaign store cannot use the DataSource: "
                        + e.getMessage() + ".", migrated
                        ? "Run the campaign migrations that this campaign-jdbc needs, or upgrade campaign-jdbc."
                        : "Add Flyway (org.flywaydb:flyway-core, and flyway-database-postgresql on PostgreSQL) so"
                        + " that the starter migrates the campaign schema, set"
                        + " campaign.jdbc.create-schema-if-missing=true, or run the migrations yourself.", e);
            }
        }
    }

    /** An S3 file store when campaign-s3 is there and a bucket is set. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.outbound.campaign.s3.S3FileStore")
    @ConditionalOnProperty(prefix = "campaign.files.s3", name = "bucket")
    static class S3Files {
        @Bean
        @ConditionalOnMissingBean(FileStore.class)
        S3FileStore campaignFileStore(CampaignProperties properties) {
            CampaignProperties.S3 s3 = properties.getFiles().getS3();
            S3FileStoreBuilder builder = S3FileStore.builder().bucket(s3.getBucket()).keyPrefix(s3.getKeyPrefix())
                    .presignTtl(properties.getPresignTtl());
            if (s3.getRegion() != null) {
                builder.region(Region.of(s3.getRegion()));
            }
            if (s3.getEndpoint() != null) {
                builder.endpointOverride(s3.getEndpoint());
            }
            if (s3.getPathStyleAccess() != null) {
                builder.pathStyleAccess(s3.getPathStyleAccess());
            }
            return builder.build();
        }
    }

    /** The local file store, unless another file store was chosen. */
    @Configuration(proxyBeanMethods = false)
    static class LocalFiles {
        @Bean
        @ConditionalOnMissingBean(FileStore.class)
        LocalFileStore campaignFileStore(CampaignProperties properties) {
            CampaignProperties.Local local = properties.getFiles().getLocal();
            String bucket = properties.getFiles().getS3().getBucket();
            if (bucket != null) {
                throw new CampaignConfigurationException("campaign.files.s3.bucket is set (" + bucket
                        + ") but io.outbound:campaign-s3 is not on the class path.",
                        "Add the dependency io.outbound:campaign-s3, or remove campaign.files.s3.bucket to keep"
                                + " files in campaign.files.local.directory.");
            }
            LocalFileStore.Builder builder = LocalFileStore.builder(local.getDirectory());
            if (local.getBaseUrl() != null) {
                builder.baseUrl(local.getBaseUrl());
            }
            if (local.getSigningKey() != null) {
                builder.signingKey(local.getSigningKey().getBytes(StandardCharsets.UTF_8));
            }
            return builder.build();
        }
    }
}
