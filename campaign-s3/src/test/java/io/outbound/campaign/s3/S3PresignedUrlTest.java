package io.outbound.campaign.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.PresignedUrl;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Presigned URLs used with plain HTTP against a real S3 server that checks SigV4: what they grant,
 * and what the server refuses.
 */
class S3PresignedUrlTest {

    @RegisterExtension
    static final S3ProxyServer S3 = S3ProxyServer.inMemory();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CONTACTS = """
            phone_number,first_name,last_name,company
            +14155552671,Ada,Lovelace,Analytical Engines
            +442071838750,Alan,Turing,"Bletchley Park, Hut 8"
            +4930901820,Grace,Hopper,Navy
            """;

    private static S3FileStore store;

    @BeforeAll
    static void createStore() {
        store = S3.storeBuilder(S3.newBucket()).keyPrefix("campaigns/").build();
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @Test
    void aContactCsvUploadedThroughAPresignedPutDownloadsThroughAPresignedGetByteForByte() throws Exception {
        byte[] csv = CONTACTS.getBytes(StandardCharsets.UTF_8);
        PresignedUrl upload = store.presignUpload("abc123/contacts.csv", Duration.ofMinutes(5));

        HttpResponse<String> put = send(upload, csv);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(store.exists("abc123/contacts.csv")).isTrue();

        PresignedUrl download = store.presignDownload("abc123/contacts.csv", Duration.ofMinutes(5));
        HttpResponse<byte[]> get = HTTP.send(HttpRequest.newBuilder(download.url()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(csv);
        try (InputStream in = store.open("abc123/contacts.csv")) {
            assertThat(in.readAllBytes()).isEqualTo(csv);
        }
    }

    @Test
    void aUrlUsedAfterItExpiredIsRefused() throws Exception {
        store.put("expiry/contacts.csv", csvStream());
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        try (S3FileStore signedAnHourAgo = storeAt(anHourAgo)) {
            PresignedUrl expired = signedAnHourAgo.presignDownload("expiry/contacts.csv", Duration.ofMinutes(15));
            PresignedUrl stillValid = signedAnHourAgo.presignDownload("expiry/contacts.csv", Duration.ofHours(2));

            assertThat(expired.expiresAt()).isBefore(Instant.now());
            assertThat(get(expired.url()).statusCode()).isEqualTo(403);
            // The same signing time with a longer ttl works: the refusal is the expiry, not the signing time.
            assertThat(get(stillValid.url()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aUrlWithATamperedSignatureIsRefused() throws Exception {
        store.put("tamper/contacts.csv", csvStream());
        URI url = store.presignDownload("tamper/contacts.csv", Duration.ofMinutes(5)).url();

        assertThat(get(url).statusCode()).isEqualTo(200);
        assertThat(get(tamperSignature(url)).statusCode()).isEqualTo(403);
    }

    @Test
    void aUrlForOneKeyDoesNotOpenAnother() throws Exception {
        store.put("mine/contacts.csv", csvStream());
        store.put("theirs/contacts.csv", csvStream());
        URI mine = store.presignDownload("mine/contacts.csv", Duration.ofMinutes(5)).url();

        URI theirs = URI.create(mine.toString().replace("/mine/", "/theirs/"));

        assertThat(get(theirs).statusCode()).isEqualTo(403);
    }

    @Test
    void aDownloadUrlDoesNotAllowAnUpload() throws Exception {
        store.put("readonly/contacts.csv", csvStream());
        URI download = store.presignDownload("readonly/contacts.csv", Duration.ofMinutes(5)).url();

        HttpResponse<String> put = send(download, "PUT", "phone_number\n+15550000000\n".getBytes(StandardCharsets.UTF_8));

        assertThat(put.statusCode()).isEqualTo(403);
        try (InputStream in = store.open("readonly/contacts.csv")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(CONTACTS);
        }
    }

    /**
     * An upload URL is signed with {@code If-None-Match: *}, so an upload must send it, and S3 then refuses to
     * replace an object. S3Proxy checks the signature but not the condition, so only the first half shows here.
     */
    @Test
    void anUploadUrlWorksOnlyWithItsCreateOnlyHeaderAndIsRefusedOnceTheKeyHoldsAFile() throws Exception {
        byte[] csv = CONTACTS.getBytes(StandardCharsets.UTF_8);
        PresignedUrl upload = store.presignUpload("once/contacts.csv", Duration.ofMinutes(5));
        assertThat(upload.headers()).containsExactly(Map.entry("If-None-Match", "*"));

        HttpResponse<String> withoutTheHeader = send(upload.url(), "PUT", csv);
        assertThat(withoutTheHeader.statusCode()).as("a PUT without the signed header").isEqualTo(403);
        assertThat(store.exists("once/contacts.csv")).isFalse();

        assertThat(send(upload, csv).statusCode()).isEqualTo(200);
        assertThat(catchThrowableOfType(CampaignException.class,
                () -> store.presignUpload("once/contacts.csv", Duration.ofMinutes(5))).code())
                .isEqualTo(ErrorCode.FILE_EXISTS);
    }

    @Test
    void theExpiryIsCountedFromTheStoreClockToTheSecond() {
        Instant signedAt = Instant.parse("2030-01-15T10:00:00.750Z");
        try (S3FileStore atFixedTime = storeAt(signedAt)) {
            PresignedUrl url = atFixedTime.presignUpload("x.csv", Duration.ofMillis(90_500));

            // SigV4 signs to the second and counts whole seconds: 10:00:00 + 91 s.
            assertThat(url.expiresAt()).isEqualTo(Instant.parse("2030-01-15T10:01:31Z"));
            assertThat(url.url().getQuery()).contains("X-Amz-Date=20300115T100000Z", "X-Amz-Expires=91");
        }
    }

    private static S3FileStore storeAt(Instant instant) {
        return S3.storeBuilder(store.bucket()).keyPrefix("campaigns/")
                .clock(Clock.fixed(instant, ZoneOffset.UTC)).build();
    }

    static URI tamperSignature(URI url) {
        String text = url.toString();
        int at = text.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        char flipped = text.charAt(at) == '0' ? '1' : '0';
        return URI.create(text.substring(0, at) + flipped + text.substring(at + 1));
    }

    static HttpResponse<String> get(URI url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(URI url, String method, byte[] body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(url).method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A PUT to an upload URL with the headers it requires. */
    static HttpResponse<String> send(PresignedUrl upload, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(upload.url()).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        upload.headers().forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static InputStream csvStream() {
        return new ByteArrayInputStream(CONTACTS.getBytes(StandardCharsets.UTF_8));
    }
}
