package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.LedgerChange;
import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.Quantity;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ItemsTest {

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    @Test
    void ledgerRow_shouldReadARowFoldedBeforeFoldsKeptTheirFunction_asItsNetChangeAtTheOldFoldPoint() {
        // Written by the previous release: set 3 @00:00, folded through @00:05 to base 10, one delta after.
        Map<String, AttributeValue> item = Map.ofEntries(
                Map.entry("partnerId", s("p1")), Map.entry("accountId", s("a1")), Map.entry("service", s("backup")),
                Map.entry("version", n("7")), Map.entry("count", n("12")), Map.entry("base", n("10")),
                Map.entry("setAt", s("2025-01-01T00:00:00Z")), Map.entry("setEventId", s("s")),
                Map.entry("setQuantity", n("3")),
                Map.entry("foldedAt", s("2025-01-01T00:00:05Z")), Map.entry("foldedEventId", s("f")),
                Map.entry("deltas", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                        "at", s("2025-01-01T00:00:06Z"), "id", s("d"), "op", s("ADD"), "q", n("2")))))));

        LedgerRow row = Items.ledgerRow(item);

        assertEquals(Quantity.of(12), row.count());
        LedgerChange lateSet = LedgerChange.set(EventId.of("late"), Instant.parse("2025-01-01T00:00:01Z"), Quantity.of(0));
        assertEquals(Quantity.of(9), row.state().apply(lateSet).orElseThrow().count(), "0 + the folded net +7, then +2");
    }
}
