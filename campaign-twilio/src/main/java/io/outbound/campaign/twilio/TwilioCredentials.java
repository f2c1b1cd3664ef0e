package io.outbound.campaign.twilio;

import java.util.regex.Pattern;

/**
 * One Twilio account (or subaccount) as the engine uses it: the account whose {@code Calls} resource places the
 * calls, the auth token that signs its status callbacks, and optionally an API key that authenticates the REST
 * requests instead of the auth token (Twilio's advice for production).
 *
 * <p>{@link #toString()} shows the account SID and never a secret, so credentials may appear in logs and
 * exception messages by accident without leaking.
 *
 * @param accountSid   the account's SID, {@code AC} and 32 hexadecimal digits
 * @param authToken    the account's auth token: the key of the HMAC that signs its callbacks
 * @param apiKeySid    an API key's SID ({@code SK} and 32 hexadecimal digits) for the REST requests, or
 *                     {@code null} to authenticate them with the account SID and auth token
 * @param apiKeySecret the API key's secret, present exactly when {@code apiKeySid} is
 */
public record TwilioCredentials(String accountSid, String authToken, String apiKeySid, String apiKeySecret) {
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern API_KEY_SID = Pattern.compile("SK[0-9a-fA-F]{32}");

    /**
     * @throws IllegalArgumentException naming the field when the account SID or API key SID is malformed, a secret
     *                                  is blank, or only one of the API key's SID and secret is given
     */
    public TwilioCredentials {
        if (accountSid == null || !ACCOUNT_SID.matcher(accountSid).matches()) {
            throw new IllegalArgumentException("accountSid must be AC followed by 32 hexadecimal digits, was "
                    + shown(accountSid));
        }
        if (authToken == null || authToken.isBlank()) {
            throw new IllegalArgumentException("authToken of account " + accountSid + " must not be blank");
        }
        if ((apiKeySid == null) != (apiKeySecret == null)) {
            throw new IllegalArgumentException("apiKeySid and apiKeySecret of account " + accountSid
                    + " must be given together or not at all");
        }
        if (apiKeySid != null && !API_KEY_SID.matcher(apiKeySid).matches()) {
            throw new IllegalArgumentException("apiKeySid must be SK followed by 32 hexadecimal digits, was "
                    + shown(apiKeySid));
        }
        if (apiKeySecret != null && apiKeySecret.isBlank()) {
            throw new IllegalArgumentException("apiKeySecret of account " + accountSid + " must not be blank");
        }
    }

    /** An account whose REST requests authenticate with its SID and auth token. */
    public static TwilioCredentials of(String accountSid, String authToken) {
        return new TwilioCredentials(accountSid, authToken, null, null);
    }

    /** An account whose REST requests authenticate with an API key; the auth token still verifies callbacks. */
    public static TwilioCredentials withApiKey(String accountSid, String authToken, String apiKeySid,
                                               String apiKeySecret) {
        return new TwilioCredentials(accountSid, authToken, apiKeySid, apiKeySecret);
    }

    /** The user name of the REST requests' basic authentication. */
    String restUser() {
        return apiKeySid != null ? apiKeySid : accountSid;
    }

    /** The password of the REST requests' basic authentication. */
    String restPassword() {
        return apiKeySid != null ? apiKeySecret : authToken;
    }

    /** The account SID and whether an API key is used; secrets are never shown. */
    @Override
    public String toString() {
        return "TwilioCredentials[accountSid=" + accountSid + ", authToken=(redacted)"
                + (apiKeySid == null ? "" : ", apiKeySid=" + apiKeySid + ", apiKeySecret=(redacted)") + "]";
    }

    /** A rejected identifier by its length only: a secret pasted into the wrong variable must not be echoed. */
    private static String shown(String value) {
        return value == null ? "null" : "a value of " + value.length() + " characters";
    }
}
