package io.outbound.campaign.testkit;

import io.outbound.campaign.memory.InMemoryFileStore;
import io.outbound.campaign.spi.FileStore;

class InMemoryFileStoreContractTest extends FileStoreContract {

    @Override
    protected FileStore createStore() {
        return new InMemoryFileStore();
    }
}
