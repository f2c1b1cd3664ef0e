package io.outbound.campaign.twilio;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}), as its security documentation defines it for form
 * posts: the full URL Twilio requested (scheme, host, port if any, path and query, exactly as configured), then
 * each form parameter's name followed by its value, parameters in order of name (values of a repeated name in
 * order of value), with nothing between them; HMAC-SHA1 of that text, keyed with the account's auth token, in
 * Base64.
 *
 * <p>Twilio may have requested the URL with or without the scheme's default port ({@code :443}) whatever the
 * configured URL said, so {@link #matches} accepts either spelling, as Twilio's own validators do. The
 * comparison is constant-time ({@link MessageDigest#isEqual}).
 */
public final class TwilioSignature {
    /** The header that carries the signature. */
    public static final String HEADER = "X-Twilio-Signature";

    private TwilioSignature() {
    }

    /**
     * The signature Twilio sends for a form post.
     *
     * @param authToken the account's auth token
     * @param url       the URL Twilio requested, with its query string
     * @param form      the form parameters of the body (decoded)
     * @return the Base64 HMAC-SHA1
     */
    public static String compute(String authToken, String url, Map<String, List<String>> form) {
        Objects.requireNonNull(authToken, "authToken");
        Objects.requireNonNull(url, "url");
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, values) -> {
            List<String> sorted = new ArrayList<>(values);
            sorted.sort(null);
            for (String value : sorted) {
                data.append(name).append(value);
            }
        });
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is required by every Java platform", e);
        }
    }

    /**
     * Whether a presented signature is Twilio's for the request: compared in constant time with the signature of
     * the URL as given and of the URL with its default port added or removed.
     *
     * @param presented the {@code X-Twilio-Signature} header, or {@code null} (never matches)
     */
    public static boolean matches(String authToken, String url, Map<String, List<String>> form, String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (String spelling : spellings(url)) {
            // No early exit: every spelling is compared, whichever matched.
            match |= MessageDigest.isEqual(compute(authToken, spelling, form).getBytes(StandardCharsets.UTF_8),
                    given);
        }
        return match;
    }

    /** The URL as given, and with the scheme's default port added when it has none or removed when it has it. */
    static List<String> spellings(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return List.of(url);
        }
        int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443
                : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : -1;
        if (defaultPort < 0 || uri.getRawAuthority() == null || uri.getRawAuthority().contains("@")) {
            return List.of(url);
        }
        String authority = uri.getRawAuthority();
        String prefix = uri.getScheme() + "://";
        if (!url.regionMatches(true, 0, prefix, 0, prefix.length())
                || !url.startsWith(authority, prefix.length())) {
            return List.of(url);
        }
        String rest = url.substring(prefix.length() + authority.length());
        String head = url.substring(0, prefix.length());
        if (uri.getPort() == -1) {
            return List.of(url, head + authority + ":" + defaultPort + rest);
        }
        if (uri.getPort() == defaultPort) {
            String bare = authority.substring(0, authority.length() - (":" + defaultPort).length());
            return List.of(url, head + bare + rest);
        }
        return List.of(url);
    }
}
