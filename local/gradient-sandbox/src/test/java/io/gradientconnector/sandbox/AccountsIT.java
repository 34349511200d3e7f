package io.gradientconnector.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class AccountsIT {

    @AutoClose
    private final SandboxFixture fx = SandboxFixture.start();

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(node -> ids.add(node.path("id").asText()));
        return ids;
    }

    private List<String> listIds(String query) {
        var response = fx.call("GET", "/organization/accounts" + query, null);
        assertEquals(200, response.status(), response.body());
        return ids(response.json());
    }

    @Test
    void createAccounts_shouldReturn201WithCreatedItems_whenBodyIsValid() {
        var response = fx.call("POST", "/organization/accounts",
                "[{\"id\":\"tenant.onmicrosoft.com\",\"name\":\"Fabrikam\",\"description\":\"d\"},{\"id\":\"2\",\"name\":\"Two\"}]");
        assertEquals(201, response.status(), response.body());
        assertEquals(List.of("tenant.onmicrosoft.com", "2"), ids(response.json()));
        assertEquals("", response.json().get(1).path("description").asText());
    }

    @Test
    void createAccounts_shouldReturn409AndCreateNothing_whenAnIdAlreadyExists() {
        fx.createAccounts("1");
        var response = fx.call("POST", "/organization/accounts", "[{\"id\":\"2\",\"name\":\"Two\"},{\"id\":\"1\",\"name\":\"Again\"}]");
        assertEquals(409, response.status());
        assertEquals("A resource with this Id already exists.", response.message());
        assertEquals(List.of("1"), listIds(""));
    }

    @Test
    void createAccounts_shouldReturn409AndCreateNothing_whenBodyRepeatsAnId() {
        var response = fx.call("POST", "/organization/accounts", "[{\"id\":\"x\",\"name\":\"X\"},{\"id\":\"x\",\"name\":\"X2\"}]");
        assertEquals(409, response.status());
        assertEquals(List.of(), listIds(""));
    }

    @Test
    void createOrgServices_shouldReturn409AndCreateNothing_whenAnIdRepeats() {
        assertEquals(201, fx.call("POST", "/organization/services", "[{\"id\":\"s1\",\"name\":\"S1\",\"description\":\"\"}]").status());
        var response = fx.call("POST", "/organization/services",
                "[{\"id\":\"s2\",\"name\":\"S2\",\"description\":\"\"},{\"id\":\"s1\",\"name\":\"S1\",\"description\":\"\"}]");
        assertEquals(409, response.status());
        assertEquals("A resource with this Id already exists.", response.message());
        assertEquals(List.of("s1"), ids(fx.call("GET", "/organization/services", null).json()));
    }

    @Test
    void listAccounts_shouldFilterByIds_whenAnyArrayEncodingIsUsed() {
        fx.createAccounts("a", "b", "c");
        assertEquals(List.of("a", "c"), listIds("?accountIds=a&accountIds=c"));
        assertEquals(List.of("a", "b"), listIds("?accountIds%5B%5D=a&accountIds%5B%5D=b"));
        assertEquals(List.of("b", "c"), listIds("?accountIds=b,c"));
        assertEquals(List.of("a", "b", "c"), listIds(""));
    }

    @Test
    void listAccounts_shouldReturnOnlyMapped_whenReturnUnmappedIsFalse() {
        fx.createAccounts("a", "b");
        String mappingId = fx.control.mapAccount(fx.integrationId(), "b");
        assertEquals(List.of("b"), listIds("?returnUnmapped=FALSE"));
        JsonNode all = fx.call("GET", "/organization/accounts", null).json();
        assertFalse(all.get(0).path("isMapped").asBoolean());
        assertFalse(all.get(0).has("mappingId"));
        assertTrue(all.get(1).path("isMapped").asBoolean());
        assertEquals(mappingId, all.get(1).path("mappingId").asText());
    }

    @Test
    void updateAccount_shouldChangeFields_whenAccountExists() {
        fx.createAccounts("a b");
        var response = fx.call("PATCH", "/organization/accounts/a%20b",
                "{\"id\":\"a b\",\"name\":\"Renamed\",\"isActive\":false,\"isArrears\":true}");
        assertEquals(200, response.status(), response.body());
        assertEquals("Renamed", response.json().path("name").asText());
        JsonNode listed = fx.call("GET", "/organization/accounts", null).json().get(0);
        assertEquals("Renamed", listed.path("name").asText());
        assertFalse(listed.path("isActive").asBoolean());
        assertTrue(listed.path("isArrears").asBoolean());
    }

    @Test
    void updateAccount_shouldReturn404_whenAccountIsUnknown() {
        var response = fx.call("PATCH", "/organization/accounts/nope", "{\"name\":\"X\"}");
        assertEquals(404, response.status());
        assertEquals("Account not found with id: nope", response.message());
    }

    @Test
    void bulkUpdateAccounts_shouldChangeNothing_whenOneIdIsUnknown() {
        fx.createAccounts("a");
        assertEquals(404, fx.call("PATCH", "/organization/accounts",
                "[{\"id\":\"a\",\"name\":\"New\"},{\"id\":\"zz\",\"name\":\"Z\"}]").status());
        assertEquals("Customer a", fx.call("GET", "/organization/accounts", null).json().get(0).path("name").asText());
        assertEquals(200, fx.call("PATCH", "/organization/accounts", "{\"id\":\"a\",\"name\":\"New\"}").status());
        assertEquals("New", fx.call("GET", "/organization/accounts", null).json().get(0).path("name").asText());
    }

    @Test
    void orgServices_shouldListAndUpdate_whenCreated() {
        fx.call("POST", "/organization/services", "[{\"id\":\"s1\",\"name\":\"S1\",\"description\":\"x\"},{\"id\":\"s2\",\"name\":\"S2\",\"description\":\"y\"}]");
        fx.control.mapService(fx.integrationId(), "s2");
        assertEquals(List.of("s2"), ids(fx.call("GET", "/organization/services?returnUnmapped=false", null).json()));
        assertEquals(List.of("s1"), ids(fx.call("GET", "/organization/services?serviceIds=s1", null).json()));
        var updated = fx.call("PATCH", "/organization/services/s1", "{\"name\":\"S1 renamed\"}");
        assertEquals(200, updated.status(), updated.body());
        assertEquals("S1 renamed", updated.json().path("name").asText());
        assertEquals(404, fx.call("PATCH", "/organization/services/zz", "{\"name\":\"x\"}").status());
    }
}
