package io.outbound.campaign.memory;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.PresignedUrl;
import io.outbound.campaign.spi.FileKeys;
import io.outbound.campaign.spi.FileStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link FileStore} that keeps files as byte arrays in memory, for tests. It applies the same key rules as
 * every store, and like every store writes a key once: a second {@code put} is {@code FILE_EXISTS}. Its presigned
 * URLs have the form {@code memory://files/{key}?method=GET|PUT&expires={epochSeconds}}: they carry the method and
 * expiry for a test to inspect but grant nothing, as nothing serves them.
 */
public final class InMemoryFileStore implements FileStore {

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Clock clock;

    /** A store whose presigned URLs are dated by the system UTC clock. */
    public InMemoryFileStore() {
        this(Clock.systemUTC());
    }

    /** A store whose presigned URLs are dated by the given clock (a test's manual clock). */
    public InMemoryFileStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Stores the bytes under the key, as {@link #put(String, InputStream)} would.
     *
     * @throws CampaignException {@code FILE_EXISTS} when the key holds a file, {@code VALIDATION_FAILED} for a bad
     *                           key
     */
    public void put(String key, byte[] content) {
        if (files.putIfAbsent(FileKeys.validate("key", key), content.clone()) != null) {
            throw CampaignException.fileExists(key);
        }
    }

    @Override
    public InputStream open(String key) {
        byte[] content = files.get(FileKeys.validate("key", key));
        if (content == null) {
            throw new CampaignException(ErrorCode.NOT_FOUND, "file '" + key + "' not found");
        }
        return new ByteArrayInputStream(content);
    }

    @Override
    public void put(String key, InputStream content) {
        FileKeys.validate("key", key);
        Objects.requireNonNull(content, "content");
        if (files.containsKey(key)) {
            throw CampaignException.fileExists(key);
        }
        byte[] bytes;
        try {
            bytes = content.readAllBytes();
        } catch (IOException e) {
            throw new CampaignException(ErrorCode.FILES_UNAVAILABLE,
                    "file store failed reading the content of '" + key + "': " + e.getMessage(), List.of(), e);
        }
        if (files.putIfAbsent(key, bytes) != null) {
            throw CampaignException.fileExists(key);
        }
    }

    @Override
    public boolean exists(String key) {
        return files.containsKey(FileKeys.validate("key", key));
    }

    /**
     * Removes the file under the key, if any; a test's way to make a file disappear. The key may then be written
     * again, as a new file.
     */
    public void delete(String key) {
        files.remove(FileKeys.validate("key", key));
    }

    @Override
    public PresignedUrl presignDownload(String key, Duration ttl) {
        return presign("GET", key, ttl);
    }

    @Override
    public PresignedUrl presignUpload(String key, Duration ttl) {
        PresignedUrl url = presign("PUT", key, ttl);
        if (files.containsKey(key)) {
            throw CampaignException.fileExists(key);
        }
        return url;
    }

    private PresignedUrl presign(String method, String key, Duration ttl) {
        FileKeys.validate("key", key);
        if (ttl == null || ttl.isZero() || ttl.isNegative()) {
            throw CampaignException.validation("ttl", ttl, "must be positive");
        }
        Instant expiresAt;
        try {
            expiresAt = Instant.ofEpochSecond(clock.instant().plus(ttl).getEpochSecond());
        } catch (DateTimeException | ArithmeticException e) {
            throw CampaignException.validation("ttl", ttl, "is too long");
        }
        try {
            URI url = new URI("memory", "files", "/" + key,
                    "method=" + method + "&expires=" + expiresAt.getEpochSecond(), null);
            return new PresignedUrl(url, method, expiresAt);
        } catch (URISyntaxException e) {
            throw CampaignException.validation("key", key, "cannot be written in a URL: " + e.getReason());
        }
    }
}
