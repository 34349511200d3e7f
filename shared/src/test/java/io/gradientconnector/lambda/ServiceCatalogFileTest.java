package io.gradientconnector.lambda;

import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.UnitConversion;
import io.gradientconnector.port.gradient.ServiceCategory;
import io.gradientconnector.port.gradient.ServiceSubcategory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceCatalogFileTest {

    private static final String PLAIN = "{\"key\":\"%s\",\"name\":\"%s\",\"description\":\"d\",\"category\":\"backup\","
            + "\"subcategory\":\"cloud backup\"%s}";

    private static ServiceCatalog parse(String json) {
        return ServiceCatalogFile.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String entry(String key, String name, String extra) {
        return PLAIN.formatted(key, name, extra);
    }

    private static String error(String json) {
        return assertThrows(ServiceCatalog.InvalidCatalogException.class, () -> parse(json)).getMessage();
    }

    @Test
    void example_shouldReadBundledCatalog_withGradientCategories() {
        ServiceCatalog catalog = ServiceCatalogFile.example();

        ServiceCatalog.Service edr = catalog.find(ServiceKey.of("edr-endpoint")).orElseThrow();
        assertEquals("security", edr.category());
        assertEquals("endpoint detection and response (EDR)", edr.subcategory());
        assertEquals(List.of(ServiceKey.of("edr-endpoint")), edr.skus());
        assertTrue(catalog.hasSku(ServiceKey.of("backup-server")));
    }

    @Test
    void example_shouldHoldACompositeAndAUnitConversion() {
        ServiceCatalog catalog = ServiceCatalogFile.example();

        ServiceCatalog.Service storage = catalog.serviceOfSku(ServiceKey.of("storage-bytes")).orElseThrow();
        assertEquals(UnitConversion.Unit.BYTES, storage.unit().from());
        assertEquals(UnitConversion.Unit.GB, storage.unit().to());
        ServiceCatalog.Service seats = catalog.find(ServiceKey.of("backup-seats")).orElseThrow();
        assertEquals(ServiceKey.of("backup-seats"), catalog.rowService(ServiceKey.of("m365-backup-user")));
        assertEquals(2, seats.skus().size());
    }

    @Test
    void parse_shouldReadCompositeAndUnit_whenGiven() {
        ServiceCatalog catalog = parse("[" + entry("storage", "Storage", ",\"skus\":[\"disk\",\"tape\"],"
                + "\"unit\":{\"from\":\"bytes\",\"to\":\"GB\",\"factor\":\"1.5\",\"decimals\":2,\"rounding\":\"half-up\"}")
                + "]");

        ServiceCatalog.Service storage = catalog.services().get(0);
        assertEquals(List.of(ServiceKey.of("disk"), ServiceKey.of("tape")), storage.skus());
        assertEquals(new UnitConversion(UnitConversion.Unit.BYTES, UnitConversion.Unit.GB, new BigDecimal("1.5"), 2,
                UnitConversion.Rounding.HALF_UP), storage.unit());
        assertEquals(ServiceKey.of("storage"), catalog.rowService(ServiceKey.of("tape")));
        assertEquals(Quantity.of("1.5"), storage.gradientCount(BigDecimal.valueOf(1024L * 1024 * 1024)));
    }

    @Test
    void parse_shouldNameEntryAndField_whenSubcategoryIsNotGradientsExactString() {
        String message = error("[{\"key\":\"x\",\"name\":\"X\",\"description\":\"d\",\"category\":\"security\","
                + "\"subcategory\":\"Endpoint Detection and Response (EDR)\"}]");

        assertTrue(message.startsWith("service catalog entry 0 (key \"x\"), field \"subcategory\": "
                + "\"Endpoint Detection and Response (EDR)\" is not a Gradient subcategory"), message);
    }

    /** Every way an entry can be wrong names the entry (position, key) and the field at fault. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"key\":\"a\",\"name\":\"A\",\"description\":\"d\",\"category\":\"Backup\",\"subcategory\":\"cloud backup\"}|category",
            "{\"key\":\"a\",\"name\":\"A\",\"description\":\"d\",\"subcategory\":\"cloud backup\"}|category",
            "{\"key\":\"a\",\"name\":\"A\",\"description\":\"d\",\"category\":\"backup\"}|subcategory",
            "{\"key\":\"a\",\"description\":\"d\",\"category\":\"backup\",\"subcategory\":\"cloud backup\"}|name",
            "{\"key\":\"a\",\"name\":\"A\",\"description\":\"\",\"category\":\"backup\",\"subcategory\":\"cloud backup\"}|description",
            "{\"key\":\"a\",\"name\":\"A\",\"description\":\"d\",\"category\":\"backup\",\"subcategory\":\"cloud backup\",\"colour\":\"red\"}|colour",
            "{\"key\":\"a\",\"name\":\"A\",\"description\":\"d\",\"category\":\"backup\",\"subcategory\":\"cloud backup\",\"skus\":[]}|skus",
            "{\"key\":\"a\",\"name\":\"A\",\"description\":\"d\",\"category\":\"backup\",\"subcategory\":\"cloud backup\",\"skus\":[\"b\",\"B!\"]}|skus[1]",
            "{\"key\":\"a\",\"name\":\"A\",\"description\":\"d\",\"category\":\"backup\",\"subcategory\":\"cloud backup\",\"skus\":[\"b\",\"b\"]}|skus[1]",
            "{\"key\":\"a\",\"name\":\"A\",\"description\":\"d\",\"category\":\"backup\",\"subcategory\":\"cloud backup\",\"unit\":{\"from\":\"bytes\",\"to\":\"GiB\",\"rounding\":\"up\"}}|unit.to",
            "{\"key\":\"a\",\"name\":\"A\",\"description\":\"d\",\"category\":\"backup\",\"subcategory\":\"cloud backup\",\"unit\":{\"from\":\"count\",\"to\":\"GB\",\"rounding\":\"up\"}}|unit.to",
            "{\"key\":\"a\",\"name\":\"A\",\"description\":\"d\",\"category\":\"backup\",\"subcategory\":\"cloud backup\",\"unit\":{\"to\":\"GB\",\"rounding\":\"up\"}}|unit.from",
            "{\"key\":\"a\",\"name\":\"A\",\"description\":\"d\",\"category\":\"backup\",\"subcategory\":\"cloud backup\",\"unit\":{\"from\":\"bytes\",\"to\":\"GB\"}}|unit.rounding",
            "{\"key\":\"a\",\"name\":\"A\",\"description\":\"d\",\"category\":\"backup\",\"subcategory\":\"cloud backup\",\"unit\":{\"from\":\"bytes\",\"to\":\"GB\",\"rounding\":\"nearest\"}}|unit.rounding",
            "{\"key\":\"a\",\"name\":\"A\",\"description\":\"d\",\"category\":\"backup\",\"subcategory\":\"cloud backup\",\"unit\":{\"from\":\"bytes\",\"to\":\"GB\",\"rounding\":\"up\",\"factor\":0}}|unit.factor",
            "{\"key\":\"a\",\"name\":\"A\",\"description\":\"d\",\"category\":\"backup\",\"subcategory\":\"cloud backup\",\"unit\":{\"from\":\"bytes\",\"to\":\"GB\",\"rounding\":\"up\",\"factor\":\"x\"}}|unit.factor",
            "{\"key\":\"a\",\"name\":\"A\",\"description\":\"d\",\"category\":\"backup\",\"subcategory\":\"cloud backup\",\"unit\":{\"from\":\"bytes\",\"to\":\"GB\",\"rounding\":\"up\",\"decimals\":7}}|unit.decimals",
            "{\"key\":\"a\",\"name\":\"A\",\"description\":\"d\",\"category\":\"backup\",\"subcategory\":\"cloud backup\",\"unit\":{\"from\":\"bytes\",\"to\":\"GB\",\"rounding\":\"up\",\"scale\":2}}|unit.scale",
    })
    void parse_shouldNameEntryAndField_whenAnEntryIsWrong(String wrong, String field) {
        String message = error("[" + entry("ok", "Fine", "") + "," + wrong + "]");

        assertTrue(message.startsWith("service catalog entry 1 (key \"a\"), field \"" + field + "\": "), message);
    }

    @Test
    void parse_shouldNameEntryAndField_whenKeyIsMissingOrMalformed() {
        assertTrue(error("[{\"name\":\"X\"}]").startsWith("service catalog entry 0, field \"key\": is required"));
        assertTrue(error("[" + entry("Not A Key", "X", "") + "]")
                .startsWith("service catalog entry 0 (key \"Not A Key\"), field \"key\": "));
    }

    @Test
    void parse_shouldNameBothEntries_whenKeysRepeat() {
        String message = error("[" + entry("a", "A", "") + "," + entry("a", "B", "") + "]");

        assertEquals("service catalog entry 1 (key \"a\"), field \"key\": is already the key of entry 0", message);
    }

    @Test
    void parse_shouldNameBothEntries_whenNamesRepeat() {
        String message = error("[" + entry("a", "Same", "") + "," + entry("b", "Same", "") + "]");

        assertEquals("service catalog entry 1 (key \"b\"), field \"name\": \"Same\" is already the name of entry 0",
                message);
    }

    @Test
    void parse_shouldReject_whenASkuFeedsTwoServices() {
        String message = error("[" + entry("a", "A", ",\"skus\":[\"x\",\"y\"]") + ","
                + entry("b", "B", ",\"skus\":[\"z\",\"y\"]") + "]");

        assertEquals("service catalog entry 1 (key \"b\"), field \"skus[1]\": \"y\" is already a SKU of entry 0"
                + " (a SKU belongs to exactly one service)", message);
    }

    @Test
    void parse_shouldReject_whenAKeyIsAnotherEntrysSku() {
        String message = error("[" + entry("a", "A", ",\"skus\":[\"b\"]") + "," + entry("b", "B", ",\"skus\":[\"c\"]")
                + "]");

        assertTrue(message.startsWith("service catalog entry 1 (key \"b\"), field \"key\": is a SKU of entry 0"),
                message);
    }

    @Test
    void parse_shouldReject_whenNotAnArrayOrNotJson() {
        assertEquals("service catalog: must be a JSON array of services", error("{\"services\": []}"));
        assertTrue(error("[{").startsWith("service catalog: is not JSON"));
        assertEquals("service catalog: must list at least one service", error("[]"));
        assertEquals("service catalog entry 0: must be a JSON object", error("[\"backup\"]"));
    }

    @Test
    void categories_shouldBeExactlyGradientsPublishedSpellings() {
        assertEquals(Arrays.stream(ServiceCategory.values()).map(ServiceCategory::wireValue).collect(Collectors.toSet()),
                ServiceCatalog.CATEGORIES);
        assertEquals(Arrays.stream(ServiceSubcategory.values()).map(ServiceSubcategory::wireValue)
                .collect(Collectors.toSet()), ServiceCatalog.SUBCATEGORIES);
    }
}
