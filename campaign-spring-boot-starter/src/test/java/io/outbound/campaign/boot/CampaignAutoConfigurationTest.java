package io.outbound.campaign.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignJson;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.LocalFileStore;
import io.outbound.campaign.events.CallEnded;
import io.outbound.campaign.events.CampaignListener;
import io.outbound.campaign.events.EngineObserver;
import io.outbound.campaign.events.StoreOperation;
import io.outbound.campaign.jdbc.JdbcCampaignStore;
import io.outbound.campaign.memory.InMemoryCampaignStore;
import io.outbound.campaign.memory.InMemoryFileStore;
import io.outbound.campaign.micrometer.CampaignMetrics;
import io.outbound.campaign.s3.S3FileStore;
import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.FileStore;
import io.outbound.campaign.spi.OrgLimits;
import io.outbound.campaign.spi.Telephony;
import io.outbound.campaign.spi.TelephonyConfigs;
import io.outbound.campaign.spi.WorkflowDirectory;
import io.outbound.campaign.testkit.FakeTelephony;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which beans the auto-configuration creates, from which of the application's beans and properties. */
class CampaignAutoConfigurationTest {
    private static final String ORG = "org-1";
    private static final String CALLER = "+15550000001";

    @TempDir
    Path files;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CampaignAutoConfiguration.class,
                        CampaignMetricsAutoConfiguration.class, CampaignHealthAutoConfiguration.class))
                .withPropertyValues("campaign.files.local.directory=" + files);
    }

    /** What every host has: a database and a telephony. */
    @Configuration(proxyBeanMethods = false)
    static class Host {
        @Bean
        DataSource dataSource() {
            return new BreakableDataSource();
        }

        @Bean(destroyMethod = "stopRealTime")
        FakeTelephony telephony() {
            return new FakeTelephony(Clock.systemUTC()).startRealTime(Duration.ofMillis(1), Duration.ofMillis(5), 7);
        }
    }

    /** The optional beans a host may add. */
    @Configuration(proxyBeanMethods = false)
    static class Optional {
        final Set<String> limitsAskedFor = ConcurrentHashMap.newKeySet();
        final List<CallEnded> ended = new CopyOnWriteArrayList<>();
        final List<StoreOperation> operations = new CopyOnWriteArrayList<>();
        final CountDownLatch callEnded = new CountDownLatch(1);

        @Bean
        TelephonyConfigs telephonyConfigs() {
            return TelephonyConfigs.defaultNumbers(List.of(CALLER));
        }

        @Bean
        OrgLimits orgLimits() {
            return org -> {
                limitsAskedFor.add(org);
                return 3;
            };
        }

        @Bean
        WorkflowDirectory workflows() {
            return (org, workflowId) -> workflowId != 999;
        }

        @Bean
        CampaignListener listener() {
            return new CampaignListener() {
                @Override
                public void callEnded(CallEnded event) {
                    ended.add(event);
                    callEnded.countDown();
                }
            };
        }

        @Bean
        EngineObserver observer() {
            return new EngineObserver() {
                @Override
                public void storeOperation(StoreOperation operation, Duration elapsed, Throwable failure) {
                    operations.add(operation);
                }
            };
        }
    }

    @Test
    void an_engine_is_built_on_the_applications_data_source_and_telephony_and_dispatches_once_the_context_started() {
        runner().withUserConfiguration(Host.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(CampaignEngine.class);
            assertThat(context.getBean(CampaignStore.class)).isInstanceOf(JdbcCampaignStore.class);
            assertThat(context.getBean(FileStore.class)).isInstanceOf(LocalFileStore.class);
            assertThat(((LocalFileStore) context.getBean(FileStore.class)).root()).isEqualTo(files.toAbsolutePath());
            assertThat(context).hasSingleBean(CampaignSchemaMigration.class);
            assertThat(context.getBean(CampaignSchemaMigration.class).location())
                    .isEqualTo(JdbcCampaignStore.flywayLocation("h2"));
            assertThat(context.getBean(CampaignEngine.class).isDispatching()).isTrue();
            assertThat(context).doesNotHaveBean(CampaignMetrics.class);
            assertThat(context).hasSingleBean(CampaignHealthIndicator.class);
        });
    }

    @Test
    void the_engine_stops_dispatching_when_the_context_closes() {
        CampaignEngine[] engine = new CampaignEngine[1];
        runner().withUserConfiguration(Host.class)
                .run(context -> engine[0] = context.getBean(CampaignEngine.class));
        assertThat(engine[0].isDispatching()).isFalse();
    }

    @Test
    void with_auto_startup_off_the_engine_is_built_but_does_not_dispatch() {
        runner().withUserConfiguration(Host.class).withPropertyValues("campaign.auto-startup=false")
                .run(context -> assertThat(context.getBean(CampaignEngine.class).isDispatching()).isFalse());
    }

    @Test
    void the_applications_optional_beans_are_what_the_engine_uses() {
        runner().withUserConfiguration(Host.class, Optional.class).run(context -> {
            Optional host = context.getBean(Optional.class);
            CampaignEngine engine = context.getBean(CampaignEngine.class);
            FakeTelephony telephony = context.getBean(FakeTelephony.class).connect(engine.calls());
            context.getBean(FileStore.class).put("contacts.csv",
                    new ByteArrayInputStream("phone_number\n+14155552671\n".getBytes(StandardCharsets.UTF_8)));

            assertThatThrownBy(() -> engine.campaigns().create(ORG, request(999, "contacts.csv")))
                    .as("the workflow directory bean refuses workflow 999")
                    .isInstanceOfSatisfying(CampaignException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));

            Campaign campaign = engine.campaigns().create(ORG, request(247, "contacts.csv"));
            engine.campaigns().start(ORG, campaign.id());
            assertThat(host.callEnded.await(20, TimeUnit.SECONDS)).as("the listener bean heard the call end").isTrue();
            assertThat(telephony.dials()).singleElement()
                    .satisfies(dial -> assertThat(dial.request().callerNumber()).isEqualTo(CALLER));
            assertThat(host.limitsAskedFor).contains(ORG);
            assertThat(host.operations).contains(StoreOperation.CLAIM);
        });
    }

    @Test
    void a_campaign_store_and_file_store_of_the_application_replace_the_defaults_and_need_no_data_source() {
        runner().withUserConfiguration(HostWithOwnStores.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(CampaignStore.class)).isInstanceOf(InMemoryCampaignStore.class);
            assertThat(context.getBean(FileStore.class)).isInstanceOf(InMemoryFileStore.class);
            assertThat(context).doesNotHaveBean(CampaignSchemaMigration.class);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class HostWithOwnStores {
        @Bean
        CampaignStore store() {
            return new InMemoryCampaignStore();
        }

        @Bean
        FileStore files() {
            return new InMemoryFileStore();
        }

        @Bean
        Telephony telephony() {
            return request -> { };
        }
    }

    @Test
    void without_a_telephony_bean_startup_fails_naming_the_type_to_provide() {
        runner().withUserConfiguration(NoTelephony.class).run(context -> {
            assertThat(context).hasFailed();
            CampaignConfigurationException failure = cause(context.getStartupFailure());
            assertThat(failure.description()).contains("io.outbound.campaign.spi.Telephony");
            assertThat(failure.action()).contains("Define a @Bean of type io.outbound.campaign.spi.Telephony");
            FailureAnalysis analysis = new CampaignFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo(failure.description());
            assertThat(analysis.getAction()).isEqualTo(failure.action());
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class NoTelephony {
        @Bean
        DataSource dataSource() {
            return new BreakableDataSource();
        }
    }

    @Test
    void without_a_data_source_or_store_startup_fails_naming_both() {
        runner().withBean(Telephony.class, () -> request -> { }).run(context -> {
            assertThat(context).hasFailed();
            assertThat(cause(context.getStartupFailure()).getMessage()).contains("DataSource")
                    .contains("CampaignStore bean");
        });
    }

    @Test
    void without_flyway_the_schema_is_created_only_when_asked_for() {
        ApplicationContextRunner noFlyway = runner().withUserConfiguration(Host.class)
                .withClassLoader(new FilteredClassLoader(Flyway.class));
        noFlyway.run(context -> {
            assertThat(context).hasFailed();
            CampaignConfigurationException failure = cause(context.getStartupFailure());
            assertThat(failure.description()).contains("the campaign schema is missing");
            assertThat(failure.action()).contains("campaign.jdbc.create-schema-if-missing=true");
        });
        noFlyway.withPropertyValues("campaign.jdbc.create-schema-if-missing=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(CampaignSchemaMigration.class);
            assertThat(context).hasSingleBean(CampaignEngine.class);
        });
    }

    @Test
    void the_flyway_migration_can_be_turned_off() {
        runner().withUserConfiguration(Host.class)
                .withPropertyValues("campaign.jdbc.flyway.enabled=false", "campaign.jdbc.create-schema-if-missing=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(CampaignSchemaMigration.class);
                });
    }

    @Test
    void an_s3_bucket_selects_the_s3_file_store() {
        runner().withUserConfiguration(Host.class)
                .withPropertyValues("campaign.files.s3.bucket=acme-campaigns", "campaign.files.s3.region=eu-west-1",
                        "campaign.files.s3.key-prefix=campaigns/")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    S3FileStore s3 = context.getBean(S3FileStore.class);
                    assertThat(s3.bucket()).isEqualTo("acme-campaigns");
                    assertThat(s3.keyPrefix()).isEqualTo("campaigns/");
                    assertThat(context).doesNotHaveBean(LocalFileStore.class);
                });
    }

    @Test
    void an_s3_bucket_without_campaign_s3_on_the_class_path_fails_naming_the_dependency() {
        runner().withUserConfiguration(Host.class).withClassLoader(new FilteredClassLoader(S3FileStore.class))
                .withPropertyValues("campaign.files.s3.bucket=acme-campaigns")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(cause(context.getStartupFailure()).getMessage())
                            .contains("campaign.files.s3.bucket is set (acme-campaigns)")
                            .contains("io.outbound:campaign-s3");
                });
    }

    @Test
    void with_a_meter_registry_the_engine_records_campaign_metrics() {
        runner().withUserConfiguration(Host.class).withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> {
                    assertThat(context).hasSingleBean(CampaignMetrics.class);
                    CampaignEngine engine = context.getBean(CampaignEngine.class);
                    context.getBean(FileStore.class).put("empty.csv",
                            new ByteArrayInputStream("phone_number\n".getBytes(StandardCharsets.UTF_8)));
                    Campaign campaign = engine.campaigns().create(ORG, request(247, "empty.csv"));
                    engine.campaigns().start(ORG, campaign.id());
                    assertThat(engine.awaitEvents(Duration.ofSeconds(10))).isTrue();
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.find(CampaignMetrics.STATUS_CHANGES).counters())
                            .as("the metrics bean is one of the engine's listeners").isNotEmpty();
                });
    }

    @Test
    void without_campaign_micrometer_no_metrics_bean_is_made() {
        runner().withUserConfiguration(Host.class).withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withClassLoader(new FilteredClassLoader(CampaignMetrics.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(CampaignMetrics.class);
                });
    }

    private static CreateCampaignRequest request(long workflowId, String key) {
        return CampaignJson.read("{\"name\":\"June Lead Outreach\",\"workflow_id\":" + workflowId
                + ",\"contacts_file_key\":\"" + key + "\",\"max_concurrency\":5}", CreateCampaignRequest.class);
    }

    static CampaignConfigurationException cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CampaignConfigurationException c) {
                return c;
            }
        }
        throw new AssertionError("no CampaignConfigurationException in " + failure, failure);
    }
}
