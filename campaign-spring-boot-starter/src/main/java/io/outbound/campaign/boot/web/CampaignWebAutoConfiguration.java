package io.outbound.campaign.boot.web;

import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.boot.CampaignAutoConfiguration;
import io.outbound.campaign.boot.CampaignConfigurationException;
import io.outbound.campaign.boot.CampaignProperties;
import io.outbound.campaign.spi.FileStore;
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
 * The campaign endpoints in a servlet web application when {@code campaign.web.enabled} is true: the campaigns
 * ({@link CampaignController}), the suppression lists ({@link SuppressionController}) and presigned file uploads
 * ({@link FileController}), and with {@code campaign.dashboard.enabled} the operator's dashboard
 * ({@link CampaignDashboardController}). The application must define a {@link CampaignOrganisationResolver}; without
 * one, startup fails saying so. None of them authenticates: the application's security covers their paths.
 */
@AutoConfiguration(after = CampaignAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnProperty(prefix = "campaign.web", name = "enabled", havingValue = "true")
@ConditionalOnBean(CampaignEngine.class)
public class CampaignWebAutoConfiguration {

    /** The campaign endpoints, scoped to the resolver's organisation. */
    @Bean
    @ConditionalOnMissingBean
    public CampaignController campaignController(CampaignEngine engine, CampaignProperties properties,
                                                 ObjectProvider<CampaignOrganisationResolver> resolver) {
        return new CampaignController(engine.campaigns(), organisations(resolver),
                properties.getWeb().getMaxJsonSize().toBytes());
    }

    /** {@code /suppressions}, scoped to the resolver's organisation. */
    @Bean
    @ConditionalOnMissingBean
    public SuppressionController suppressionController(CampaignEngine engine, CampaignProperties properties,
                                                       ObjectProvider<CampaignOrganisationResolver> resolver) {
        return new SuppressionController(engine.suppressions(), organisations(resolver),
                properties.getWeb().getMaxJsonSize().toBytes());
    }

    /**
     * {@code POST /files/upload-url}, and for a local file store the presigned uploads and downloads themselves.
     * Upload URLs live as long as source download URLs ({@code campaign.presign-ttl}); an upload may be as large as
     * an import may read ({@code campaign.import-limits.max-file-size}).
     */
    @Bean
    @ConditionalOnMissingBean
    public FileController campaignFileController(FileStore files, CampaignProperties properties,
                                                 ObjectProvider<CampaignOrganisationResolver> resolver) {
        return new FileController(files, organisations(resolver), properties.getWeb().getMaxJsonSize().toBytes(),
                properties.getPresignTtl(), properties.getImportLimits().getMaxFileSize().toBytes());
    }

    /** The dashboard's three files at {@code campaign.dashboard.path}, when {@code campaign.dashboard.enabled}. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "campaign.dashboard", name = "enabled", havingValue = "true")
    public CampaignDashboardController campaignDashboardController(CampaignProperties properties) {
        return new CampaignDashboardController(properties.getDashboard().getPath(),
                properties.getDashboard().getConnectSources());
    }

    private static CampaignOrganisationResolver organisations(ObjectProvider<CampaignOrganisationResolver> resolver) {
        CampaignOrganisationResolver organisations = resolver.getIfAvailable();
        if (organisations == null) {
            throw new CampaignConfigurationException("campaign.web.enabled is true, and the campaign endpoints need"
                    + " a bean of type " + CampaignOrganisationResolver.class.getName() + " to know which"
                    + " organisation each request acts for; the application has none.",
                    "Define a @Bean of type " + CampaignOrganisationResolver.class.getName() + " (from the"
                            + " request's authentication), or set campaign.web.enabled=false.");
        }
        return organisations;
    }
}
