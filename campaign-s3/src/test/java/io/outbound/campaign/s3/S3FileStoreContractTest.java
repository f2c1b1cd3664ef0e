package io.outbound.campaign.s3;

import io.outbound.campaign.spi.FileStore;
import io.outbound.campaign.testkit.FileStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link FileStore} contract against a real S3 server (S3Proxy with SigV4), through a key prefix
 * and with the smallest multipart threshold S3 allows, so that the contract's multi-megabyte file goes
 * up as a multipart upload.
 */
class S3FileStoreContractTest extends FileStoreContract {

    @RegisterExtension
    static final S3ProxyServer S3 = S3ProxyServer.inMemory();

    @Override
    protected FileStore createStore() {
        return S3.storeBuilder(S3.newBucket())
                .keyPrefix("tenant-files/")
                .multipartThreshold(S3FileStoreBuilder.MIN_PART_SIZE)
                .partSize(S3FileStoreBuilder.MIN_PART_SIZE)
                .build();
    }

    @Override
    protected void afterEach() {
        ((S3FileStore) store).close();
    }
}
