package io.outbound.campaign;

import io.outbound.campaign.spi.FileKeys;
import io.outbound.campaign.spi.FileStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A {@link FileStore} over a directory of the local file system, for a single node or a shared mount.
 *
 * <p>A file is written to a temporary file in its target directory and then hard-linked under its key, which
 * fails when the key holds a file by then: a reader sees no file or the whole file, never a partial one, and a key
 * once written is never replaced ({@code FILE_EXISTS}; see {@link FileStore}). The host serving {@code /files/}
 * stores an upload with {@link #put}, so an upload URL cannot replace a file either.
 *
 * <p>A key never reaches outside the root: it is checked by {@link FileKeys}, again after normalising the path,
 * and once more against the real path so that a symbolic link inside the root cannot lead outside it.
 *
 * <p>Presigned URLs: with a {@linkplain Builder#baseUrl base URL}, a URL has the form
 * {@code {baseUrl}/files/{key}?method=GET|PUT&expires={epochSeconds}&signature={hex}}, where each key segment
 * is percent-encoded as UTF-8 and the signature is an HMAC-SHA256 over the method, the key and the expiry
 * (separated by newlines); the host that serves {@code /files/} checks it with {@link #verify}. Without a base
 * URL, a presigned URL is simply the file's {@code file:} URI: nothing enforces its method, expiry or the rule
 * that an upload only creates, so that form is for local use (tests, a single-machine demo) only.
 */
public final class LocalFileStore implements FileStore {

    private static final String HMAC = "HmacSHA256";
    private static final List<String> METHODS = List.of("GET", "PUT");

    private final Path root;
    private final Path realRoot;
    private final URI baseUrl;
    private final byte[] signingKey;
    private final Clock clock;

    private LocalFileStore(Builder builder) {
        this.root = builder.root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
            this.realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new CampaignException(ErrorCode.FILES_UNAVAILABLE,
                    "cannot use '" + root + "' as file store root: " + e.getMessage(), List.of(), e);
        }
        this.baseUrl = builder.baseUrl;
        this.signingKey = builder.signingKey != null ? builder.signingKey.clone() : randomKey();
        this.clock = builder.clock;
    }

    /**
     * A store over the directory (created when missing), with {@code file:} presigned URLs.
     *
     * @throws CampaignException {@code FILES_UNAVAILABLE} when the directory cannot be created
     */
    public static LocalFileStore of(Path root) {
        return builder(root).build();
    }

    /** A builder for a store over the directory. */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /** The directory the store keeps its files in. */
    public Path root() {
        return root;
    }

    @Override
    public InputStream open(String key) {
        Path file = resolve(key);
        try {
            if (Files.isDirectory(file)) {
                throw notFound(key);
            }
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw notFound(key);
        } catch (IOException e) {
            throw unavailable("opening", key, e);
        }
    }

    @Override
    public void put(String key, InputStream content) {
        put(key, content, Long.MAX_VALUE);
    }

    /**
     * {@link #put(String, InputStream)} of at most {@code maxBytes}: what a host serving this store's presigned
     * uploads calls with the request's body, so that no upload stores more than the limit.
     *
     * @return false, with nothing stored, when the content passes {@code maxBytes} (the rest of it is not read);
     * true when the file was stored
     * @throws IllegalArgumentException when {@code maxBytes} is negative
     * @throws CampaignException        as {@link #put(String, InputStream)}
     */
    public boolean put(String key, InputStream content, long maxBytes) {
        Objects.requireNonNull(content, "content");
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, was " + maxBytes);
        }
        Path file = resolve(key);
        checkNoFolderInTheWay(key, file);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw CampaignException.fileExists(key);
        }
        Path temp = null;
        try {
            Files.createDirectories(file.getParent());
            checkInsideRoot(key, file.getParent());
            temp = Files.createTempFile(file.getParent(), ".upload-", ".tmp");
            Files.copy(maxBytes == Long.MAX_VALUE ? content : new Limited(content, maxBytes), temp,
                    StandardCopyOption.REPLACE_EXISTING);
            publish(key, temp, file);
            return true;
        } catch (Limited.Passed e) {
            return false;
        } catch (FileAlreadyExistsException e) {
            checkNoFolderInTheWay(key, file);
            throw CampaignException.fileExists(key);
        } catch (IOException | UncheckedIOException e) {
            throw unavailable("writing", key, e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * Gives the written file its key, unless the key holds a file by then. A hard link does both at once: it fails
     * when the name exists and never replaces it, and the file appears whole. On a file system without hard links
     * a plain move stands in, which checks for the name and then renames, so two writers racing there could both
     * pass the check.
     */
    private static void publish(String key, Path temp, Path file) throws IOException {
        try {
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
            Files.move(temp, file);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Without a base URL the result is the file's {@code file:} URI, for local use only.
     */
    @Override
    public PresignedUrl presignDownload(String key, Duration ttl) {
        return presign("GET", key, ttl);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Without a base URL the result is the file's {@code file:} URI, for local use only.
     */
    @Override
    public PresignedUrl presignUpload(String key, Duration ttl) {
        PresignedUrl url = presign("PUT", key, ttl);
        Path file = resolve(key);
        checkNoFolderInTheWay(key, file);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw CampaignException.fileExists(key);
        }
        return url;
    }

    /**
     * Whether a presigned URL's parameters are genuine and still valid: the signature matches (compared in
     * constant time), the method is {@code GET} or {@code PUT}, the key is acceptable and {@code expires} (epoch
     * seconds) is not in the past of the store's clock.
     *
     * @param method    the HTTP method of the request
     * @param key       the key, decoded from the URL path
     * @param expires   the {@code expires} query parameter
     * @param signature the {@code signature} query parameter
     */
    public boolean verify(String method, String key, long expires, String signature) {
        if (method == null || !METHODS.contains(method) || signature == null || FileKeys.problem(key) != null) {
            return false;
        }
        byte[] expected = sign(method, key, expires).getBytes(StandardCharsets.US_ASCII);
        boolean genuine = MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
        return genuine && clock.instant().getEpochSecond() <= expires;
    }

    private PresignedUrl presign(String method, String key, Duration ttl) {
        Path file = resolve(key);
        if (ttl == null || ttl.isZero() || ttl.isNegative()) {
            throw CampaignException.validation("ttl", ttl, "must be positive");
        }
        long expires;
        try {
            expires = clock.instant().plus(ttl).getEpochSecond();
        } catch (DateTimeException | ArithmeticException e) {
            throw CampaignException.validation("ttl", ttl, "is too long");
        }
        Instant expiresAt = Instant.ofEpochSecond(expires);
        if (baseUrl == null) {
            return new PresignedUrl(file.toUri(), method, expiresAt);
        }
        String url = baseUrl + "/files/" + encodePath(key)
                + "?method=" + method + "&expires=" + expires + "&signature=" + sign(method, key, expires);
        return new PresignedUrl(URI.create(url), method, expiresAt);
    }

    private String sign(String method, String key, long expires) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(signingKey, HMAC));
            // Newlines cannot occur in a valid key, so the signed text is unambiguous.
            byte[] digest = mac.doFinal((method + "\n" + key + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private static String encodePath(String key) {
        StringBuilder path = new StringBuilder();
        for (String segment : key.split("/")) {
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path.toString();
    }

    private Path resolve(String key) {
        FileKeys.validate("key", key);
        Path file;
        try {
            file = root.resolve(key).normalize();
        } catch (InvalidPathException e) {
            throw CampaignException.validation("key", key, "is not a valid path here: " + e.getReason());
        }
        if (!file.startsWith(root) || file.equals(root)) {
            throw CampaignException.validation("key", key, "must stay inside the store's root");
        }
        checkInsideRoot(key, file);
        return file;
    }

    /** Follows symbolic links on the part of the path that exists, so that a link cannot lead outside the root. */
    private void checkInsideRoot(String key, Path file) {
        Path existing = file;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (NoSuchFileException e) {
            // A dangling link: whatever it points to is outside our control.
            throw CampaignException.validation("key", key, "must stay inside the store's root");
        } catch (IOException e) {
            throw unavailable("resolving", key, e);
        }
        if (!real.startsWith(realRoot)) {
            throw CampaignException.validation("key", key, "must stay inside the store's root");
        }
    }

    /**
     * A key names a file, never a folder: a key that is the folder of other keys ({@code june} beside
     * {@code june/contacts.csv}) and a key below another key's file cannot be stored here, although an object store
     * would take both. Said in terms of keys, not of the directories behind them.
     */
    private void checkNoFolderInTheWay(String key, Path file) {
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw CampaignException.validation("key", key,
                    "is the folder of other files (keys starting with '" + key + "/'), so no file can take its name");
        }
        for (Path parent = file.getParent(); parent != null && !parent.equals(root); parent = parent.getParent()) {
            if (Files.exists(parent, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(parent)) {
                String holder = root.relativize(parent).toString().replace(parent.getFileSystem().getSeparator(), "/");
                throw CampaignException.validation("key", key,
                        "cannot be stored under '" + holder + "', which is a file, not a folder");
            }
        }
    }

    private static CampaignException notFound(String key) {
        return new CampaignException(ErrorCode.NOT_FOUND, "file '" + key + "' not found");
    }

    private CampaignException unavailable(String action, String key, Exception e) {
        return new CampaignException(ErrorCode.FILES_UNAVAILABLE,
                "file store failed " + action + " '" + key + "': " + describe(e), List.of(), e);
    }

    /**
     * What went wrong, without where: the message of a file-system exception names the absolute path, which
     * tells a client where the server keeps its files. The cause, kept on the exception, still has it for the log.
     */
    private String describe(Exception e) {
        if (e instanceof UncheckedIOException unchecked) {
            return describe(unchecked.getCause());
        }
        if (e instanceof AccessDeniedException) {
            return "access denied";
        }
        if (e instanceof FileSystemException fileSystem) {
            return fileSystem.getReason() != null ? fileSystem.getReason()
                    : fileSystem.getClass().getSimpleName().replace("Exception", "")
                            .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        }
        String message = String.valueOf(e.getMessage());
        for (Path path : List.of(realRoot, root)) {
            message = message.replace(path.toString(), "<store>");
        }
        return message;
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // The original failure is what the caller needs to hear about.
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** A stream that fails with {@link Passed} once more than its limit was read from it. */
    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws Passed {
            count += n;
            if (count > limit) {
                throw new Passed();
            }
        }

        /** The content passed the limit. */
        static final class Passed extends IOException {
            private static final long serialVersionUID = 1L;
        }
    }

    /** Settings of a {@link LocalFileStore}; only the root is required. */
    public static final class Builder {
        private final Path root;
        private URI baseUrl;
        private byte[] signingKey;
        private Clock clock = Clock.systemUTC();

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root");
        }

        /**
         * The URL of the host that serves {@code /files/} and checks signatures with {@link #verify}, e.g.
         * {@code http://127.0.0.1:8080}. Without one, presigned URLs are {@code file:} URIs.
         *
         * @throws IllegalArgumentException when the URL is not an absolute http(s) URL
         */
        public Builder baseUrl(URI baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            String scheme = baseUrl.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("baseUrl must be an http or https URL, was " + baseUrl);
            }
            String text = baseUrl.toString();
            this.baseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            return this;
        }

        /**
         * The HMAC key that signs presigned URLs; give every node serving the same files the same key. Without
         * one, each store instance draws a random key, so its URLs only verify on that instance.
         *
         * @throws IllegalArgumentException when the key is shorter than 16 bytes
         */
        public Builder signingKey(byte[] signingKey) {
            Objects.requireNonNull(signingKey, "signingKey");
            if (signingKey.length < 16) {
                throw new IllegalArgumentException("signingKey must be at least 16 bytes, was " + signingKey.length);
            }
            this.signingKey = signingKey.clone();
            return this;
        }

        /** The clock that dates presigned URLs and checks their expiry; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The store; the root directory is created when missing.
         *
         * @throws CampaignException {@code FILES_UNAVAILABLE} when the root cannot be created or resolved
         */
        public LocalFileStore build() {
            return new LocalFileStore(this);
        }
    }
}
