package io.gradientconnector.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each 400 rule: bad JSON, missing/mistyped fields, enums, counts, ids, status values, alert ranges. */
class ValidationIT {

    @AutoClose
    private final SandboxFixture fx = SandboxFixture.start();
    private String skuId;

    @BeforeEach
    void start() {
        skuId = fx.mappedPair("acc-1");
    }

    private static void assertBadRequest(SandboxFixture.Response response, String expectedFragment) {
        assertEquals(400, response.status(), response.body());
        assertEquals(400, response.json().path("statusCode").asInt());
        assertTrue(response.message().contains(expectedFragment),
                () -> "expected message to contain '" + expectedFragment + "' but was: " + response.message());
    }

    @Test
    void setCount_shouldReturn400_whenBodyIsInvalidJson() {
        var response = fx.call("POST", "/service/" + skuId + "/count", "{\"accountId\": \"acc-1\", ");
        assertBadRequest(response, "Invalid JSON body");
        assertTrue(response.json().path("message").isTextual());
    }

    @Test
    void createAccounts_shouldReturn400_whenJsonHasTrailingGarbage() {
        assertBadRequest(fx.call("POST", "/organization/accounts", "[{\"id\":\"a\",\"name\":\"A\"}] x"),
                "Invalid JSON body");
    }

    @Test
    void setCount_shouldListEveryFieldAsArray_whenSeveralFieldsAreMissing() {
        var response = fx.call("POST", "/service/" + skuId + "/count", "{}");
        assertBadRequest(response, "accountId should not be empty");
        assertTrue(response.json().path("message").isArray(), "validation messages are an array");
        assertTrue(response.message().contains("unitCount must be a number"));
    }

    @Test
    void setCount_shouldReturn400_whenUnitCountIsNumericString() {
        assertBadRequest(fx.call("POST", "/service/" + skuId + "/count", "{\"accountId\":\"acc-1\",\"unitCount\":\"5\"}"),
                "unitCount must be a number");
    }

    @Test
    void setCount_shouldReturn400_whenUnitCountIsNegative() {
        assertBadRequest(fx.setCount(skuId, "acc-1", "-1"), "unitCount must not be less than 0");
    }

    @Test
    void setCount_shouldAcceptZeroAndFractions_whenUnitCountIsValid() {
        assertEquals(201, fx.setCount(skuId, "acc-1", "0").status());
        assertEquals(201, fx.setCount(skuId, "acc-1", "5.5").status());
    }

    @Test
    void setCount_shouldReturn400_whenAccountIdHasWrongType() {
        assertBadRequest(fx.call("POST", "/service/" + skuId + "/count", "{\"accountId\":42,\"unitCount\":1}"),
                "accountId must be a string");
    }

    @Test
    void setCount_shouldReturnInvalidIdType_whenServiceIdIsMalformed() {
        var response = fx.setCount("not-an-object-id", "acc-1", "1");
        assertBadRequest(response, "You have provided an invalid Id type");
        assertEquals("You have provided an invalid Id type", response.message());
    }

    @Test
    void addCount_shouldReturn400_whenDeltaIsZero() {
        assertBadRequest(fx.call("PATCH", "/service/" + skuId + "/count/add", "{\"accountId\":\"acc-1\",\"unitCount\":0}"),
                "unitCount must be a positive number");
    }

    @Test
    void setCount_shouldReturn400_whenNoBuildIsNotBoolean() {
        assertBadRequest(fx.call("POST", "/service/" + skuId + "/count?no_build=yes",
                "{\"accountId\":\"acc-1\",\"unitCount\":1}"), "no_build must be a boolean value");
    }

    @Test
    void setCount_shouldReturn400_whenContentTypeIsNotJson() {
        var response = SandboxFixture.send(fx.http, HttpRequest.newBuilder(fx.uri("/service/" + skuId + "/count"))
                .header("GRADIENT-TOKEN", fx.token).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"accountId\":\"acc-1\",\"unitCount\":1}")).build());
        assertBadRequest(response, "Content-Type must be application/json");
    }

    @Test
    void createService_shouldReturn400_whenCategoryCaseDiffers() {
        var response = fx.call("POST", "/service",
                "{\"name\":\"X\",\"description\":\"d\",\"category\":\"Backup\",\"subcategory\":\"cloud backup\"}");
        assertBadRequest(response, "category must be one of the following values");
    }

    @Test
    void createService_shouldReturn400_whenSubcategoryIsUnknown() {
        assertBadRequest(fx.call("POST", "/service",
                "{\"name\":\"X\",\"description\":\"d\",\"category\":\"backup\",\"subcategory\":\"Cloud Backup\"}"),
                "subcategory must be one of the following values");
    }

    @Test
    void createService_shouldReturn400_whenNameIsMissing() {
        assertBadRequest(fx.call("POST", "/service",
                "{\"description\":\"d\",\"category\":\"backup\",\"subcategory\":\"cloud backup\"}"),
                "name should not be empty");
    }

    @Test
    void createAccounts_shouldReturn400_whenBodyIsNotArray() {
        assertBadRequest(fx.call("POST", "/organization/accounts", "{\"id\":\"x\",\"name\":\"X\"}"),
                "body must be an array");
    }

    @Test
    void createAccounts_shouldNameTheElement_whenAnItemLacksName() {
        assertBadRequest(fx.call("POST", "/organization/accounts", "[{\"id\":\"x\",\"name\":\"X\"},{\"id\":\"y\"}]"),
                "1.name should not be empty");
        assertEquals(1, fx.call("GET", "/organization/accounts", null).json().size(), "nothing created");
    }

    @Test
    void updateAccount_shouldReturn400_whenIsActiveIsNotBoolean() {
        assertBadRequest(fx.call("PATCH", "/organization/accounts/acc-1", "{\"isActive\":\"no\"}"),
                "isActive must be a boolean value");
    }

    @Test
    void updateAccount_shouldReturn400_whenBodyIdDiffersFromPath() {
        assertBadRequest(fx.call("PATCH", "/organization/accounts/acc-1", "{\"id\":\"acc-2\"}"),
                "id must match the id in the path");
    }

    @Test
    void updateStatus_shouldReturn400_whenStatusCaseDiffers() {
        assertBadRequest(fx.call("PATCH", "/organization/status/Active", null), "status must be one of");
        assertBadRequest(fx.call("PATCH", "/organization/status/PENDING", null), "status must be one of");
    }

    @Test
    void updateStatus_shouldAcceptLegacyValues_whenLegacyStatusesAccepted() {
        assertEquals(200, fx.call("PATCH", "/organization/status/disabled", null).status());
        assertEquals(200, fx.call("PATCH", "/organization/status/error", "{}").status());
    }

    @Test
    void updateStatus_shouldRejectLegacyValues_whenLegacyStatusesNotAccepted() {
        fx.control.config(ConfigUpdate.builder().legacyStatusesAccepted(false).build());
        assertBadRequest(fx.call("PATCH", "/organization/status/disabled", null), "status must be one of");
        assertEquals(200, fx.call("PATCH", "/organization/status/active", null).status());
    }

    @Test
    void createAlert_shouldReturn400_whenPriorityOrStatusOutOfRange() {
        var response = fx.call("POST", "/alerting/acc-1",
                "{\"title\":\"t\",\"description\":\"d\",\"alertId\":\"a1\",\"priority\":5,\"status\":0}");
        assertBadRequest(response, "priority must not be greater than 4");
        assertTrue(response.message().contains("status must not be less than 1"));
    }

    @Test
    void createAlert_shouldReturn400_whenPriorityIsFractional() {
        assertBadRequest(fx.call("POST", "/alerting/acc-1",
                "{\"title\":\"t\",\"description\":\"d\",\"alertId\":\"a1\",\"priority\":1.5}"),
                "priority must be an integer number");
    }

    @Test
    void updateVendor_shouldReturn400_whenBodyIsEmpty() {
        assertBadRequest(fx.call("PATCH", "", "{}"), "at least one of");
    }

    @Test
    void listAccounts_shouldReturn400_whenReturnUnmappedIsNotBoolean() {
        assertBadRequest(fx.call("GET", "/organization/accounts?returnUnmapped=maybe", null),
                "returnUnmapped must be a boolean value");
    }

    @Test
    void unknownRoute_shouldReturn404_whenPathIsNotAVendorRoute() {
        var response = fx.call("GET", "/nothing-here", null);
        assertEquals(404, response.status());
        assertEquals("Cannot GET /api/vendor-api/nothing-here", response.message());
    }
}
