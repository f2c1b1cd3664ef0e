package io.outbound.campaign.boot;

/**
 * The application cannot have a campaign engine as configured: a bean it must provide is missing, or two settings
 * contradict each other. Startup stops with a report of what is wrong and what to do
 * ({@link CampaignFailureAnalyzer}).
 */
public class CampaignConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String description;
    private final String action;

    /**
     * @param description what is wrong
     * @param action      what the application must do about it
     */
    public CampaignConfigurationException(String description, String action) {
        this(description, action, null);
    }

    /**
     * @param description what is wrong
     * @param action      what the application must do about it
     * @param cause       the failure behind it, or {@code null}
     */
    public CampaignConfigurationException(String description, String action, Throwable cause) {
        super(description + " " + action, cause);
        this.description = description;
        this.action = action;
    }

    /** What is wrong. */
    public String description() {
        return description;
    }

    /** What the application must do about it. */
    public String action() {
        return action;
    }
}
