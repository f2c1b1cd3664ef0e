package io.outbound.campaign.samples.http;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Which organisation each API key belongs to: the host's whole notion of tenancy. A request names its key in
 * {@code Authorization: Bearer <key>}; the organisation it maps to is the tenant of every campaign call.
 */
public final class ApiKeys {
    private static final Pattern ORGANISATION = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MIN_KEY_LENGTH = 16;

    private final Map<String, String> organisationByKey;

    private ApiKeys(Map<String, String> organisationByKey) {
        this.organisationByKey = Map.copyOf(organisationByKey);
    }

    /**
     * Keys mapped to organisations.
     *
     * @throws IllegalArgumentException when a key is shorter than 16 characters or has white space, or an
     *                                  organisation id is not 1 to 64 of {@code A-Z a-z 0-9 . _ -} (it
     *                                  becomes part of file keys)
     */
    public static ApiKeys of(Map<String, String> organisationByKey) {
        if (organisationByKey.isEmpty()) {
            throw new IllegalArgumentException("at least one API key is required");
        }
        organisationByKey.forEach((key, org) -> {
            if (key.length() < MIN_KEY_LENGTH || key.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("API keys must be at least " + MIN_KEY_LENGTH
                        + " characters without white space, was one of " + key.length() + " characters");
            }
            if (!ORGANISATION.matcher(org).matches()) {
                throw new IllegalArgumentException("organisation ids must be 1 to 64 of A-Z a-z 0-9 . _ -, was '"
                        + org + "'");
            }
        });
        return new ApiKeys(organisationByKey);
    }

    /**
     * Reads a properties file of {@code key=organisation} lines.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException as {@link #of}
     */
    public static ApiKeys load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> keys = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> keys.put(key.trim(), properties.getProperty(key).trim()));
        return of(keys);
    }

    /** A new random key (32 hex digits). */
    public static String randomKey() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The organisation of a key, if the key is known. */
    public Optional<String> organisation(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(organisationByKey.get(key));
    }

    /**
     * The organisation named by an {@code Authorization} header.
     *
     * @throws HttpFailure 401 when the header is missing, not a bearer token, or names an unknown key
     */
    String authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw HttpFailure.unauthorized("an API key is required: send Authorization: Bearer <key>");
        }
        String prefix = "Bearer ";
        if (!authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw HttpFailure.unauthorized("the Authorization header must be Bearer <key>");
        }
        return organisation(authorization.substring(prefix.length()).trim())
                .orElseThrow(() -> HttpFailure.unauthorized("the API key is not known"));
    }

    @Override
    public String toString() {
        return organisationByKey.size() + " API key(s)";
    }
}
