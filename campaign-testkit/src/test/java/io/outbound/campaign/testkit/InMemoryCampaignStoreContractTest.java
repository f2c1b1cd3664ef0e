package io.outbound.campaign.testkit;

import io.outbound.campaign.memory.InMemoryCampaignStore;

import io.outbound.campaign.spi.CampaignStore;

class InMemoryCampaignStoreContractTest extends CampaignStoreContract {
    @Override
    protected CampaignStore createStore() {
        return new InMemoryCampaignStore();
    }
}
