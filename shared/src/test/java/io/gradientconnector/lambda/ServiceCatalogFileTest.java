package io.gradientconnector.lambda;

import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceKey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceCatalogFileTest {

    private static ServiceCatalog parse(String json) throws IOException {
        return ServiceCatalogFile.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void load_shouldReadBundledCatalog_withGradientCategories() {
        ServiceCatalog catalog = ServiceCatalogFile.load(Optional.empty());

        assertEquals(4, catalog.services().size());
        ServiceCatalog.Service edr = catalog.find(ServiceKey.of("edr-endpoint")).orElseThrow();
        assertEquals("security", edr.category());
        assertEquals("endpoint detection and response (EDR)", edr.subcategory());
        assertTrue(catalog.contains(ServiceKey.of("backup-server")));
    }

    @Test
    void load_shouldReadOverrideFile_whenPathGiven(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("catalog.json");
        Files.writeString(file, "[{\"key\":\"voip-seat\",\"name\":\"Hosted VoIP - Seats\",\"description\":\"Per seat\","
                + "\"category\":\"productivity\",\"subcategory\":\"voice over IP services (VOIP)\"}]");

        ServiceCatalog catalog = ServiceCatalogFile.load(Optional.of(file));

        assertEquals(ServiceKey.of("voip-seat"), catalog.services().get(0).key());
    }

    @Test
    void parse_shouldReject_whenSubcategoryIsNotGradientsExactString() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(
                "[{\"key\":\"x\",\"name\":\"X\",\"description\":\"d\",\"category\":\"security\","
                        + "\"subcategory\":\"Endpoint Detection and Response (EDR)\"}]"));

        assertEquals("service catalog entry 0: subcategory of x is not a Gradient subcategory", e.getMessage());
    }

    @Test
    void parse_shouldReject_whenNamesRepeat() {
        String entry = "{\"key\":\"%s\",\"name\":\"Same\",\"description\":\"d\",\"category\":\"backup\","
                + "\"subcategory\":\"cloud backup\"}";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("[" + entry.formatted("a") + "," + entry.formatted("b") + "]"));

        assertEquals("service name of b is used twice", e.getMessage());
    }

    @Test
    void parse_shouldReject_whenNotAnArray() {
        assertThrows(IllegalArgumentException.class, () -> parse("{\"services\": []}"));
    }
}
