package io.outbound.campaign.twilio;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a status callback URL carries back from the dial: the session id to report under, and the organisation and
 * telephony configuration whose account's auth token must have signed the callback. Twilio posts to the
 * {@code StatusCallback} URL exactly as the call request gave it, query string included, so nothing needs to be
 * remembered between the dial and the callback, on any node.
 *
 * @param sessionId       the engine's call session
 * @param orgId           the organisation that dialled
 * @param configurationId its telephony configuration, or {@code null} for its default
 */
record CallbackAddress(String sessionId, String orgId, Long configurationId) {
    static final String SESSION = "session_id";
    static final String ORG = "org_id";
    static final String CONFIGURATION = "configuration_id";

    /** The status callback URL of a call: the configured URL with this address added to its query. */
    String appendTo(URI statusCallback) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put(SESSION, List.of(sessionId));
        fields.put(ORG, List.of(orgId));
        if (configurationId != null) {
            fields.put(CONFIGURATION, List.of(Long.toString(configurationId)));
        }
        String url = statusCallback.toString();
        return url + (statusCallback.getRawQuery() == null ? "?" : "&") + FormData.encode(fields);
    }

    /**
     * The address in a callback's URL.
     *
     * @throws IllegalArgumentException naming the parameter when one is missing, repeated or malformed
     */
    static CallbackAddress of(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the callback URL is malformed: " + e.getMessage(), e);
        }
        Map<String, List<String>> query = FormData.decode(uri.getRawQuery());
        String session = single(query, SESSION, true);
        String org = single(query, ORG, true);
        String configuration = single(query, CONFIGURATION, false);
        Long configurationId = null;
        if (configuration != null) {
            try {
                configurationId = Long.parseLong(configuration);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(CONFIGURATION + " must be a whole number, was '"
                        + TwilioStatusCallbacks.shown(configuration) + "'", e);
            }
        }
        return new CallbackAddress(session, org, configurationId);
    }

    private static String single(Map<String, List<String>> query, String name, boolean required) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException("the callback URL has no " + name + " parameter");
            }
            return null;
        }
        if (values.size() > 1) {
            throw new IllegalArgumentException("the callback URL has " + values.size() + " " + name
                    + " parameters, expected one");
        }
        if (values.get(0).isBlank()) {
            throw new IllegalArgumentException(name + " of the callback URL must not be blank");
        }
        return values.get(0);
    }
}
