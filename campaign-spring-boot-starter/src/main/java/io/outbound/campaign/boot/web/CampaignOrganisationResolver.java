package io.outbound.campaign.boot.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Which organisation (tenant) a request to the campaign endpoints acts for. The application defines one as a bean
 * when {@code campaign.web.enabled} is true: from its security context, an API key, a verified token's claim. Every
 * campaign operation is scoped to the organisation it returns; another organisation's campaign is not found.
 *
 * <pre>{@code
 * @Bean
 * CampaignOrganisationResolver organisations(ApiKeys keys) {
 *     return request -> keys.organisationOf(request.getHeader("Authorization"));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface CampaignOrganisationResolver {

    /**
     * The organisation the request acts for.
     *
     * @return the organisation's id, or empty when the request does not authenticate one (answered 401
     *         {@code UNAUTHORIZED}); an exception thrown here is left to the application's own error handling
     */
    Optional<String> organisation(HttpServletRequest request);
}
