package io.outbound.campaign.s3;

import io.outbound.campaign.spi.FileKeys;
import io.outbound.campaign.spi.FileStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds an {@link S3FileStore}. Only the bucket is required: the region and credentials come from
 * the AWS SDK's default chains (environment, system properties, profile files, container and
 * instance metadata) when not given. For an S3-compatible service set {@link #endpointOverride(URI)}
 * and usually {@link #pathStyleAccess(boolean) pathStyleAccess(true)}. A host that already has an
 * {@link S3Client} passes it to {@link #s3Client(S3Client)} instead of the connection settings.
 *
 * <p>Each setter checks its argument at once and {@link #build()} checks the combination, with a
 * message that names the setting and the value.
 */
public final class S3FileStoreBuilder {

    /** Presigned URLs from {@link S3FileStore#presignDownload(String)} and its upload twin live this long. */
    public static final Duration DEFAULT_PRESIGN_TTL = FileStore.DEFAULT_PRESIGN_TTL;
    /** Content up to this many bytes is uploaded with one {@code PutObject}: 16 MiB. */
    public static final long DEFAULT_MULTIPART_THRESHOLD = 16L * 1024 * 1024;
    /** Each part after the first of a multipart upload is this many bytes: 8 MiB. */
    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
    /** The smallest part S3 accepts (except for the last part of an upload): 5 MiB. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** The largest part or threshold this store accepts, since one part is held in memory: 1 GiB. */
    public static final long MAX_PART_SIZE = 1024L * 1024 * 1024;

    private String bucket;
    private String keyPrefix = "";
    private Region region;
    private AwsCredentialsProvider credentials;
    private URI endpointOverride;
    private Boolean pathStyleAccess;
    private boolean uploadChecksums = true;
    private S3Client s3Client;
    private Duration presignTtl = DEFAULT_PRESIGN_TTL;
    private long multipartThreshold = DEFAULT_MULTIPART_THRESHOLD;
    private long partSize = DEFAULT_PART_SIZE;
    private Clock clock = Clock.systemUTC();

    S3FileStoreBuilder() {
    }

    /**
     * The bucket holding the files; required. Must follow S3's naming rules: 3 to 63 characters of
     * lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit.
     */
    public S3FileStoreBuilder bucket(String bucket) {
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("bucket must be 3 to 63 lower-case letters, digits, '.' or '-',"
                    + " starting and ending with a letter or digit, was " + quoted(bucket));
        }
        this.bucket = bucket;
        return this;
    }

    /**
     * A prefix put before every key, such as {@code campaigns/}; default none. A {@code /} is added
     * when missing, so that one store's keys never run into another's ({@code campaigns} and
     * {@code campaigns-old}). The prefix itself follows the key rules of {@link FileKeys}.
     */
    public S3FileStoreBuilder keyPrefix(String keyPrefix) {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (keyPrefix.isEmpty()) {
            this.keyPrefix = "";
            return this;
        }
        String withoutSlash = keyPrefix.endsWith("/") ? keyPrefix.substring(0, keyPrefix.length() - 1) : keyPrefix;
        String problem = FileKeys.problem(withoutSlash);
        if (problem != null) {
            throw new IllegalArgumentException("keyPrefix " + problem + ", was " + quoted(keyPrefix));
        }
        this.keyPrefix = withoutSlash + "/";
        return this;
    }

    /** The bucket's region; default from the SDK's region chain ({@code AWS_REGION}, profile, ...). */
    public S3FileStoreBuilder region(Region region) {
        this.region = Objects.requireNonNull(region, "region");
        return this;
    }

    /** The credentials; default the SDK's default credentials chain. */
    public S3FileStoreBuilder credentials(AwsCredentialsProvider credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        return this;
    }

    /** The endpoint of an S3-compatible service, such as {@code http://127.0.0.1:9000} for MinIO. */
    public S3FileStoreBuilder endpointOverride(URI endpoint) {
        Objects.requireNonNull(endpoint, "endpointOverride");
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme()) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpointOverride must be an absolute http or https URI, was '"
                    + endpoint + "'");
        }
        this.endpointOverride = endpoint;
        return this;
    }

    /**
     * Whether to address objects as {@code https://host/bucket/key} rather than
     * {@code https://bucket.host/key}; default {@code false}. Most self-hosted S3-compatible services
     * need {@code true}.
     */
    public S3FileStoreBuilder pathStyleAccess(boolean pathStyleAccess) {
        this.pathStyleAccess = pathStyleAccess;
        return this;
    }

    /**
     * Whether uploads carry a CRC32 checksum that the service verifies; default {@code true}, the AWS
     * SDK's default. The SDK sends it as a trailer of an {@code aws-chunked} body, which some
     * S3-compatible services reject (S3Proxy, older MinIO and Ceph releases, with errors such as
     * {@code x-amz-content-sha256 does not match}); set {@code false} for those. Uploads are still
     * protected by TLS, or over plain HTTP by SigV4's signed chunks.
     */
    public S3FileStoreBuilder uploadChecksums(boolean uploadChecksums) {
        this.uploadChecksums = uploadChecksums;
        return this;
    }

    /**
     * A client the host already configured, used instead of one built from region, credentials,
     * endpoint and path style (which must then not be set). The store does not close it.
     */
    public S3FileStoreBuilder s3Client(S3Client s3Client) {
        this.s3Client = Objects.requireNonNull(s3Client, "s3Client");
        return this;
    }

    /** How long URLs from the one-argument presign methods stay valid; default 15 minutes. */
    public S3FileStoreBuilder presignTtl(Duration presignTtl) {
        if (presignTtl == null || presignTtl.isNegative() || presignTtl.isZero()
                || presignTtl.compareTo(UrlSigner.MAX_TTL) > 0) {
            throw new IllegalArgumentException("presignTtl must be positive and at most 7 days, was " + presignTtl);
        }
        this.presignTtl = presignTtl;
        return this;
    }

    /**
     * Content of fewer bytes than this goes up in one request; longer content goes up in parts, the first
     * of them this long. Between {@value #MIN_PART_SIZE} and {@value #MAX_PART_SIZE}; default
     * {@value #DEFAULT_MULTIPART_THRESHOLD}.
     */
    public S3FileStoreBuilder multipartThreshold(long bytes) {
        this.multipartThreshold = checkPartBytes("multipartThreshold", bytes);
        return this;
    }

    /**
     * The size of each part after the first of a multipart upload, which is also how much of an upload
     * is held in memory at once. Between {@value #MIN_PART_SIZE} and {@value #MAX_PART_SIZE}; default
     * {@value #DEFAULT_PART_SIZE}.
     */
    public S3FileStoreBuilder partSize(long bytes) {
        this.partSize = checkPartBytes("partSize", bytes);
        return this;
    }

    /** The clock presigned URLs are signed at and expire by; default the UTC system clock. */
    public S3FileStoreBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Builds the store, and its S3 client unless one was given.
     *
     * @throws IllegalStateException when the bucket is missing, a client was given together with
     *                               settings for building one, or no region could be found
     */
    public S3FileStore build() {
        if (bucket == null) {
            throw new IllegalStateException("bucket is required");
        }
        if (s3Client != null) {
            if (region != null || credentials != null || endpointOverride != null || pathStyleAccess != null
                    || !uploadChecksums) {
                throw new IllegalStateException("s3Client cannot be combined with region, credentials,"
                        + " endpointOverride, pathStyleAccess or uploadChecksums: configure the client instead");
            }
            return new S3FileStore(s3Client, false, bucket, keyPrefix, presignTtl, multipartThreshold, partSize, clock);
        }
        S3ClientBuilder client = S3Client.builder();
        if (region != null) {
            client.region(region);
        }
        if (credentials != null) {
            client.credentialsProvider(credentials);
        }
        if (endpointOverride != null) {
            client.endpointOverride(endpointOverride);
        }
        if (pathStyleAccess != null) {
            client.forcePathStyle(pathStyleAccess);
        }
        if (!uploadChecksums) {
            client.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
            client.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        S3Client built;
        try {
            built = client.build();
        } catch (SdkClientException e) {
            throw new IllegalStateException("could not build the S3 client for bucket '" + bucket
                    + "' (set region and credentials, or the AWS_REGION and AWS credential variables): "
                    + e.getMessage(), e);
        }
        return new S3FileStore(built, true, bucket, keyPrefix, presignTtl, multipartThreshold, partSize, clock);
    }

    private static long checkPartBytes(String name, long bytes) {
        if (bytes < MIN_PART_SIZE || bytes > MAX_PART_SIZE) {
            throw new IllegalArgumentException(name + " must be between " + MIN_PART_SIZE + " and " + MAX_PART_SIZE
                    + " bytes (5 MiB and 1 GiB), was " + bytes);
        }
        return bytes;
    }

    private static String quoted(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
