package io.outbound.campaign.testkit;

import io.outbound.campaign.LocalFileStore;
import io.outbound.campaign.spi.FileStore;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalFileStoreContractTest extends FileStoreContract {

    @TempDir
    Path root;

    @Override
    protected FileStore createStore() {
        return LocalFileStore.builder(root.resolve("files")).baseUrl(URI.create("http://127.0.0.1:8080")).build();
    }
}
