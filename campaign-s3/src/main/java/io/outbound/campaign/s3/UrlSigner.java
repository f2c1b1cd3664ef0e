package io.outbound.campaign.s3;

import io.outbound.campaign.PresignedUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;

/**
 * Signs object URLs with SigV4 in the query string, at the time the store's clock gives.
 *
 * <p>Why not {@code S3Presigner}: it takes the signing time from {@code Instant.now()} and offers
 * no way to set it except through deprecated pre-2.21 signers, so a presigned URL's expiry could not
 * follow an injected clock. This signs with the same public SDK signer ({@link AwsV4HttpSigner}) and the
 * same signer properties {@code S3Presigner} uses for S3 (unsigned payload, no double URL encoding, no
 * path normalisation), and takes the object's URL from the client's own {@code S3Utilities}, so the
 * endpoint override, path-style setting and region are those of the client.
 */
final class UrlSigner {

    /** The longest a SigV4 presigned URL may be valid. */
    static final Duration MAX_TTL = Duration.ofDays(7);

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final S3Client s3;
    private final String bucket;
    private final Clock clock;
    private final String region;
    private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;

    UrlSigner(S3Client s3, String bucket, Clock clock) {
        S3ServiceClientConfiguration configuration = s3.serviceClientConfiguration();
        this.s3 = s3;
        this.bucket = bucket;
        this.clock = clock;
        this.region = configuration.region().id();
        this.credentials = configuration.credentialsProvider();
    }

    /**
     * A URL for the HTTP method on the object, valid from now for {@code ttl}. The URL carries the
     * signing time to the second ({@code X-Amz-Date}), so the expiry is counted from the current second.
     */
    PresignedUrl presign(String method, String objectKey, Duration ttl) {
        // SigV4 counts validity in whole seconds; a fraction of a second rounds up.
        Duration validity = Duration.ofSeconds(ttl.toSeconds() + (ttl.toNanosPart() > 0 ? 1 : 0));
        Instant signedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        URI objectUrl = objectUrl(objectKey);
        AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
        // An upload may only create its object: the header is signed, so a request without it fails the signature.
        Map<String, String> required = method.equals("PUT") ? Map.of("If-None-Match", ObjectUploader.CREATE_ONLY)
                : Map.of();
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(objectUrl);
        required.forEach(unsigned::putHeader);
        SdkHttpRequest request = unsigned.build();
        SdkHttpRequest signed = SIGNER.sign(sign -> sign
                .identity(identity)
                .request(request)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, validity)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request();
        return new PresignedUrl(signed.getUri(), method, signedAt.plus(validity), required);
    }

    private URI objectUrl(String objectKey) {
        try {
            return s3.utilities().getUrl(url -> url.bucket(bucket).key(objectKey)).toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("S3 produced an invalid URL for key '" + objectKey + "'", e);
        }
    }
}
