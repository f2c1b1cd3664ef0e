package io.outbound.campaign.boot;

import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.spi.CampaignStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code campaign} health indicator ({@link CampaignHealthIndicator}) when Spring Boot's health support is on
 * the class path (Actuator brings it); {@code management.health.campaign.enabled=false} turns it off.
 */
@AutoConfiguration(after = CampaignAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({CampaignEngine.class, CampaignStore.class})
@ConditionalOnEnabledHealthIndicator("campaign")
public class CampaignHealthAutoConfiguration {

    /** The indicator, named {@code campaign} in the health endpoint. */
    @Bean
    @ConditionalOnMissingBean(name = "campaignHealthIndicator")
    public CampaignHealthIndicator campaignHealthIndicator(CampaignEngine engine, CampaignStore store,
                                                           ObjectProvider<CampaignEngineLifecycle> lifecycle) {
        return new CampaignHealthIndicator(engine, store, lifecycle.getIfAvailable());
    }
}
