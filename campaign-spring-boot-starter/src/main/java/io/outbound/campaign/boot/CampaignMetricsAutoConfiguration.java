package io.outbound.campaign.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.outbound.campaign.micrometer.CampaignMetrics;
import io.outbound.campaign.spi.CampaignStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link CampaignMetrics} on the application's {@link MeterRegistry}, when campaign-micrometer is on the class path
 * and the application has a registry (Actuator brings one). The engine takes it as a listener and an observer like
 * any other {@code CampaignListener} and {@code EngineObserver} bean.
 */
@AutoConfiguration(before = CampaignAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, CampaignMetrics.class})
@ConditionalOnBean(MeterRegistry.class)
public class CampaignMetricsAutoConfiguration {

    /** The engine's meters ({@code campaign.*}), with the in-flight gauge read from the store when there is one. */
    @Bean
    @ConditionalOnMissingBean
    public CampaignMetrics campaignMetrics(MeterRegistry registry, ObjectProvider<CampaignStore> store) {
        CampaignMetrics.Builder builder = CampaignMetrics.builder(registry);
        store.ifAvailable(builder::store);
        return builder.build();
    }
}
