package io.outbound.campaign.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.boot.CampaignAutoConfiguration;
import io.outbound.campaign.boot.CampaignConfigurationException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** The endpoints exist only when asked for, in a servlet application, with the application's resolver. */
class CampaignWebAutoConfigurationTest {

    @TempDir
    Path files;

    private WebApplicationContextRunner runner() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CampaignAutoConfiguration.class,
                        CampaignWebAutoConfiguration.class))
                .withBean(javax.sql.DataSource.class, io.outbound.campaign.boot.BreakableDataSource::new)
                .withBean(io.outbound.campaign.spi.Telephony.class, () -> request -> { })
                .withPropertyValues("campaign.files.local.directory=" + files);
    }

    @Test
    void the_endpoints_are_off_by_default() {
        runner().withBean(CampaignOrganisationResolver.class, () -> request -> Optional.of("org-1"))
                .run(context -> assertThat(context).doesNotHaveBean(CampaignController.class));
    }

    @Test
    void enabled_with_a_resolver_the_endpoints_are_served() {
        runner().withPropertyValues("campaign.web.enabled=true")
                .withBean(CampaignOrganisationResolver.class, () -> request -> Optional.of("org-1"))
                .run(context -> assertThat(context).hasSingleBean(CampaignController.class));
    }

    @Test
    void enabled_without_a_resolver_startup_fails_naming_the_bean_to_provide() {
        runner().withPropertyValues("campaign.web.enabled=true").run(context -> {
            assertThat(context).hasFailed();
            Throwable t = context.getStartupFailure();
            while (t != null && !(t instanceof CampaignConfigurationException)) {
                t = t.getCause();
            }
            assertThat(t).isInstanceOfSatisfying(CampaignConfigurationException.class, e -> {
                assertThat(e.description()).contains(CampaignOrganisationResolver.class.getName());
                assertThat(e.action()).contains("campaign.web.enabled=false");
            });
        });
    }
}
