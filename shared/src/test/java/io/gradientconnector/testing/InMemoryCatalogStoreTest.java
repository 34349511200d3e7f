package io.gradientconnector.testing;

import io.gradientconnector.port.CatalogStoreContract;
import io.gradientconnector.port.ConnectorStores;


class InMemoryCatalogStoreTest extends CatalogStoreContract {
    @Override
    protected ConnectorStores newStores(MutableClock clock) {
        return InMemoryStores.create(clock, DEDUP_TTL);
    }
}
