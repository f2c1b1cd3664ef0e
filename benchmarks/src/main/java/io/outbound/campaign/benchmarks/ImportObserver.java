package io.outbound.campaign.benchmarks;

import io.outbound.campaign.spi.CampaignStore;
import io.outbound.campaign.spi.ContactSource;
import io.outbound.campaign.spi.ImportedContact;
import io.outbound.campaign.spi.NewCampaign;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Consumer;

/**
 * A store that hands every accepted contact of an import to an observer instead of storing it, and delegates
 * everything else. With it, {@code create()} measures reading and judging a file, not keeping its contacts, and
 * the observer learns every verdict through the public API. A dynamic proxy, because only one of the store's
 * many methods changes.
 */
final class ImportObserver {

    private ImportObserver() {
    }

    static CampaignStore observing(CampaignStore delegate, Consumer<List<ImportedContact>> observer) {
        return (CampaignStore) Proxy.newProxyInstance(CampaignStore.class.getClassLoader(),
                new Class<?>[] {CampaignStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createCampaign")) {
                        ContactSource contacts = (ContactSource) args[1];
                        ContactSource observed = sink -> contacts.drainTo(observer::accept);
                        return delegate.createCampaign((NewCampaign) args[0], observed);
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
