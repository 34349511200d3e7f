package io.gradientconnector.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class VendorServicesIT {

    @AutoClose
    private final SandboxFixture fx = SandboxFixture.start();

    @Test
    void getVendor_shouldReturnEnvelopeWithSkus_whenServicesExist() {
        String sku = fx.createSku("Cloud Backup - Servers");
        var response = fx.call("GET", "", null);
        assertEquals(200, response.status());
        JsonNode body = response.json();
        assertEquals(200, body.path("status").asInt());
        assertEquals("Success - Retrieved Vendor", body.path("message").asText());
        assertEquals("Acme Backup", body.path("data").path("name").asText());
        JsonNode first = body.path("data").path("skus").get(0);
        assertEquals(sku, first.path("id").asText());
        assertEquals(sku, first.path("_id").asText());
        assertTrue(sku.matches("[0-9a-f]{24}"));
    }

    @Test
    void createService_shouldReturnBareVendorData_whenValid() {
        var response = fx.call("POST", "/service", """
                {"name":"EDR","description":"per endpoint","category":"security",
                 "subcategory":"endpoint detection and response (EDR)","supportContact":"help@example.com"}""");
        assertEquals(201, response.status(), response.body());
        assertTrue(response.json().has("skus"), "bare VendorData, no envelope");
        assertEquals("help@example.com", response.json().path("skus").get(0).path("supportContact").asText());
    }

    @Test
    void getService_shouldFilterSkus_whenIdIsKnown() {
        fx.createSku("One");
        String two = fx.createSku("Two");
        var response = fx.call("GET", "/service/" + two, null);
        assertEquals(200, response.status());
        assertEquals(1, response.json().path("data").path("skus").size());
        assertEquals("Two", response.json().path("data").path("skus").get(0).path("name").asText());
    }

    @Test
    void getService_shouldReturn404Or400_whenIdIsUnknownOrMalformed() {
        assertEquals(404, fx.call("GET", "/service/0123456789abcdef01234567", null).status());
        var malformed = fx.call("GET", "/service/xyz", null);
        assertEquals(400, malformed.status());
        assertEquals("You have provided an invalid Id type", malformed.message());
    }

    @Test
    void updateService_shouldAcceptNoBodyOrPartialFields_whenIdIsKnown() {
        String sku = fx.createSku("One");
        assertEquals(200, fx.call("PATCH", "/service/" + sku, null).status());
        var response = fx.call("PATCH", "/service/" + sku, "{\"name\":\"Renamed\",\"category\":\"other\"}");
        assertEquals(200, response.status(), response.body());
        JsonNode updated = response.json().path("data").path("skus").get(0);
        assertEquals("Renamed", updated.path("name").asText());
        assertEquals("other", updated.path("category").asText());
        assertEquals(400, fx.call("PATCH", "/service/" + sku, "{\"category\":\"OTHER\"}").status());
    }

    @Test
    void updateVendor_shouldChangeProfile_whenFieldsGiven() {
        var response = fx.call("PATCH", "", "{\"description\":\"New text\",\"vendorSupportPageUrl\":\"https://x.example\"}");
        assertEquals(200, response.status(), response.body());
        assertEquals("Success - Updated Vendor", response.json().path("message").asText());
        assertEquals("New text", fx.call("GET", "", null).json().path("data").path("description").asText());
    }
}
