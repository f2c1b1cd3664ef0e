package io.outbound.campaign.samples;

import io.outbound.campaign.twilio.TwilioAccounts;
import io.outbound.campaign.twilio.TwilioCredentials;
import io.outbound.campaign.twilio.TwilioTelephony;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@code serve --twilio} dials with, read from the environment so that no secret is ever on a command line:
 *
 * <ul>
 *   <li>{@code TWILIO_ACCOUNT_SID}, {@code TWILIO_AUTH_TOKEN}: the account (required);</li>
 *   <li>{@code TWILIO_API_KEY_SID}, {@code TWILIO_API_KEY_SECRET}: an API key for the REST requests (optional,
 *       both or neither);</li>
 *   <li>{@code TWILIO_FROM_NUMBERS}: the account's caller numbers, E.164, comma-separated (required);</li>
 *   <li>{@code TWILIO_VOICE_URL}: where Twilio fetches the TwiML that connects a call to the agent (required);</li>
 *   <li>{@code PUBLIC_BASE_URL}: this host as Twilio reaches it, {@code https://host[:port]} (required: status
 *       callbacks go to {@code PUBLIC_BASE_URL/webhooks/twilio});</li>
 *   <li>{@code TWILIO_API_BASE_URL}: Twilio's REST API (optional; a stand-in's address for tests).</li>
 * </ul>
 *
 * @param credentials     the account
 * @param callerNumbers   the caller numbers every organisation's default configuration dials from
 * @param voiceUrl        the TwiML URL
 * @param publicBaseUrl   this host's public base URL
 * @param apiBaseUrl      Twilio's REST API
 */
public record TwilioSettings(TwilioCredentials credentials, List<String> callerNumbers, URI voiceUrl,
                             URI publicBaseUrl, URI apiBaseUrl) {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    public TwilioSettings {
        Objects.requireNonNull(credentials, "credentials");
        callerNumbers = List.copyOf(callerNumbers);
    }

    /**
     * The settings in an environment.
     *
     * @throws IllegalArgumentException naming the variable when one is missing or malformed (never showing a
     *                                  secret's value)
     */
    public static TwilioSettings fromEnvironment(Map<String, String> env) {
        String keySid = optional(env, "TWILIO_API_KEY_SID");
        String keySecret = optional(env, "TWILIO_API_KEY_SECRET");
        TwilioCredentials credentials;
        try {
            credentials = new TwilioCredentials(required(env, "TWILIO_ACCOUNT_SID"), required(env, "TWILIO_AUTH_TOKEN"),
                    keySid, keySecret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TWILIO_* credentials: " + e.getMessage(), e);
        }
        List<String> numbers = new ArrayList<>();
        for (String number : required(env, "TWILIO_FROM_NUMBERS").split(",")) {
            String trimmed = number.trim();
            if (!E164.matcher(trimmed).matches()) {
                throw new IllegalArgumentException("TWILIO_FROM_NUMBERS must be E.164 numbers separated by commas, had '"
                        + trimmed + "'");
            }
            numbers.add(trimmed);
        }
        URI voice = url(env, "TWILIO_VOICE_URL", required(env, "TWILIO_VOICE_URL"));
        URI publicBase = url(env, "PUBLIC_BASE_URL", required(env, "PUBLIC_BASE_URL"));
        String api = optional(env, "TWILIO_API_BASE_URL");
        return new TwilioSettings(credentials, numbers, voice, publicBase,
                api == null ? TwilioTelephony.Builder.DEFAULT_BASE_URL : url(env, "TWILIO_API_BASE_URL", api));
    }

    /** The one account, for every organisation. */
    public TwilioAccounts accounts() {
        return TwilioAccounts.single(credentials);
    }

    /** Where Twilio posts status callbacks. */
    public URI statusCallbackUrl() {
        String base = publicBaseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/webhooks/twilio");
    }

    /** The telephony these settings describe. */
    public TwilioTelephony telephony() {
        return TwilioTelephony.builder(accounts())
                .baseUrl(apiBaseUrl)
                .voiceUrl(voiceUrl)
                .statusCallbackUrl(statusCallbackUrl())
                .build();
    }

    private static String required(Map<String, String> env, String name) {
        String value = optional(env, name);
        if (value == null) {
            throw new IllegalArgumentException(name + " must be set for serve --twilio");
        }
        return value;
    }

    private static String optional(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static URI url(Map<String, String> env, String name, String value) {
        try {
            URI uri = new URI(value);
            if (uri.isAbsolute() && uri.getHost() != null
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be an absolute http or https URL, was '" + value + "'");
    }

    @Override
    public String toString() {
        return "TwilioSettings[" + credentials + ", from " + callerNumbers + ", voice " + voiceUrl + ", public "
                + publicBaseUrl + "]";
    }
}
