package io.outbound.campaign.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A real S3 server for tests: S3Proxy in this JVM on 127.0.0.1 and a random port, checking AWS
 * SigV2/SigV4 signatures against one access key. Register it with {@code @RegisterExtension static};
 * it starts before the class's tests and stops, deleting what it stored, after them.
 *
 * <p>Two backends: {@link #inMemory()} (jclouds' {@code transient} store, whose reads and writes of an
 * object are atomic as on S3) and {@link #onDisk()} (S3Proxy's {@code filesystem-nio2} store in a
 * temporary directory, for objects too large for the heap; a read racing a replacement of the same
 * object can fail there, which S3 never does).
 */
public final class S3ProxyServer implements BeforeAllCallback, AfterAllCallback {

    /** The access key the server accepts. */
    public static final String ACCESS_KEY = "test-access-key";
    /** The secret key the server accepts. */
    public static final String SECRET_KEY = "test-secret-key-0123456789";
    /** Any region: S3Proxy does not check it, but the SDK signs with it. */
    public static final Region REGION = Region.US_EAST_1;

    private final boolean onDisk;
    private final AtomicInteger buckets = new AtomicInteger();
    private Path directory;
    private BlobStoreContext blobStore;
    private S3Proxy proxy;
    private URI endpoint;

    private S3ProxyServer(boolean onDisk) {
        this.onDisk = onDisk;
    }

    /** A server keeping objects in memory. */
    public static S3ProxyServer inMemory() {
        return new S3ProxyServer(false);
    }

    /** A server keeping objects in a temporary directory. */
    public static S3ProxyServer onDisk() {
        return new S3ProxyServer(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    /** Starts the server; for test engines without JUnit extensions (jqwik's {@code @BeforeContainer}). */
    public void start() throws Exception {
        ContextBuilder backend;
        if (onDisk) {
            directory = Files.createTempDirectory("s3proxy");
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", directory.toString());
            backend = ContextBuilder.newBuilder("filesystem-nio2").overrides(properties);
        } else {
            backend = ContextBuilder.newBuilder("transient");
        }
        // The backend's own login, unused by local backends but required by jclouds.
        blobStore = backend.credentials("local", "local").buildView(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(blobStore.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start(); // Jetty's start returns once the connector is bound
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Stops the server and deletes what it stored. */
    public void stop() throws Exception {
        if (proxy != null) {
            proxy.stop();
        }
        if (blobStore != null) {
            blobStore.close();
        }
        if (directory != null) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(S3ProxyServer::delete);
            }
        }
    }

    /** The server's base URL. */
    public URI endpoint() {
        return endpoint;
    }

    /** Credentials the server accepts. */
    public StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** Creates a new, empty bucket and returns its name. */
    public String newBucket() {
        String name = "bucket-" + buckets.incrementAndGet();
        blobStore.getBlobStore().createContainerInLocation(null, name);
        return name;
    }

    /** A store builder pointed at this server, with static credentials, so nothing else is contacted. */
    public S3FileStoreBuilder storeBuilder(String bucket) {
        return S3FileStore.builder()
                .bucket(bucket)
                .region(REGION)
                .credentials(credentials())
                .endpointOverride(endpoint)
                .pathStyleAccess(true)
                .uploadChecksums(false); // S3Proxy 2.6 rejects aws-chunked checksum trailers
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
