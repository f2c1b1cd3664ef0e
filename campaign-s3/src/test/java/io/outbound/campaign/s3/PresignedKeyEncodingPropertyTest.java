package io.outbound.campaign.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.PresignedUrl;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever characters a valid key holds, the store's presigned URLs address exactly that object and
 * their signatures are accepted: URL encoding and SigV4 canonicalisation agree with the server.
 */
class PresignedKeyEncodingPropertyTest {

    private static final S3ProxyServer S3 = S3ProxyServer.inMemory();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger TRIES = new AtomicInteger();
    private static S3FileStore store;

    @BeforeContainer
    static void start() throws Exception {
        S3.start();
        store = S3.storeBuilder(S3.newBucket()).keyPrefix("p r/é/").build();
    }

    @AfterContainer
    static void stop() throws Exception {
        store.close();
        S3.stop();
    }

    @Property(tries = 40)
    void aPresignedUploadAndDownloadOfAnyValidKeyRoundTrip(@ForAll("keys") String key) throws Exception {
        byte[] content = ("content of " + key).getBytes(StandardCharsets.UTF_8);
        // A key is written once, and jqwik may draw the same key twice: each try writes under its own folder.
        String tried = "try-" + TRIES.incrementAndGet() + "/";

        PresignedUrl upload = store.presignUpload(tried + "url/" + key, Duration.ofMinutes(1));
        HttpRequest.Builder request = HttpRequest.newBuilder(upload.url()).PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        upload.headers().forEach(request::header);
        HttpResponse<String> put = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        try (InputStream in = store.open(tried + "url/" + key)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }

        store.put(tried + "put/" + key, new ByteArrayInputStream(content));
        HttpResponse<byte[]> get = HTTP.send(HttpRequest.newBuilder(store.presignDownload(tried + "put/" + key,
                Duration.ofMinutes(1)).url()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(content);
    }

    @Provide
    Arbitrary<String> keys() {
        Arbitrary<String> segment = Arbitraries.strings()
                .withChars("abcXYZ019 -_.~!$&'()+,;=@%#[]{}^")
                .withChars("éü日本☎")
                .ofMinLength(1).ofMaxLength(12)
                .filter(s -> !s.equals(".") && !s.equals("..") && !s.isBlank());
        return segment.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join("/", parts));
    }
}
