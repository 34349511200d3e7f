package io.gradientconnector.testing;

import io.gradientconnector.port.AccountStoreContract;
import io.gradientconnector.port.ConnectorStores;


class InMemoryAccountStoreTest extends AccountStoreContract {
    @Override
    protected ConnectorStores newStores(MutableClock clock) {
        return InMemoryStores.create(clock, DEDUP_TTL);
    }
}
