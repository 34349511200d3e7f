package io.gradientconnector.store;

import io.gradientconnector.testing.MutableClock;

class InMemoryEventJournalTest extends EventJournalContract {
    @Override
    protected ConnectorStores newStores(MutableClock clock) {
        return ConnectorStores.inMemory(clock, DEDUP_TTL);
    }
}
