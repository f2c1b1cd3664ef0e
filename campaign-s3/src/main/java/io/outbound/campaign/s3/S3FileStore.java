package io.outbound.campaign.s3;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.PresignedUrl;
import io.outbound.campaign.spi.FileKeys;
import io.outbound.campaign.spi.FileStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A {@link FileStore} on an S3 bucket (AWS S3 or any S3-compatible service: MinIO, Cloudflare R2,
 * Ceph, ...), built on the AWS SDK for Java v2.
 *
 * <p>Every key is validated with {@link FileKeys} and stored under the store's key prefix, so
 * {@code open("abc/contacts.csv")} on a store with prefix {@code campaigns/} reads the object
 * {@code campaigns/abc/contacts.csv}. Reads stream the object; uploads of unknown length switch to a
 * multipart upload past a threshold and never hold more than one part in memory. Presigned URLs are
 * signed with the store's {@link java.time.Clock}, so their expiry agrees with the time the engine
 * runs on.
 *
 * <p>A key is written once (see {@link FileStore}). {@code put} first checks that no object is under the key and
 * then writes with {@code If-None-Match: *}, and an upload URL is signed with that header, which its request must
 * send ({@link PresignedUrl#headers()}): S3 refuses the write when the object exists by then. This relies on the
 * service's conditional writes, which AWS S3 has honoured since 2024; check that an S3-compatible service does.
 * A service that ignores the header (S3Proxy 2.6, for one) still gets the check before {@code put}, but there two
 * writers racing for a key may both succeed, and an upload URL may replace an object: turn on bucket versioning
 * there if a campaign's source must be kept whatever happens.
 *
 * <p>Instances are thread-safe. {@link #close()} closes the S3 client if the store created it, and
 * leaves a client passed to {@link S3FileStoreBuilder#s3Client(S3Client)} open.
 *
 * <pre>{@code
 * S3FileStore files = S3FileStore.builder()
 *     .bucket("acme-campaigns")
 *     .keyPrefix("campaigns/")
 *     .region(Region.EU_WEST_1)
 *     .build();
 * }</pre>
 */
public final class S3FileStore implements FileStore, AutoCloseable {

    /** The longest object key S3 accepts, in UTF-8 bytes, prefix included. */
    static final int MAX_OBJECT_KEY_BYTES = 1024;

    private final S3Client s3;
    private final boolean ownsClient;
    private final String bucket;
    private final String keyPrefix;
    private final Duration presignTtl;
    private final ObjectUploader uploader;
    private final UrlSigner signer;

    S3FileStore(S3Client s3, boolean ownsClient, String bucket, String keyPrefix, Duration presignTtl,
                long multipartThreshold, long partSize, Clock clock) {
        this.s3 = s3;
        this.ownsClient = ownsClient;
        this.bucket = bucket;
        this.keyPrefix = keyPrefix;
        this.presignTtl = presignTtl;
        this.uploader = new ObjectUploader(s3, bucket, multipartThreshold, partSize);
        this.signer = new UrlSigner(s3, bucket, clock);
    }

    /** A builder; only {@link S3FileStoreBuilder#bucket(String) bucket} is required. */
    public static S3FileStoreBuilder builder() {
        return new S3FileStoreBuilder();
    }

    /** The bucket this store reads and writes. */
    public String bucket() {
        return bucket;
    }

    /** The prefix put before every key: empty, or ending with {@code /}. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The stream reads the object over the network as it is consumed; close it to release the
     * connection.
     */
    @Override
    public InputStream open(String key) {
        String objectKey = objectKey(key);
        try {
            return s3.getObject(request -> request.bucket(bucket).key(objectKey));
        } catch (SdkException e) {
            throw failure("opening", key, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Content shorter than the multipart threshold goes up in one {@code PutObject}; longer content
     * goes up as a multipart upload that is aborted if anything fails, so no partial object is ever
     * visible.
     */
    @Override
    public void put(String key, InputStream content) {
        Objects.requireNonNull(content, "content");
        String objectKey = objectKey(key);
        if (exists(key)) {
            throw CampaignException.fileExists(key);
        }
        try {
            uploader.upload(objectKey, key, content);
        } catch (S3Exception e) {
            throw lostTheConditionalWrite(e) ? CampaignException.fileExists(key) : failure("storing", key, e);
        } catch (SdkException e) {
            throw failure("storing", key, e);
        }
    }

    /** Whether S3 refused a write with {@code If-None-Match: *} because the object exists, or another such write won. */
    private static boolean lostTheConditionalWrite(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.statusCode() == 412 || "PreconditionFailed".equals(code) || "ConditionalRequestConflict".equals(code);
    }

    @Override
    public boolean exists(String key) {
        String objectKey = objectKey(key);
        try {
            s3.headObject(request -> request.bucket(bucket).key(objectKey));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !(e instanceof NoSuchBucketException)) {
                return false;
            }
            throw failure("checking", key, e);
        } catch (SdkException e) {
            throw failure("checking", key, e);
        }
    }

    /** A download URL valid for the store's {@link S3FileStoreBuilder#presignTtl(Duration) presignTtl}. */
    public PresignedUrl presignDownload(String key) {
        return presignDownload(key, presignTtl);
    }

    @Override
    public PresignedUrl presignDownload(String key, Duration ttl) {
        String objectKey = objectKey(key);
        return signer.presign("GET", objectKey, checkTtl(ttl));
    }

    /** An upload URL valid for the store's {@link S3FileStoreBuilder#presignTtl(Duration) presignTtl}. */
    public PresignedUrl presignUpload(String key) {
        return presignUpload(key, presignTtl);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The URL is signed with {@code If-None-Match: *}: the upload must send that header, and S3 then refuses it
     * once the object exists.
     */
    @Override
    public PresignedUrl presignUpload(String key, Duration ttl) {
        String objectKey = objectKey(key);
        Duration valid = checkTtl(ttl);
        if (exists(key)) {
            throw CampaignException.fileExists(key);
        }
        return signer.presign("PUT", objectKey, valid);
    }

    /** Closes the S3 client if this store created it. */
    @Override
    public void close() {
        if (ownsClient) {
            s3.close();
        }
    }

    @Override
    public String toString() {
        return "S3FileStore[s3://" + bucket + "/" + keyPrefix + "]";
    }

    /** The object key of a file key: validated, then prefixed. */
    String objectKey(String key) {
        FileKeys.validate("key", key);
        String objectKey = keyPrefix + key;
        if (objectKey.getBytes(StandardCharsets.UTF_8).length > MAX_OBJECT_KEY_BYTES) {
            throw CampaignException.validation("key", key, "must be at most " + MAX_OBJECT_KEY_BYTES
                    + " bytes in UTF-8 together with the key prefix '" + keyPrefix + "'");
        }
        return objectKey;
    }

    private static Duration checkTtl(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw CampaignException.validation("ttl", ttl, "must be positive");
        }
        if (ttl.compareTo(UrlSigner.MAX_TTL) > 0) {
            throw CampaignException.validation("ttl", ttl, "must be at most " + UrlSigner.MAX_TTL
                    + " (the longest a SigV4 presigned URL may live)");
        }
        return ttl;
    }

    private CampaignException failure(String action, String key, SdkException e) {
        if (e instanceof NoSuchKeyException
                || (e instanceof S3Exception s3e && s3e.statusCode() == 404 && !(e instanceof NoSuchBucketException))) {
            return new CampaignException(ErrorCode.NOT_FOUND,
                    "file '" + key + "' not found in S3 bucket '" + bucket + "'", List.of(), e);
        }
        String reason = e instanceof NoSuchBucketException ? "the bucket does not exist" : e.getMessage();
        return new CampaignException(ErrorCode.FILES_UNAVAILABLE, "S3 bucket '" + bucket + "' unavailable while "
                + action + " file '" + key + "': " + reason, List.of(), e);
    }
}
