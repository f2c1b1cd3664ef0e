package io.outbound.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileStoreTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path temp;

    private final MovableClock clock = new MovableClock(Instant.parse("2030-05-06T07:08:09Z"));

    private LocalFileStore signedStore() {
        return LocalFileStore.builder(temp.resolve("files"))
                .baseUrl(URI.create("http://127.0.0.1:8080/"))
                .signingKey(KEY)
                .clock(clock)
                .build();
    }

    @Test
    void aPresignedDownloadUrlCarriesTheEncodedKeyMethodExpiryAndAVerifiableSignature() {
        LocalFileStore store = signedStore();

        PresignedUrl url = store.presignDownload("campaigns/7/my contacts ☎.csv", Duration.ofMinutes(15));

        long expires = clock.instant().plus(Duration.ofMinutes(15)).getEpochSecond();
        assertThat(url.expiresAt()).isEqualTo(Instant.ofEpochSecond(expires));
        assertThat(url.url().getRawPath()).isEqualTo("/files/campaigns/7/my%20contacts%20%E2%98%8E.csv");
        assertThat(url.url().getPath()).isEqualTo("/files/campaigns/7/my contacts ☎.csv");
        Map<String, String> query = query(url.url());
        assertThat(query).containsEntry("method", "GET").containsEntry("expires", Long.toString(expires));
        assertThat(store.verify("GET", "campaigns/7/my contacts ☎.csv", expires, query.get("signature"))).isTrue();
    }

    @Test
    void anUploadOverItsLimitStoresNothingAndLeavesTheRestUnread() throws IOException {
        LocalFileStore store = signedStore();
        byte[] body = "phone_number\n+14155550100\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream tooLong = new ByteArrayInputStream(new byte[1 << 20]);

        assertThat(store.put("in/big.csv", tooLong, 1000)).isFalse();
        assertThat(tooLong.available()).as("read no further than the limit's buffer").isGreaterThan(900_000);
        assertThat(store.exists("in/big.csv")).isFalse();
        try (Stream<Path> left = Files.walk(temp.resolve("files"))) {
            assertThat(left.filter(Files::isRegularFile)).as("no temporary file left").isEmpty();
        }

        assertThat(store.put("in/exact.csv", new ByteArrayInputStream(body), body.length)).isTrue();
        try (InputStream in = store.open("in/exact.csv")) {
            assertThat(in.readAllBytes()).isEqualTo(body);
        }
        assertThat(store.put("in/big.csv", new ByteArrayInputStream(body), body.length)).as("the key is free")
                .isTrue();
        assertThatThrownBy(() -> store.put("in/exact.csv", new ByteArrayInputStream(body), body.length))
                .isInstanceOf(CampaignException.class).hasMessageContaining("in/exact.csv");
        assertThatThrownBy(() -> store.put("in/other.csv", new ByteArrayInputStream(body), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void anUploadUrlIsSignedForPutOnly() {
        LocalFileStore store = signedStore();

        PresignedUrl url = store.presignUpload("in/contacts.csv", Duration.ofMinutes(5));
        Map<String, String> query = query(url.url());
        long expires = Long.parseLong(query.get("expires"));

        assertThat(query.get("method")).isEqualTo("PUT");
        assertThat(store.verify("PUT", "in/contacts.csv", expires, query.get("signature"))).isTrue();
        assertThat(store.verify("GET", "in/contacts.csv", expires, query.get("signature"))).isFalse();
    }

    @Test
    void aTamperedKeyExpiryOrSignatureFailsVerification() {
        LocalFileStore store = signedStore();
        Map<String, String> query = query(store.presignDownload("a/contacts.csv", Duration.ofMinutes(5)).url());
        long expires = Long.parseLong(query.get("expires"));
        String signature = query.get("signature");
        char last = signature.charAt(signature.length() - 1);
        String flipped = signature.substring(0, signature.length() - 1) + (last == '0' ? '1' : '0');

        assertThat(store.verify("GET", "a/contacts.csv", expires, signature)).isTrue();
        assertThat(store.verify("GET", "b/contacts.csv", expires, signature)).isFalse();
        assertThat(store.verify("GET", "a/contacts.csv", expires + 3600, signature)).isFalse();
        assertThat(store.verify("GET", "a/contacts.csv", expires, flipped)).isFalse();
        assertThat(store.verify("GET", "a/contacts.csv", expires, signature.toUpperCase())).isFalse();
        assertThat(store.verify("GET", "a/contacts.csv", expires, "")).isFalse();
        assertThat(store.verify("GET", "a/contacts.csv", expires, null)).isFalse();
        assertThat(store.verify("DELETE", "a/contacts.csv", expires, signature)).isFalse();
        assertThat(store.verify("GET", "../a/contacts.csv", expires, signature)).isFalse();
    }

    @Test
    void aUrlVerifiesUntilItsExpiryAndNotAfter() {
        LocalFileStore store = signedStore();
        Map<String, String> query = query(store.presignDownload("a.csv", Duration.ofMinutes(10)).url());
        long expires = Long.parseLong(query.get("expires"));
        String signature = query.get("signature");

        clock.advance(Duration.ofMinutes(10));
        assertThat(store.verify("GET", "a.csv", expires, signature)).isTrue();

        clock.advance(Duration.ofSeconds(1));
        assertThat(store.verify("GET", "a.csv", expires, signature)).isFalse();
    }

    @Test
    void anotherStoreWithTheSameSigningKeyVerifiesTheUrlButOneWithARandomKeyDoesNot() {
        LocalFileStore store = signedStore();
        Map<String, String> query = query(store.presignDownload("a.csv", Duration.ofMinutes(10)).url());
        long expires = Long.parseLong(query.get("expires"));
        LocalFileStore sameKey = LocalFileStore.builder(temp.resolve("files")).signingKey(KEY).clock(clock).build();
        LocalFileStore randomKey = LocalFileStore.builder(temp.resolve("files")).clock(clock).build();

        assertThat(sameKey.verify("GET", "a.csv", expires, query.get("signature"))).isTrue();
        assertThat(randomKey.verify("GET", "a.csv", expires, query.get("signature"))).isFalse();
    }

    @Test
    void withoutABaseUrlAPresignedUrlIsTheFilesOwnUri() {
        LocalFileStore store = LocalFileStore.builder(temp).clock(clock).build();

        PresignedUrl url = store.presignDownload("dir/a b.csv", Duration.ofMinutes(1));

        assertThat(url.url().getScheme()).isEqualTo("file");
        assertThat(Path.of(url.url())).isEqualTo(temp.toAbsolutePath().resolve("dir/a b.csv"));
        assertThat(url.expiresAt()).isEqualTo(clock.instant().plusSeconds(60));
    }

    @Test
    void putLeavesOnlyTheTargetFileBehindAndARefusedSecondPutLeavesNothing() throws IOException {
        LocalFileStore store = LocalFileStore.of(temp);

        store.put("dir/contacts.csv", new ByteArrayInputStream(new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> store.put("dir/contacts.csv", new ByteArrayInputStream(new byte[] {4})))
                .isInstanceOfSatisfying(CampaignException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_EXISTS));

        try (Stream<Path> files = Files.list(temp.resolve("dir"))) {
            assertThat(files).containsExactly(temp.resolve("dir/contacts.csv"));
        }
        assertThat(Files.readAllBytes(temp.resolve("dir/contacts.csv"))).containsExactly(1, 2, 3);
    }

    /**
     * Every writer gets past the check for an existing file before any of them stores it (each waits in its
     * content's first read until all are there), so only the store's final step can keep the key written once.
     */
    @Test
    void ofWritersRacingForOneKeyExactlyOneWinsAndTheFileIsTheWinners() throws Exception {
        LocalFileStore store = LocalFileStore.of(temp);
        int writers = 8;
        CyclicBarrier allPastTheCheck = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> outcomes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                outcomes.add(pool.submit(() -> {
                    try {
                        store.put("race.csv", new WaitingStream(allPastTheCheck, (byte) writer, 100_000));
                        return writer;
                    } catch (CampaignException e) {
                        assertThat(e.code()).isEqualTo(ErrorCode.FILE_EXISTS);
                        return -1;
                    }
                }));
            }
            List<Integer> winners = new ArrayList<>();
            for (Future<Integer> outcome : outcomes) {
                int writer = outcome.get(30, TimeUnit.SECONDS);
                if (writer >= 0) {
                    winners.add(writer);
                }
            }
            assertThat(winners).hasSize(1);
            byte[] stored = Files.readAllBytes(temp.resolve("race.csv"));
            assertThat(stored).hasSize(100_000).containsOnly((byte) (int) winners.get(0));
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).containsExactly(temp.resolve("race.csv"));
        }
    }

    @Test
    void aFailingUploadLeavesNoFileAndNoTemporaryFile() throws IOException {
        LocalFileStore store = LocalFileStore.of(temp);
        store.put("contacts.csv", new ByteArrayInputStream(new byte[] {1}));
        InputStream failing = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 1000) {
                    return 'x';
                }
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> store.put("new.csv", failing))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FILES_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("new.csv").contains("connection reset");
                });
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).containsExactly(temp.resolve("contacts.csv"));
        }
        assertThat(Files.readAllBytes(temp.resolve("contacts.csv"))).containsExactly(1);
        assertThat(store.exists("new.csv")).isFalse();
    }

    @Test
    void aSymbolicLinkLeadingOutsideTheRootCannotBeReadOrWrittenThrough() throws IOException {
        Path root = Files.createDirectories(temp.resolve("root"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.write(outside.resolve("secret.csv"), new byte[] {42});
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("secret-link.csv"), outside.resolve("secret.csv"));
        LocalFileStore store = LocalFileStore.of(root);

        assertKeyRejected(() -> store.open("escape/secret.csv"));
        assertKeyRejected(() -> store.open("secret-link.csv"));
        assertKeyRejected(() -> store.exists("escape/secret.csv"));
        assertKeyRejected(() -> store.put("escape/new.csv", new ByteArrayInputStream(new byte[] {1})));
        assertKeyRejected(() -> store.put("escape/deeper/new.csv", new ByteArrayInputStream(new byte[] {1})));

        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).containsExactly(outside.resolve("secret.csv"));
        }
    }

    @Test
    void aKeyThatWouldEscapeWritesNothingOutsideTheRoot() throws IOException {
        Path root = Files.createDirectories(temp.resolve("root"));
        LocalFileStore store = LocalFileStore.of(root);

        for (String key : new String[] {"../x", "a/../../b", "/abs", "../root2/x"}) {
            assertKeyRejected(() -> store.put(key, new ByteArrayInputStream(new byte[] {1})));
        }

        try (Stream<Path> files = Files.walk(temp)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void aKeyThatIsTheFolderOfOtherFilesIsRefusedNamingTheKeyNotThePath() {
        LocalFileStore store = LocalFileStore.of(temp);
        store.put("june/contacts.csv", new ByteArrayInputStream(new byte[] {1}));

        assertThatThrownBy(() -> store.put("june", new ByteArrayInputStream(new byte[] {2})))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("key");
                    assertThat(e.getMessage()).contains("'june'").contains("folder").doesNotContain(temp.toString());
                });
        assertThat(store.exists("june/contacts.csv")).isTrue();
    }

    @Test
    void aKeyBelowAnotherKeysFileIsRefusedNamingThatKeyNotThePath() {
        LocalFileStore store = LocalFileStore.of(temp);
        store.put("june/contacts.csv", new ByteArrayInputStream(new byte[] {1}));

        assertThatThrownBy(() -> store.put("june/contacts.csv/more.csv", new ByteArrayInputStream(new byte[] {2})))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.getMessage()).contains("'june/contacts.csv'").contains("is a file")
                            .doesNotContain(temp.toString());
                });
    }

    /**
     * The store's root replaced by a file while it runs fails where the store did not foresee it. (A file name over
     * the file system's limit did once; {@code FileKeys} refuses such a key now.)
     */
    @Test
    void aFailureTheStoreDidNotForeseeIsDescribedWithoutTheStoresPath() throws IOException {
        Path root = temp.resolve("root");
        LocalFileStore store = LocalFileStore.of(root);
        store.put("first.csv", new ByteArrayInputStream(new byte[] {1}));
        Files.delete(root.resolve("first.csv"));
        Files.delete(root);
        Files.write(root, new byte[] {0});
        String key = "june/contacts.csv";

        for (org.assertj.core.api.ThrowableAssert.ThrowingCallable action : List.<org.assertj.core.api.ThrowableAssert
                .ThrowingCallable>of(() -> store.put(key, new ByteArrayInputStream(new byte[] {1})),
                () -> store.open(key))) {
            assertThatThrownBy(action).isInstanceOfSatisfying(CampaignException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.FILES_UNAVAILABLE);
                assertThat(e.getMessage()).contains(key).doesNotContain(temp.toString());
            });
        }
    }

    @Test
    void openingADirectoryIsNotFound() throws IOException {
        LocalFileStore store = LocalFileStore.of(temp);
        Files.createDirectories(temp.resolve("dir"));

        assertThatThrownBy(() -> store.open("dir"))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage()).contains("'dir'");
                });
    }

    @Test
    void aRootThatCannotBeCreatedIsFilesUnavailable() throws IOException {
        Path file = Files.write(temp.resolve("plain-file"), new byte[] {1});

        assertThatThrownBy(() -> LocalFileStore.of(file.resolve("sub")))
                .isInstanceOfSatisfying(CampaignException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FILES_UNAVAILABLE));
    }

    @Test
    void aShortSigningKeyOrANonHttpBaseUrlIsRefusedByTheBuilder() {
        assertThatThrownBy(() -> LocalFileStore.builder(temp).signingKey(new byte[8]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signingKey");
        assertThatThrownBy(() -> LocalFileStore.builder(temp).baseUrl(URI.create("ftp://host")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseUrl");
    }

    private static void assertKeyRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable action) {
        assertThatThrownBy(action).isInstanceOfSatisfying(CampaignException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("key");
        });
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> query = new HashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    /** A clock a test moves by hand. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Content of one repeated byte whose first read waits until every writer has reached its own first read. */
    static final class WaitingStream extends InputStream {
        private final CyclicBarrier barrier;
        private final byte value;
        private int left;
        private boolean waited;

        WaitingStream(CyclicBarrier barrier, byte value, int length) {
            this.barrier = barrier;
            this.value = value;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (!waited) {
                waited = true;
                try {
                    barrier.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IOException("the other writers never came", e);
                }
            }
            if (left == 0) {
                return -1;
            }
            int n = Math.min(length, left);
            java.util.Arrays.fill(buffer, offset, offset + n, value);
            left -= n;
            return n;
        }
    }
}
