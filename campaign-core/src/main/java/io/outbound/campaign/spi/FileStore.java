package io.outbound.campaign.spi;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.PresignedUrl;
import java.io.InputStream;
import java.time.Duration;

/**
 * Where contact CSVs live: the host's upload target and the engine's source of contacts.
 *
 * <p>Keys are relative paths with {@code /} separators ({@code campaigns/abc123/contacts.csv}) in the
 * alphabet of {@link FileKeys}. A key that is blank, absolute (a leading {@code /} or {@code \}, a drive
 * letter), that contains a {@code ..} segment or a character outside that alphabet (control and format
 * characters, line separators, {@code " * : < > ? \ |}, ...) is rejected with {@code VALIDATION_FAILED}
 * naming {@code key}, so that no key can escape the store's root or carry harm into a URL, a header or a
 * log. Implementations are thread-safe.
 *
 * <p><b>A key is written once.</b> Once a file is stored under a key, neither {@link #put} nor an upload URL
 * replaces it: a second write is refused with {@code FILE_EXISTS}, and no upload URL is handed out for a key that
 * holds a file. So the file a campaign imported is, for good, the file its {@code contacts_file_key} names and its
 * source download serves; a corrected file goes under a new key and into a new campaign. (A store may offer a way
 * to delete a file; writing the key again after that is a new file, not a replacement.)
 */
public interface FileStore {

    /** How long presigned URLs stay valid unless the caller says otherwise. */
    Duration DEFAULT_PRESIGN_TTL = Duration.ofMinutes(15);

    /**
     * Opens a file for streaming; the caller closes the stream. The whole file is never buffered in memory.
     *
     * @throws CampaignException {@code NOT_FOUND} naming the key when there is no such file,
     *                           {@code VALIDATION_FAILED} for a bad key, {@code FILES_UNAVAILABLE} when the
     *                           store cannot be read
     */
    InputStream open(String key);

    /**
     * Stores a file under a key that holds none. Readers never see a partly written file: until the whole file is
     * stored, the key reads as missing. Of several writers racing for one key, one wins and the others are
     * refused. The stream is read to its end (unless the key is refused first) but not closed.
     *
     * @throws CampaignException {@code FILE_EXISTS} naming the key when it already holds a file (which stays as it
     *                           was), {@code VALIDATION_FAILED} for a bad key, {@code FILES_UNAVAILABLE} on failure
     */
    void put(String key, InputStream content);

    /**
     * Whether a file exists under the key.
     *
     * @throws CampaignException {@code VALIDATION_FAILED} for a bad key, {@code FILES_UNAVAILABLE} on failure
     */
    boolean exists(String key);

    /**
     * A URL from which anyone holding it may {@code GET} the file until it expires.
     *
     * @param ttl how long the URL stays valid; positive
     * @throws CampaignException {@code VALIDATION_FAILED} for a bad key or ttl
     */
    PresignedUrl presignDownload(String key, Duration ttl);

    /**
     * A URL to which anyone holding it may {@code PUT} the file's bytes until it expires. The upload creates the
     * file: once the key holds a file, a {@code PUT} to the URL is refused, however often it is tried, so the URL
     * cannot replace what a campaign imported. The request must carry the URL's {@link PresignedUrl#headers()}.
     *
     * @param ttl how long the URL stays valid; positive
     * @throws CampaignException {@code FILE_EXISTS} naming the key when it already holds a file,
     *                           {@code VALIDATION_FAILED} for a bad key or ttl
     */
    PresignedUrl presignUpload(String key, Duration ttl);
}
