package io.outbound.campaign.twilio;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which Twilio account dials for an organisation's telephony configuration, and verifies its callbacks. A
 * multi-tenant host usually gives each organisation its own account or subaccount and keeps the credentials in
 * its own secret store; this is where it looks them up. Called once per dial and once per callback, so an
 * implementation that reads a remote store should cache.
 */
@FunctionalInterface
public interface TwilioAccounts {

    /**
     * The account of a configuration.
     *
     * @param orgId           the organisation
     * @param configurationId the telephony configuration, or {@code null} for the organisation's default
     * @return the credentials, or empty when the organisation has no Twilio account for that configuration (the
     *         dial then fails, and a callback naming it is refused)
     */
    Optional<TwilioCredentials> credentials(String orgId, Long configurationId);

    /** One account for every organisation and configuration: a single-tenant host. */
    static TwilioAccounts single(TwilioCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        return (org, configurationId) -> Optional.of(credentials);
    }

    /** One account per organisation, for all its configurations; other organisations have none. */
    static TwilioAccounts perOrganisation(Map<String, TwilioCredentials> byOrganisation) {
        Map<String, TwilioCredentials> copy = Map.copyOf(byOrganisation);
        return (org, configurationId) -> Optional.ofNullable(copy.get(org));
    }
}
