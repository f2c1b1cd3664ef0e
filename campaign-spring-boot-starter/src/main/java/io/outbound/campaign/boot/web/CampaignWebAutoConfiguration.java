package io.outbound.campaign.boot.web;

import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.boot.CampaignAutoConfiguration;
import io.outbound.campaign.boot.CampaignConfigurationException;
import io.outbound.campaign.boot.CampaignProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The campaign endpoints ({@link CampaignController}) in a servlet web application when
 * {@code campaign.web.enabled} is true. The application must define a {@link CampaignOrganisationResolver}; without
 * one, startup fails saying so.
 */
@AutoConfiguration(after = CampaignAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnProperty(prefix = "campaign.web", name = "enabled", havingValue = "true")
@ConditionalOnBean(CampaignEngine.class)
public class CampaignWebAutoConfiguration {

    /** The twelve endpoints, scoped to the resolver's organisation. */
    @Bean
    @ConditionalOnMissingBean
    public CampaignController campaignController(CampaignEngine engine, CampaignProperties properties,
                                                 ObjectProvider<CampaignOrganisationResolver> resolver) {
        CampaignOrganisationResolver organisations = resolver.getIfAvailable();
        if (organisations == null) {
            throw new CampaignConfigurationException("campaign.web.enabled is true, and the campaign endpoints need"
                    + " a bean of type " + CampaignOrganisationResolver.class.getName() + " to know which"
                    + " organisation each request acts for; the application has none.",
                    "Define a @Bean of type " + CampaignOrganisationResolver.class.getName() + " (from the"
                            + " request's authentication), or set campaign.web.enabled=false.");
        }
        return new CampaignController(engine.campaigns(), organisations,
                properties.getWeb().getMaxJsonSize().toBytes());
    }
}
