package io.outbound.campaign.internal.importer;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.PresignedUrl;
import io.outbound.campaign.memory.InMemoryFileStore;
import io.outbound.campaign.spi.FileStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The least FileStore the importer's tests need; the testkit's InMemoryFileStore is out of reach here. */
class BytesFileStore implements FileStore {

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    BytesFileStore with(String key, byte[] content) {
        files.put(key, content);
        return this;
    }

    @Override
    public InputStream open(String key) {
        byte[] content = files.get(key);
        if (content == null) {
            throw new CampaignException(ErrorCode.NOT_FOUND, "file '" + key + "' not found");
        }
        return new ByteArrayInputStream(content);
    }

    @Override
    public void put(String key, InputStream content) {
        try {
            files.put(key, content.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean exists(String key) {
        return files.containsKey(key);
    }

    @Override
    public PresignedUrl presignDownload(String key, Duration ttl) {
        throw new UnsupportedOperationException();
    }

    @Override
    public PresignedUrl presignUpload(String key, Duration ttl) {
        throw new UnsupportedOperationException();
    }
}
