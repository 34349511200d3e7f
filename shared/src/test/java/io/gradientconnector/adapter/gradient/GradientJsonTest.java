package io.gradientconnector.adapter.gradient;

import io.gradientconnector.port.gradient.CreateServiceRequest;
import io.gradientconnector.port.gradient.GradientAccount;
import io.gradientconnector.port.gradient.NewAccount;
import io.gradientconnector.port.gradient.ServiceCategory;
import io.gradientconnector.port.gradient.ServiceSubcategory;
import io.gradientconnector.port.gradient.UpdateAccountRequest;
import io.gradientconnector.port.gradient.VendorProfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GradientJsonTest {
    private final ObjectMapper mapper = GradientJson.newMapper();

    @Test
    void unwrap_shouldReturnData_whenBodyIsEnveloped() throws Exception {
        JsonNode node = GradientJson.unwrap(mapper.readTree(
                "{\"status\":200,\"message\":\"Success - Retrieved Vendor\",\"data\":{\"id\":\"v1\"}}"));
        assertEquals("v1", node.get("id").asText());
    }

    @Test
    void unwrap_shouldReturnBodyItself_whenBodyIsBare() throws Exception {
        JsonNode bare = mapper.readTree("{\"organizationId\":\"o1\",\"status\":\"pending\"}");
        assertEquals(bare, GradientJson.unwrap(bare));
        JsonNode array = mapper.readTree("[{\"id\":\"1\"}]");
        assertEquals(array, GradientJson.unwrap(array));
    }

    @Test
    void errorMessage_shouldReadString_whenNestStyleBody() {
        assertEquals("No account map found with id: 1",
                GradientJson.errorMessage(mapper, "{\"statusCode\":404,\"message\":\"No account map found with id: 1\"}"));
    }

    @Test
    void errorMessage_shouldJoinArray_whenValidationFailed() {
        assertEquals("unitCount must be a number; accountId should not be empty", GradientJson.errorMessage(mapper,
                "{\"statusCode\":400,\"message\":[\"unitCount must be a number\",\"accountId should not be empty\"],"
                        + "\"error\":\"Bad Request\"}"));
    }

    @Test
    void errorMessage_shouldFallBack_whenNoMessageOrNotJson() {
        assertEquals("Bad Gateway", GradientJson.errorMessage(mapper, "{\"error\":\"Bad Gateway\"}"));
        assertEquals("<html>upstream down</html>", GradientJson.errorMessage(mapper, "<html>upstream down</html>"));
        assertEquals("", GradientJson.errorMessage(mapper, ""));
        assertEquals(503, GradientJson.errorMessage(mapper, "x".repeat(2000)).length());
    }

    @Test
    void writeUnitCount_shouldBePlainNumber_whenZeroFractionOrExponent() throws Exception {
        assertEquals("{\"accountId\":\"a\",\"unitCount\":0}",
                mapper.writeValueAsString(new UnitCountBody("a", BigDecimal.ZERO)));
        assertEquals("{\"accountId\":\"a\",\"unitCount\":5.5}",
                mapper.writeValueAsString(new UnitCountBody("a", new BigDecimal("5.5"))));
        assertEquals("{\"accountId\":\"a\",\"unitCount\":1000}",
                mapper.writeValueAsString(new UnitCountBody("a", new BigDecimal("1E+3"))));
        assertEquals("{\"accountId\":\"a\",\"unitCount\":0.00000001}",
                mapper.writeValueAsString(new UnitCountBody("a", new BigDecimal("1E-8"))));
    }

    @Test
    void readVendor_shouldTolerateUnknownFieldsAndLegacyId_whenParsing() throws Exception {
        VendorProfile vendor = mapper.readValue("{\"_id\":\"v1\",\"name\":\"Acme\",\"__v\":0,\"brandNew\":{\"x\":1},"
                + "\"skus\":[{\"_id\":\"s1\",\"id\":\"s1\",\"name\":\"Backup\",\"category\":\"backup\","
                + "\"subcategory\":\"future category\"}],\"createdAt\":\"2024-01-05T10:00:00.000Z\"}", VendorProfile.class);
        assertEquals("v1", vendor.id());
        assertEquals("s1", vendor.skus().get(0).id());
        assertEquals(ServiceCategory.BACKUP, vendor.skus().get(0).serviceCategory().orElseThrow());
        assertTrue(vendor.skus().get(0).serviceSubcategory().isEmpty());
        assertEquals(Instant.parse("2024-01-05T10:00:00Z"), vendor.createdAt());
        assertTrue(vendor.modules().isEmpty());
    }

    @Test
    void readAccount_shouldCountMappingIdAsMapped_whenIsMappedAbsent() throws Exception {
        GradientAccount[] accounts = mapper.readValue("[{\"id\":\"1\",\"name\":\"A\",\"isMapped\":false},"
                + "{\"id\":\"2\",\"name\":\"B\",\"mappingId\":\"m2\"},{\"id\":\"3\",\"name\":\"C\",\"isMapped\":true}]",
                GradientAccount[].class);
        assertFalse(accounts[0].mapped());
        assertTrue(accounts[1].mapped());
        assertTrue(accounts[2].mapped());
    }

    @Test
    void writeRequests_shouldUseWireNames_whenSerialising() throws Exception {
        assertEquals("{\"name\":\"n\",\"isActive\":false}",
                mapper.writeValueAsString(new UpdateAccountRequest("n", null, false, null)));
        assertEquals("{\"id\":\"1\",\"name\":\"A\",\"isArrears\":true}",
                mapper.writeValueAsString(new NewAccount("1", "A", null, true)));
        assertEquals("{\"name\":\"n\",\"description\":\"d\",\"category\":\"service delivery\","
                        + "\"subcategory\":\"priviledged access and identity management (PAM/PIM)\"}",
                mapper.writeValueAsString(CreateServiceRequest.of("n", "d", ServiceCategory.SERVICE_DELIVERY,
                        ServiceSubcategory.PRIVILEDGED_ACCESS_AND_IDENTITY_MANAGEMENT)));
    }
}
