package io.outbound.campaign.twilio;

import java.net.URI;
import java.util.Objects;

/**
 * What Twilio does once the call is answered: fetch TwiML from the host's voice URL (which typically connects
 * the call to the workflow's agent over a media stream), or run TwiML given inline. Chosen per call, so each
 * workflow can have its own agent.
 */
public sealed interface VoiceInstructions {
    /** Twilio's limit on inline TwiML ({@code Twiml} parameter of a call request), in characters. */
    int MAX_TWIML_LENGTH = 4000;

    /**
     * Fetch TwiML from a URL ({@code Url}), with a {@code POST} signed like the callbacks.
     *
     * @throws IllegalArgumentException when the URL is not absolute {@code http} or {@code https}
     */
    static VoiceInstructions url(URI url) {
        return new Url(url);
    }

    /**
     * Run TwiML given inline ({@code Twiml}).
     *
     * @throws IllegalArgumentException when blank or longer than {@value #MAX_TWIML_LENGTH} characters
     */
    static VoiceInstructions twiml(String twiml) {
        return new Twiml(twiml);
    }

    /** Instructions fetched from a URL. */
    record Url(URI url) implements VoiceInstructions {
        public Url {
            Objects.requireNonNull(url, "url");
            if (!url.isAbsolute() || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))
                    || url.getHost() == null) {
                throw new IllegalArgumentException("the voice url must be an absolute http or https URL, was '"
                        + url + "'");
            }
        }
    }

    /** Instructions given inline. */
    record Twiml(String twiml) implements VoiceInstructions {
        public Twiml {
            if (twiml == null || twiml.isBlank()) {
                throw new IllegalArgumentException("twiml must not be blank");
            }
            if (twiml.length() > MAX_TWIML_LENGTH) {
                throw new IllegalArgumentException("twiml must be at most " + MAX_TWIML_LENGTH
                        + " characters (Twilio's limit), was " + twiml.length());
            }
        }
    }
}
