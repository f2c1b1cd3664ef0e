package io.outbound.campaign.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.boot.CampaignProperties;
import io.outbound.campaign.dashboard.Dashboard;
import io.outbound.campaign.jdbc.JdbcCampaignStore;
import io.outbound.campaign.micrometer.CampaignMetrics;
import io.outbound.campaign.postgres.testsupport.EmbeddedPostgres;
import io.outbound.campaign.s3.S3FileStore;
import io.outbound.campaign.testkit.CampaignTestKit;
import io.outbound.campaign.twilio.TwilioTelephony;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A modular host requires each published jar by a stable name, whatever the jar's file is called: its manifest
 * names it ({@code Automatic-Module-Name}, set by the parent pom's jar plugin from each module's
 * {@code automatic.module.name}). Here, downstream of every published module, the class path holds the jars the
 * reactor packaged during {@code mvn verify}; before the package phase ({@code mvn test}) it holds their
 * {@code target/classes}, which have no manifest, and a jar from the local repository is not this build's: in
 * both cases the test is skipped, saying why.
 */
class AutomaticModuleNamesTest {

    static Stream<Arguments> publishedJars() {
        return Stream.of(
                arguments(CampaignTestKit.class, "io.outbound.campaign.testkit"),
                arguments(JdbcCampaignStore.class, "io.outbound.campaign.jdbc"),
                arguments(S3FileStore.class, "io.outbound.campaign.s3"),
                arguments(CampaignMetrics.class, "io.outbound.campaign.micrometer"),
                arguments(TwilioTelephony.class, "io.outbound.campaign.twilio"),
                arguments(Dashboard.class, "io.outbound.campaign.dashboard"),
                arguments(CampaignProperties.class, "io.outbound.campaign.boot"),
                arguments(EmbeddedPostgres.class, "io.outbound.campaign.postgres.testsupport"));
    }

    /**
     * Core declares its module ({@code module-info}): a modular host sees its API, SPIs, rules and in-memory
     * store, and none of its {@code internal} packages.
     */
    @org.junit.jupiter.api.Test
    void core_is_a_named_module_exporting_its_api_and_none_of_its_internal_packages() throws Exception {
        Path jar = Path.of(CampaignEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assumeTrue(Files.isRegularFile(jar), () -> jar + " is on the class path, not a jar: the reactor packages"
                + " jars from the package phase on (mvn verify)");
        assumeTrue(jar.getParent().endsWith("target"), () -> jar + " comes from the local repository, not from"
                + " this build: build it with its module (-am)");

        ModuleDescriptor module = ModuleFinder.of(jar).findAll().iterator().next().descriptor();
        assertThat(module.name()).isEqualTo("io.outbound.campaign.core");
        assertThat(module.isAutomatic()).isFalse();
        assertThat(module.exports()).extracting(ModuleDescriptor.Exports::source).containsExactlyInAnyOrder(
                "io.outbound.campaign", "io.outbound.campaign.spi", "io.outbound.campaign.events",
                "io.outbound.campaign.rules", "io.outbound.campaign.memory");
        assertThat(module.packages()).anyMatch(p -> p.contains(".internal."));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("publishedJars")
    void a_modular_host_finds_each_published_jar_under_its_stable_module_name(Class<?> inJar, String name)
            throws Exception {
        Path jar = Path.of(inJar.getProtectionDomain().getCodeSource().getLocation().toURI());
        assumeTrue(Files.isRegularFile(jar), () -> jar + " is on the class path, not a jar: the reactor packages"
                + " jars from the package phase on (mvn verify)");
        assumeTrue(jar.getParent().endsWith("target"), () -> jar + " comes from the local repository, not from"
                + " this build: build it with its module (-am)");

        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                    .as("Automatic-Module-Name in the manifest of %s", jar)
                    .isEqualTo(name);
        }
        ModuleDescriptor module = ModuleFinder.of(jar).findAll().iterator().next().descriptor();
        assertThat(module.name()).as("the module the JVM makes of %s", jar).isEqualTo(name);
        assertThat(module.isAutomatic()).isTrue();
    }
}
