package io.outbound.campaign.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link CampaignConfigurationException} into Boot's startup report: what is wrong, and the action. */
class CampaignFailureAnalyzer extends AbstractFailureAnalyzer<CampaignConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CampaignConfigurationException cause) {
        return new FailureAnalysis(cause.description(), cause.action(), cause);
    }
}
