package io.outbound.campaign.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.FieldError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What S3FileStore does beyond the common contract: prefixes, multipart uploads, failures, clients. */
class S3FileStoreTest {

    @RegisterExtension
    static final S3ProxyServer S3 = S3ProxyServer.inMemory();

    private static final int FIVE_MIB = (int) S3FileStoreBuilder.MIN_PART_SIZE;

    private static S3Client raw;

    @BeforeAll
    static void createRawClient() {
        raw = S3Client.builder().region(S3ProxyServer.REGION).credentialsProvider(S3.credentials())
                .endpointOverride(S3.endpoint()).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    @AfterAll
    static void closeRawClient() {
        raw.close();
    }

    @Test
    void filesAreStoredUnderTheKeyPrefixWithASlashAddedWhenMissing() {
        String bucket = S3.newBucket();
        try (S3FileStore store = S3.storeBuilder(bucket).keyPrefix("campaigns").build()) {
            store.put("abc/contacts.csv", bytes("phone\n"));

            assertThat(store.keyPrefix()).isEqualTo("campaigns/");
            assertThat(objectKeys(bucket)).containsExactly("campaigns/abc/contacts.csv");
            assertThat(raw.headObject(r -> r.bucket(bucket).key("campaigns/abc/contacts.csv")).contentType())
                    .isEqualTo("text/csv");
        }
    }

    @Test
    void aKeyThatWouldPassS3sLengthLimitWithThePrefixIsRejectedNamingKey() {
        try (S3FileStore store = S3.storeBuilder(S3.newBucket()).keyPrefix("campaigns/").build()) {
            String key = "k".repeat(1020);

            CampaignException error = catchThrowableOfType(CampaignException.class, () -> store.exists(key));

            assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(error.fieldErrors()).extracting(FieldError::field).containsExactly("key");
        }
    }

    @Test
    void contentBelowTheThresholdGoesUpInOneRequestAndAboveItInParts() {
        String bucket = S3.newBucket();
        try (S3FileStore store = S3.storeBuilder(bucket).multipartThreshold(FIVE_MIB).partSize(FIVE_MIB).build()) {
            store.put("small.csv", new ByteArrayInputStream(new byte[FIVE_MIB - 1]));
            store.put("large.csv", new ByteArrayInputStream(new byte[2 * FIVE_MIB + 17]));

            // S3 marks the ETag of a multipart object with its number of parts.
            assertThat(raw.headObject(r -> r.bucket(bucket).key("small.csv")).eTag()).doesNotContain("-");
            assertThat(raw.headObject(r -> r.bucket(bucket).key("large.csv")).eTag()).endsWith("-3\"");
            assertThat(raw.headObject(r -> r.bucket(bucket).key("large.csv")).contentLength())
                    .isEqualTo(2L * FIVE_MIB + 17);
        }
    }

    @Test
    void aStreamThatFailsMidUploadLeavesNoObjectAndNoPendingUpload() {
        String bucket = S3.newBucket();
        try (S3FileStore store = S3.storeBuilder(bucket).multipartThreshold(FIVE_MIB).partSize(FIVE_MIB).build()) {
            InputStream failing = new SequenceInputStream(new ByteArrayInputStream(new byte[FIVE_MIB + 10]),
                    new InputStream() {
                        @Override
                        public int read() throws IOException {
                            throw new IOException("connection reset by uploader");
                        }
                    });

            CampaignException error = catchThrowableOfType(CampaignException.class,
                    () -> store.put("broken.csv", failing));

            assertThat(error.code()).isEqualTo(ErrorCode.FILES_UNAVAILABLE);
            assertThat(error.getMessage()).contains("broken.csv", "connection reset by uploader");
            assertThat(store.exists("broken.csv")).isFalse();
            assertThat(raw.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
        }
    }

    @Test
    void aMissingFileIsNotFoundAndAMissingBucketIsUnavailableBothNamingTheKey() {
        try (S3FileStore store = S3.storeBuilder(S3.newBucket()).build();
             S3FileStore noBucket = S3.storeBuilder("no-such-bucket").build()) {
            assertFailure(() -> store.open("nope.csv"), ErrorCode.NOT_FOUND, "nope.csv");
            assertFailure(() -> noBucket.open("nope.csv"), ErrorCode.FILES_UNAVAILABLE, "nope.csv");
            assertFailure(() -> noBucket.put("nope.csv", bytes("x")), ErrorCode.FILES_UNAVAILABLE, "nope.csv");
        }
    }

    @Test
    void wrongCredentialsMakeTheStoreUnavailable() {
        StaticCredentialsProvider wrong = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, "not-the-secret"));
        try (S3FileStore store = S3.storeBuilder(S3.newBucket()).credentials(wrong).build()) {
            assertFailure(() -> store.open("contacts.csv"), ErrorCode.FILES_UNAVAILABLE, "contacts.csv");
            assertFailure(() -> store.exists("contacts.csv"), ErrorCode.FILES_UNAVAILABLE, "contacts.csv");
        }
    }

    @Test
    void anUnreachableServerMakesTheStoreUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (S3FileStore store = S3.storeBuilder("any-bucket")
                .endpointOverride(URI.create("http://127.0.0.1:" + closedPort)).build()) {
            assertFailure(() -> store.exists("contacts.csv"), ErrorCode.FILES_UNAVAILABLE, "contacts.csv");
        }
    }

    @Test
    void aClientGivenByTheHostIsUsedAndLeftOpen() throws IOException {
        String bucket = S3.newBucket();
        S3FileStore store = S3FileStore.builder().bucket(bucket).s3Client(raw).build();
        store.put("shared.csv", bytes("phone\n"));
        store.close();

        assertThat(objectKeys(bucket)).containsExactly("shared.csv");
        assertThat(store.presignDownload("shared.csv").url().toString()).startsWith(S3.endpoint() + "/" + bucket);
    }

    @Test
    void aClientTheStoreBuiltIsClosedWithIt() {
        S3FileStore store = S3.storeBuilder(S3.newBucket()).build();
        store.close();

        // What the SDK's own HTTP client throws once closed, not a failure of the store or of the server.
        assertThatThrownBy(() -> store.exists("contacts.csv"))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("Connection pool shut down");
    }

    @Test
    void theBuilderRefusesWhatS3WouldRefuseSayingWhatWasWrong() {
        assertThatThrownBy(() -> S3FileStore.builder().build()).hasMessage("bucket is required");
        assertThatThrownBy(() -> S3FileStore.builder().bucket("Upper_Case"))
                .hasMessageContaining("bucket must be").hasMessageContaining("'Upper_Case'");
        assertThatThrownBy(() -> S3FileStore.builder().keyPrefix("../escape/"))
                .hasMessageContaining("keyPrefix").hasMessageContaining("'../escape/'");
        assertThatThrownBy(() -> S3FileStore.builder().partSize(1024))
                .hasMessageContaining("partSize must be between").hasMessageContaining("was 1024");
        assertThatThrownBy(() -> S3FileStore.builder().multipartThreshold(2L * 1024 * 1024 * 1024))
                .hasMessageContaining("multipartThreshold");
        assertThatThrownBy(() -> S3FileStore.builder().presignTtl(Duration.ofDays(8)))
                .hasMessageContaining("presignTtl").hasMessageContaining("PT192H");
        assertThatThrownBy(() -> S3FileStore.builder().endpointOverride(URI.create("ftp://host")))
                .hasMessageContaining("endpointOverride").hasMessageContaining("ftp://host");
        assertThatThrownBy(() -> S3FileStore.builder().bucket("b-1").s3Client(raw).pathStyleAccess(true).build())
                .hasMessageContaining("s3Client cannot be combined");
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertThat(S3FileStoreBuilder.DEFAULT_PRESIGN_TTL).isEqualTo(Duration.ofMinutes(15));
        assertThat(S3FileStoreBuilder.DEFAULT_MULTIPART_THRESHOLD).isEqualTo(16L * 1024 * 1024);
        assertThat(S3FileStoreBuilder.DEFAULT_PART_SIZE).isEqualTo(8L * 1024 * 1024);
        try (S3FileStore store = S3.storeBuilder(S3.newBucket()).build()) {
            var url = store.presignDownload("x.csv");
            assertThat(url.url().getQuery()).contains("X-Amz-Expires=900");
        }
    }

    private static List<String> objectKeys(String bucket) {
        return raw.listObjectsV2(r -> r.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    private static void assertFailure(Runnable action, ErrorCode code, String key) {
        CampaignException error = catchThrowableOfType(CampaignException.class, action::run);
        assertThat(error).as("expected %s naming %s", code, key).isNotNull();
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.getMessage()).contains(key);
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

}
