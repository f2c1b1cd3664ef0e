package io.outbound.campaign.samples.http;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Which organisation each API key belongs to: the host's whole notion of tenancy. A request names its key in
 * {@code Authorization: Bearer <key>}; the organisation it maps to is the tenant of every campaign call.
 *
 * <p>Keys are kept as SHA-256 digests and a presented key is compared with every one of them in constant time
 * ({@link MessageDigest#isEqual} over digests of one length, no early exit), so response times do not leak how
 * much of a key a guess got right.
 */
public final class ApiKeys {
    private static final Pattern ORGANISATION = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MIN_KEY_LENGTH = 16;

    private final List<KnownKey> known;
    private final DigestComparison comparison;

    /** A key as the host keeps it: its SHA-256 digest, never the key itself, and its organisation. */
    private record KnownKey(byte[] digest, String organisation) {
    }

    /** How two digests are compared; {@link MessageDigest#isEqual}, which takes the same time for any content. */
    @FunctionalInterface
    interface DigestComparison {
        boolean same(byte[] known, byte[] presented);
    }

    private ApiKeys(List<KnownKey> known, DigestComparison comparison) {
        this.known = List.copyOf(known);
        this.comparison = comparison;
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
        List<KnownKey> known = new ArrayList<>();
        organisationByKey.forEach((key, org) -> known.add(new KnownKey(digest(key), org)));
        return new ApiKeys(known, MessageDigest::isEqual);
    }

    /** The same keys compared by another comparison: a test's way to watch what the lookup compares. */
    ApiKeys comparingWith(DigestComparison comparison) {
        return new ApiKeys(known, comparison);
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

    /**
     * The organisation of a key, if the key is known. The key's digest is compared with every known key's digest,
     * all of the same length, in time that does not depend on where they differ, and the loop never stops early:
     * how long the answer takes says nothing about how close a guess came, nor which key matched.
     */
    public Optional<String> organisation(String key) {
        byte[] presented = digest(key == null ? "" : key);
        String found = null;
        for (KnownKey candidate : known) {
            boolean same = comparison.same(candidate.digest(), presented);
            found = same ? candidate.organisation() : found;
        }
        return key == null ? Optional.empty() : Optional.ofNullable(found);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
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
        return known.size() + " API key(s)";
    }
}
