package io.outbound.campaign.rules;

import java.util.Locale;

/** What a caller asks of a campaign. */
public enum CampaignAction {
    START, PAUSE, RESUME, UPDATE, REDIAL;

    /** The verb for messages: {@code start}, {@code pause}, ... */
    public String verb() {
        return name().toLowerCase(Locale.ROOT);
    }
}
