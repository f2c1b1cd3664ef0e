package io.outbound.campaign.testkit;

import io.outbound.campaign.LocalFileStore;
import io.outbound.campaign.spi.FileStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalFileStoreWithoutBaseUrlContractTest extends FileStoreContract {

    @TempDir
    Path root;

    @Override
    protected FileStore createStore() {
        return LocalFileStore.of(root);
    }
}
