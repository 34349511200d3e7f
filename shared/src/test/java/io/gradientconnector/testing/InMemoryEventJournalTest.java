package io.gradientconnector.testing;

import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.EventJournalContract;


class InMemoryEventJournalTest extends EventJournalContract {
    @Override
    protected ConnectorStores newStores(MutableClock clock) {
        return InMemoryStores.create(clock, DEDUP_TTL, ROUTING);
    }
}
