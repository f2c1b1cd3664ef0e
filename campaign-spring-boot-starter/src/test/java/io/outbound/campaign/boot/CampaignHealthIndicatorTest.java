package io.outbound.campaign.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CampaignEngine;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The {@code campaign} health indicator: the store must answer, and a started engine must be dispatching. */
class CampaignHealthIndicatorTest {

    @TempDir
    Path files;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CampaignAutoConfiguration.class,
                        CampaignHealthAutoConfiguration.class))
                .withUserConfiguration(CampaignAutoConfigurationTest.Host.class)
                .withPropertyValues("campaign.files.local.directory=" + files);
    }

    @Test
    void up_while_the_store_answers_and_the_dispatcher_runs() {
        runner().run(context -> {
            Health health = context.getBean(CampaignHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("store", "reachable").containsEntry("dispatcher", "running");
        });
    }

    @Test
    void down_when_the_database_cannot_be_reached() {
        runner().run(context -> {
            ((BreakableDataSource) context.getBean(DataSource.class)).breakIt();
            Health health = context.getBean(CampaignHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat((String) health.getDetails().get("store")).startsWith("unreachable: ");
        });
    }

    @Test
    void down_when_the_started_engine_no_longer_dispatches() {
        runner().run(context -> {
            context.getBean(CampaignEngine.class).close();
            Health health = context.getBean(CampaignHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("dispatcher", "stopped");
        });
    }

    @Test
    void an_engine_not_started_by_choice_is_up() {
        runner().withPropertyValues("campaign.auto-startup=false").run(context -> {
            Health health = context.getBean(CampaignHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("dispatcher", "not started");
        });
    }

    @Test
    void the_indicator_can_be_turned_off() {
        runner().withPropertyValues("management.health.campaign.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(CampaignHealthIndicator.class));
    }
}
