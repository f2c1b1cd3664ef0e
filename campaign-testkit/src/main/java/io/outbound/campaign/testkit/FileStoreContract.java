package io.outbound.campaign.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.FieldError;
import io.outbound.campaign.PresignedUrl;
import io.outbound.campaign.spi.FileKeys;
import io.outbound.campaign.spi.FileStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FileStore} must do. A backend proves itself by extending this class and implementing
 * {@link #createStore()}; it may override {@link #afterEach()} to release what the store holds and
 * {@link #clock()} when its presigned URLs are dated by a clock other than the system's.
 *
 * <p>The checks assume nothing about how a backend keeps its files: no file system, no paths.
 */
public abstract class FileStoreContract {

    /** A little over several megabytes, and not a multiple of any usual buffer size. */
    private static final int LARGE_FILE_BYTES = 6 * 1024 * 1024 + 123;

    /** The store under test, created fresh before each test. */
    protected FileStore store;

    /** A new, empty store. */
    protected abstract FileStore createStore();

    /** Releases what the store holds after each test; nothing by default. */
    protected void afterEach() {
    }

    /** The clock the store dates presigned URLs with; the system clock by default. */
    protected Clock clock() {
        return Clock.systemUTC();
    }

    @BeforeEach
    final void createStoreUnderTest() {
        store = createStore();
    }

    @AfterEach
    final void releaseStoreUnderTest() {
        afterEach();
    }

    @Test
    void aStoredFileReadsBackByteForByte() throws IOException {
        byte[] content = "phone_number,name\n+14155552671,Ada\n".getBytes(StandardCharsets.UTF_8);
        store.put("campaigns/1/contacts.csv", new ByteArrayInputStream(content));

        assertThat(read("campaigns/1/contacts.csv")).isEqualTo(content);
    }

    @Test
    void anEmptyFileIsStoredAndReadBackEmpty() throws IOException {
        store.put("empty.csv", new ByteArrayInputStream(new byte[0]));

        assertThat(store.exists("empty.csv")).isTrue();
        assertThat(read("empty.csv")).isEmpty();
    }

    @Test
    void aOneByteFileReadsBack() throws IOException {
        store.put("one.bin", new ByteArrayInputStream(new byte[] {(byte) 0xff}));

        assertThat(read("one.bin")).containsExactly((byte) 0xff);
    }

    @Test
    void aFileOfSeveralMegabytesStreamsInAndOutUnchanged() throws IOException {
        GeneratedStream source = new GeneratedStream(LARGE_FILE_BYTES, 7);
        store.put("large/contacts.csv", source);

        assertThat(source.bytesRead).isEqualTo(LARGE_FILE_BYTES);
        GeneratedStream expected = new GeneratedStream(LARGE_FILE_BYTES, 7);
        try (InputStream in = store.open("large/contacts.csv")) {
            assertThat(digest(in)).isEqualTo(digest(expected));
        }
    }

    @Test
    void putReadsTheContentToItsEndButLeavesItOpen() {
        GeneratedStream source = new GeneratedStream(10_000, 3);
        store.put("left-open.bin", source);

        assertThat(source.bytesRead).isEqualTo(10_000);
        assertThat(source.closed).as("the caller owns the stream and closes it").isFalse();
    }

    @Test
    void keysWithSpacesAndUnicodeWorkLikeAnyOther() throws IOException {
        List<String> keys = List.of(
                "contacts with spaces.csv",
                "campaigns/ünïcödé dir/contacts 2024.csv",
                "日本/連絡先 ☎.csv",
                "a/b/c/d/e/f/deeply nested.csv",
                "odd chars/100% of #1 & more!.csv",
                "Ċ is a letter whose low byte is a line feed.csv");
        for (String key : keys) {
            store.put(key, new ByteArrayInputStream(("content of " + key).getBytes(StandardCharsets.UTF_8)));
        }
        for (String key : keys) {
            assertThat(store.exists(key)).as(key).isTrue();
            assertThat(new String(read(key), StandardCharsets.UTF_8)).isEqualTo("content of " + key);
        }
    }

    /** A key is written once, so that what a campaign imported is what its key serves for good. */
    @Test
    void aKeyIsWrittenOnceASecondPutIsRefusedAndTheFirstFileStays() throws IOException {
        store.put("contacts.csv", new ByteArrayInputStream("imported".getBytes(StandardCharsets.UTF_8)));

        CampaignException error = catchThrowableOfType(CampaignException.class, () -> store.put("contacts.csv",
                new ByteArrayInputStream("swapped in later".getBytes(StandardCharsets.UTF_8))));

        assertThat(error).as("a second put under the same key must be refused").isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCode.FILE_EXISTS);
        assertThat(error.getMessage()).contains("'contacts.csv'");
        assertThat(new String(read("contacts.csv"), StandardCharsets.UTF_8)).isEqualTo("imported");
    }

    @Test
    void anUploadUrlIsNotHandedOutForAKeyThatHoldsAFile() throws IOException {
        store.put("campaigns/1/contacts.csv", new ByteArrayInputStream(new byte[] {1}));

        CampaignException error = catchThrowableOfType(CampaignException.class,
                () -> store.presignUpload("campaigns/1/contacts.csv", Duration.ofMinutes(5)));

        assertThat(error).as("an upload URL for a key that holds a file").isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCode.FILE_EXISTS);
        assertThat(error.getMessage()).contains("'campaigns/1/contacts.csv'");
        assertThat(store.presignDownload("campaigns/1/contacts.csv", Duration.ofMinutes(5)).method()).isEqualTo("GET");
        assertThat(read("campaigns/1/contacts.csv")).containsExactly(1);
    }

    @Test
    void filesUnderDifferentKeysAreIndependent() throws IOException {
        store.put("a/contacts.csv", new ByteArrayInputStream(new byte[] {1}));
        store.put("b/contacts.csv", new ByteArrayInputStream(new byte[] {2}));

        assertThat(read("a/contacts.csv")).containsExactly(1);
        assertThat(read("b/contacts.csv")).containsExactly(2);
    }

    @Test
    void existsIsTrueOnlyOnceAFileIsStored() {
        assertThat(store.exists("later.csv")).isFalse();

        store.put("later.csv", new ByteArrayInputStream(new byte[] {1}));

        assertThat(store.exists("later.csv")).isTrue();
        assertThat(store.exists("later.csv.bak")).isFalse();
    }

    @Test
    void aPrefixOfAStoredKeyIsNotAFile() {
        store.put("folder/inside.csv", new ByteArrayInputStream(new byte[] {1}));

        assertThat(store.exists("folder")).isFalse();
        assertNotFound(() -> store.open("folder"), "folder");
    }

    @Test
    void openingAMissingFileIsNotFoundNamingTheKey() {
        assertNotFound(() -> store.open("campaigns/none/contacts.csv"), "campaigns/none/contacts.csv");
    }

    /** Keys that could reach outside a store's root, or are not keys at all. */
    private static final List<String> BAD_KEYS = Arrays.asList(
            "../x", "a/../../b", "/abs", "C:/x", "a\\b", "", "   ", "a//b", "./a", "a/..", null);

    @Test
    void aKeyThatCouldEscapeTheStoreIsRejectedEverywhereNamingKey() {
        for (String key : BAD_KEYS) {
            assertRejectsKey(k -> store.open(k), key);
            assertRejectsKey(k -> store.exists(k), key);
            assertRejectsKey(k -> store.presignDownload(k, Duration.ofMinutes(5)), key);
            assertRejectsKey(k -> store.presignUpload(k, Duration.ofMinutes(5)), key);
        }
    }

    /** Keys inside the root but outside the alphabet of {@link FileKeys}. */
    private static final List<String> KEYS_OUTSIDE_THE_ALPHABET = List.of(
            "evil\u010ASet-Cookie: pwn=1\u010A\u010A<html>.csv", "line\nbreak.csv", "invoice\u202Etxt.csv",
            "what?.csv", "a|b.csv", "quote\".csv", "no\u00A0break.csv", "lone\uD800.csv");

    @Test
    void aKeyOutsideTheAlphabetIsRefusedEverywhereNamingKey() {
        for (String key : KEYS_OUTSIDE_THE_ALPHABET) {
            assertRejectsKey(k -> store.open(k), key);
            assertRejectsKey(k -> store.exists(k), key);
            assertRejectsKey(k -> store.put(k, new ByteArrayInputStream(new byte[] {1})), key);
            assertRejectsKey(k -> store.presignDownload(k, Duration.ofMinutes(5)), key);
            assertRejectsKey(k -> store.presignUpload(k, Duration.ofMinutes(5)), key);
        }
    }

    @Test
    void puttingUnderABadKeyWritesNothing() {
        for (String key : BAD_KEYS) {
            GeneratedStream content = new GeneratedStream(100, 1);

            assertRejectsKey(k -> store.put(k, content), key);

            assertThat(content.bytesRead).as("the content under '%s' must not be read", key).isZero();
        }
        for (String inside : List.of("x", "b", "abs", "a/b", "a", "C/x", "a/x")) {
            assertThat(store.exists(inside)).as(inside).isFalse();
        }
    }

    private static final List<Duration> TTLS = List.of(Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofDays(7));

    @Test
    void aDownloadUrlIsForGetAndExpiresAfterTheTtl() {
        store.put("contacts.csv", new ByteArrayInputStream(new byte[] {1}));
        for (Duration ttl : TTLS) {
            Instant before = clock().instant();

            PresignedUrl url = store.presignDownload("contacts.csv", ttl);

            Instant after = clock().instant();
            assertThat(url.method()).isEqualTo("GET");
            assertNamesTheKey(url, "contacts.csv");
            assertExpiresAfter(url, before, after, ttl);
        }
    }

    @Test
    void anUploadUrlIsForPutAndExpiresAfterTheTtl() {
        for (Duration ttl : TTLS) {
            Instant before = clock().instant();

            PresignedUrl url = store.presignUpload("uploads/contacts.csv", ttl);

            Instant after = clock().instant();
            assertThat(url.method()).isEqualTo("PUT");
            assertNamesTheKey(url, "uploads/contacts.csv");
            assertExpiresAfter(url, before, after, ttl);
        }
    }

    /**
     * A URL grants one kind of access to one file: the download URL of a key is not its upload URL, nor the URL
     * of another key. A store that hands out plain {@code file:} URIs for local use (no method or expiry enforced,
     * as {@code LocalFileStore} without a base URL does) gives the file's URI for both, and it must be the file.
     */
    @Test
    void downloadAndUploadUrlsOfAKeyDiffer() throws IOException {
        PresignedUrl upload = store.presignUpload("contacts.csv", Duration.ofMinutes(5));
        store.put("contacts.csv", new ByteArrayInputStream(new byte[] {1}));
        store.put("other.csv", new ByteArrayInputStream(new byte[] {2}));

        PresignedUrl download = store.presignDownload("contacts.csv", Duration.ofMinutes(5));
        PresignedUrl otherDownload = store.presignDownload("other.csv", Duration.ofMinutes(5));

        assertThat(download.method()).isEqualTo("GET");
        assertThat(upload.method()).isEqualTo("PUT");
        assertThat(download.url()).as("the URLs of two keys").isNotEqualTo(otherDownload.url());
        if ("file".equals(download.url().getScheme())) {
            assertThat(upload.url()).isEqualTo(download.url());
            try (InputStream in = download.url().toURL().openStream()) {
                assertThat(in.readAllBytes()).containsExactly(1);
            }
        } else {
            assertThat(download.url()).as("a download URL must not be usable as the upload URL")
                    .isNotEqualTo(upload.url());
        }
    }

    @Test
    void aTtlThatIsNotPositiveIsRejectedNamingTtl() {
        for (Duration ttl : List.of(Duration.ZERO, Duration.ofNanos(-1), Duration.ofHours(-1))) {
            for (Callable<?> presign : List.<Callable<?>>of(
                    () -> store.presignDownload("contacts.csv", ttl),
                    () -> store.presignUpload("contacts.csv", ttl))) {
                CampaignException error = catchThrowableOfType(CampaignException.class, presign::call);
                assertThat(error).as("expected VALIDATION_FAILED for ttl %s", ttl).isNotNull();
                assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                assertThat(error.fieldErrors()).extracting(FieldError::field).containsExactly("ttl");
            }
        }
    }

    @Test
    void aMissingTtlIsRejectedNamingTtl() {
        assertThatThrownBy(() -> store.presignDownload("contacts.csv", null))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("ttl");
                });
    }

    @Test
    void readersSeeNoFileOrTheWholeFileWhileItIsWritten() throws Exception {
        int length = 512 * 1024 + 17;
        byte[] whole;
        try (InputStream expected = new GeneratedStream(length, 11)) {
            whole = expected.readAllBytes();
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> store.put("busy.csv", new GeneratedStream(length, 11)));
            Future<Integer> reader = pool.submit(() -> {
                int reads = 0;
                boolean writerDone;
                do {
                    writerDone = writer.isDone();
                    try (InputStream in = store.open("busy.csv")) {
                        byte[] seen = in.readAllBytes();
                        assertThat(Arrays.equals(seen, whole))
                                .as("a reader saw a partly written file of %d bytes", seen.length).isTrue();
                    } catch (CampaignException e) {
                        assertThat(e.code()).as("before the file is whole it is missing").isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(writerDone).as("the file was missing after put returned").isFalse();
                    }
                    reads++;
                } while (!writerDone);
                return reads;
            });
            writer.get();
            assertThat(reader.get()).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    private byte[] read(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }

    private static void assertNotFound(Callable<?> action, String key) {
        CampaignException error = catchThrowableOfType(CampaignException.class, action::call);
        assertThat(error).as("expected NOT_FOUND for '%s'", key).isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(error.getMessage()).contains(key);
    }

    private static void assertRejectsKey(Consumer<String> action, String key) {
        CampaignException error = catchThrowableOfType(CampaignException.class, () -> action.accept(key));
        assertThat(error).as("expected VALIDATION_FAILED for key '%s'", key).isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(error.fieldErrors()).extracting(FieldError::field).containsExactly("key");
    }

    /** An absolute URL whose path ends with the key, segment by segment. */
    private static void assertNamesTheKey(PresignedUrl url, String key) {
        URI uri = url.url();
        assertThat(uri.isAbsolute()).as("%s is absolute", uri).isTrue();
        assertThat(uri.getScheme()).as("scheme of %s", uri).isNotBlank();
        assertThat(uri.getPath()).as("path of %s", uri).isNotNull().endsWith("/" + key);
    }

    private static void assertExpiresAfter(PresignedUrl url, Instant before, Instant after, Duration ttl) {
        assertThat(url.expiresAt())
                .isAfterOrEqualTo(before.plus(ttl).minusSeconds(1))
                .isBeforeOrEqualTo(after.plus(ttl).plusSeconds(1));
    }

    private static byte[] digest(InputStream in) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8191];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Pseudo-random bytes made on the fly, so that nothing holds the whole content: a store must stream it.
     * Reads return uneven, sometimes short counts, as a network stream would.
     */
    private static final class GeneratedStream extends InputStream {
        private final long length;
        private long state;
        private long bytesRead;
        private boolean closed;

        GeneratedStream(long length, long seed) {
            this.length = length;
            this.state = seed * 0x9E3779B97F4A7C15L + 1;
        }

        @Override
        public int read() {
            if (bytesRead >= length) {
                return -1;
            }
            bytesRead++;
            state = state * 6364136223846793005L + 1442695040888963407L;
            return (int) (state >>> 56) & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (count == 0) {
                return 0;
            }
            if (bytesRead >= length) {
                return -1;
            }
            int n = (int) Math.min(Math.min(count, 1 + (bytesRead % 5000)), length - bytesRead);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) read();
            }
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
