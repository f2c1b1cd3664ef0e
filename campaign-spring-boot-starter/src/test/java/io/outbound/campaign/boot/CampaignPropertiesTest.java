package io.outbound.campaign.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.ImportLimits;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

/** {@code campaign.*} properties: bound onto the engine, refused with the property and value when out of range. */
class CampaignPropertiesTest {

    @TempDir
    Path files;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CampaignAutoConfiguration.class))
                .withUserConfiguration(CampaignAutoConfigurationTest.Host.class)
                .withPropertyValues("campaign.files.local.directory=" + files);
    }

    @Test
    void properties_are_bound_and_reach_the_engine() {
        runner().withPropertyValues("campaign.node-id=pod-7", "campaign.lease-timeout=40s",
                "campaign.dial-concurrency=7", "campaign.import-limits.max-file-size=10MB",
                "campaign.import-limits.max-rows=1000", "campaign.web.max-json-size=64KB").run(context -> {
                    assertThat(context).hasNotFailed();
                    CampaignEngine engine = context.getBean(CampaignEngine.class);
                    assertThat(engine.nodeId()).isEqualTo("pod-7");
                    assertThat(engine.leaseOwner()).startsWith("pod-7#");
                    assertThat(engine.leaseRenewalInterval()).as("a quarter of the lease").isEqualTo(Duration.ofSeconds(10));
                    CampaignProperties properties = context.getBean(CampaignProperties.class);
                    assertThat(properties.getDialConcurrency()).isEqualTo(7);
                    assertThat(properties.toImportLimits())
                            .isEqualTo(new ImportLimits(10L * 1024 * 1024, 1000, ImportLimits.DEFAULT_MAX_COLUMNS,
                                    ImportLimits.DEFAULT_MAX_FIELD_LENGTH));
                    assertThat(properties.getWeb().getMaxJsonSize()).isEqualTo(DataSize.ofKilobytes(64));
                });
    }

    @Test
    void the_dashboards_path_and_connect_sources_are_bound() {
        runner().withPropertyValues("campaign.web.enabled=true", "campaign.dashboard.enabled=true",
                "campaign.dashboard.path=/ops/campaigns",
                "campaign.dashboard.connect-sources=https://files.s3.eu-west-1.amazonaws.com,http://127.0.0.1:9000")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    CampaignProperties.DashboardProperties dashboard =
                            context.getBean(CampaignProperties.class).getDashboard();
                    assertThat(dashboard.isEnabled()).isTrue();
                    assertThat(dashboard.getPath()).isEqualTo("/ops/campaigns");
                    assertThat(dashboard.getConnectSources())
                            .containsExactly("https://files.s3.eu-west-1.amazonaws.com", "http://127.0.0.1:9000");
                });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "campaign.dial-concurrency|0|campaign.dial-concurrency must be between 1 and 1000, was 0",
            "campaign.claim-batch-size|10001|campaign.claim-batch-size must be between 1 and 10000, was 10001",
            "campaign.poll-interval|0s|campaign.poll-interval must be positive, was PT0S",
            "campaign.dial-timeout|-5s|campaign.dial-timeout must be positive, was PT-5S",
            "campaign.lease-timeout|2ms|campaign.lease-timeout must be at least 4ms, was PT0.002S",
            "campaign.max-concurrent-imports|1001|campaign.max-concurrent-imports must be between 1 and 1000, was 1001",
            "campaign.pause-after-consecutive-failures|-1|campaign.pause-after-consecutive-failures must be at least 0, was -1",
            "campaign.import-limits.max-rows|0|campaign.import-limits.max-rows must be positive, was 0",
            "campaign.import-limits.max-file-size|0B|campaign.import-limits.max-file-size must be positive, was 0B",
            "campaign.node-id|'  '|campaign.node-id must not be blank, was   ",
            "campaign.files.s3.bucket|Not_A_Bucket|campaign.files.s3.bucket must be 3 to 63 lower-case letters",
            "campaign.files.local.base-url|ftp://files.example.com|campaign.files.local.base-url must be an absolute http or https URL, was ftp://files.example.com",
            "campaign.files.local.signing-key|short|campaign.files.local.signing-key must be at least 16 bytes, was (5 bytes, not shown)",
            "campaign.web.max-json-size|0B|campaign.web.max-json-size must be positive, was 0B",
            "campaign.dashboard.path|ops/|campaign.dashboard.path must be /segment[/segment...]",
            "campaign.dashboard.path|/ops/|campaign.dashboard.path must be /segment[/segment...]",
            "campaign.dashboard.path|/ops/..|campaign.dashboard.path must be /segment[/segment...]",
            "campaign.dashboard.path|/campaign/ui|campaign.dashboard.path must not be or lie under /campaign, where the campaign endpoints are, was /campaign/ui",
            "campaign.dashboard.path|/files|campaign.dashboard.path must not be or lie under /files",
            "campaign.dashboard.connect-sources|https://s3.example.com/bucket|campaign.dashboard.connect-sources[0] must be an origin, http(s)://host[:port], was https://s3.example.com/bucket",
            "campaign.dashboard.enabled|true|campaign.dashboard.enabled needs campaign.web.enabled=true: the dashboard calls the campaign endpoints, was true"})
    void a_value_out_of_range_stops_startup_naming_the_property_and_the_value(String property, String value,
                                                                               String message) {
        runner().withPropertyValues(property + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).anySatisfy(m -> assertThat(m).contains(message));
        });
    }

    @Test
    void a_value_of_the_wrong_type_stops_startup_naming_the_property() {
        runner().withPropertyValues("campaign.dial-timeout=soon").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure()))
                    .anySatisfy(m -> assertThat(m).contains("campaign.dial-timeout"));
        });
    }

    @Test
    void the_defaults_in_the_ide_metadata_are_the_defaults_that_apply() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("metadata generated by the configuration processor").isNotNull();
            metadata = new ObjectMapper().readTree(in);
        }
        BeanWrapperImpl defaults = new BeanWrapperImpl(new CampaignProperties());
        ApplicationConversionService conversion = new ApplicationConversionService();
        List<String> checked = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asText();
            assertThat(property.hasNonNull("description")).as(name + " has a description").isTrue();
            Object actual = defaults.getPropertyValue(beanPath(name));
            if (!property.has("defaultValue")) {
                // The processor leaves an empty list out of the metadata: none, as for null.
                assertThat(actual).as(name + " has no default in the metadata, so none in the code")
                        .satisfiesAnyOf(value -> assertThat(value).isNull(),
                                value -> assertThat(value).asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty());
                continue;
            }
            Class<?> type = defaults.getPropertyType(beanPath(name));
            String text = property.get("defaultValue").asText();
            Object declared = type == Path.class ? Path.of(text) : conversion.convert(text, type);
            assertThat(actual).as(name).isEqualTo(declared);
            checked.add(name);
        }
        assertThat(checked).contains("campaign.dial-concurrency", "campaign.lease-timeout",
                "campaign.import-limits.max-file-size", "campaign.jdbc.max-call-duration", "campaign.web.enabled",
                "campaign.dashboard.enabled", "campaign.dashboard.path");
    }

    /** {@code campaign.import-limits.max-file-size} to {@code importLimits.maxFileSize}. */
    private static String beanPath(String property) {
        StringBuilder path = new StringBuilder();
        boolean upper = false;
        for (char c : property.substring("campaign.".length()).toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                path.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return path.toString();
    }

    private static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            if (t instanceof org.springframework.boot.context.properties.bind.validation.BindValidationException e) {
                e.getValidationErrors().forEach(error -> messages.add(error.getDefaultMessage()));
            }
        }
        return messages;
    }
}
