package io.gradientconnector.store;

import io.gradientconnector.testing.MutableClock;

class InMemoryAccountStoreTest extends AccountStoreContract {
    @Override
    protected ConnectorStores newStores(MutableClock clock) {
        return ConnectorStores.inMemory(clock, DEDUP_TTL);
    }
}
