package io.gradientconnector.port;

import io.gradientconnector.domain.ServiceKey;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rules of {@link CatalogStore}, run against the fake and DynamoDB. */
public abstract class CatalogStoreContract extends StoreContractSupport {

    @Test
    void put_shouldMapServiceKeys_andReplaceAnExistingMapping() {
        stores.catalog().put(ServiceKey.of("backup-server"), "65a1f3aa9c0d1e2f3a4b5c6d", "Cloud Backup - Servers");
        stores.catalog().put(ServiceKey.of("edr-endpoint"), "65a1f3aa9c0d1e2f3a4b5c6e", "EDR");
        stores.catalog().put(ServiceKey.of("edr-endpoint"), "65a1f3aa9c0d1e2f3a4b5c6f", "EDR");

        assertEquals(Optional.of("65a1f3aa9c0d1e2f3a4b5c6d"), stores.catalog().gradientServiceId(ServiceKey.of("backup-server")));
        assertEquals(Optional.empty(), stores.catalog().gradientServiceId(ServiceKey.of("unknown")));
        assertEquals(Map.of(ServiceKey.of("backup-server"), "65a1f3aa9c0d1e2f3a4b5c6d",
                ServiceKey.of("edr-endpoint"), "65a1f3aa9c0d1e2f3a4b5c6f"), stores.catalog().all());
    }

    @Test
    void put_shouldReject_whenGradientIdIsBlank() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> stores.catalog().put(ServiceKey.of("backup-server"), " ", "x"));

        assertEquals("gradientServiceId is required", e.getMessage());
    }
}
