package io.gradientconnector.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class AuthIT {

    @AutoClose
    private final SandboxFixture fx = SandboxFixture.start();

    private SandboxFixture.Response organizationWith(String... headers) {
        return fx.call("GET", "/organization", null, headers);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertUnauthorized(SandboxFixture.Response response) {
        assertEquals(401, response.status(), response.body());
        assertEquals(401, response.json().path("statusCode").asInt());
        assertFalse(response.message().isBlank());
    }

    @Test
    void getOrganization_shouldReturn200_whenTokenIsValid() {
        var response = organizationWith("GRADIENT-TOKEN", fx.token);
        assertEquals(200, response.status());
        assertEquals(fx.integrationId(), response.json().path("integrationId").asText());
        assertEquals("Contoso MSP", response.json().path("name").asText());
    }

    @Test
    void getOrganization_shouldAcceptAnyHeaderCasing_whenTokenIsValid() {
        assertEquals(200, organizationWith("gradient-token", fx.token).status());
        assertEquals(200, organizationWith("Gradient-Token", fx.token).status());
    }

    @Test
    void getOrganization_shouldReturn401_whenHeaderIsAbsent() {
        var response = organizationWith();
        assertUnauthorized(response);
        assertEquals("Missing GRADIENT-TOKEN header", response.message());
    }

    @Test
    void getOrganization_shouldReturn401_whenTokenIsNotBase64() {
        var response = organizationWith("GRADIENT-TOKEN", "not base64 !!");
        assertUnauthorized(response);
        assertEquals("GRADIENT-TOKEN is not valid Base64", response.message());
    }

    @Test
    void getOrganization_shouldReturn401_whenDecodedTokenHasNoColon() {
        var response = organizationWith("GRADIENT-TOKEN", base64(SandboxFixture.VENDOR_KEY + SandboxFixture.PARTNER_KEY));
        assertUnauthorized(response);
        assertEquals("GRADIENT-TOKEN must be Base64 of vendorApiKey:partnerApiKey", response.message());
    }

    @Test
    void getOrganization_shouldReturn401_whenVendorKeyIsUnknown() {
        var response = organizationWith("GRADIENT-TOKEN", base64("other-vendor:" + SandboxFixture.PARTNER_KEY));
        assertUnauthorized(response);
        assertEquals("Invalid vendor API key", response.message());
    }

    @Test
    void getOrganization_shouldReturn401_whenPartnerKeyIsUnknownForThatVendor() {
        fx.control.createVendor("second-vendor", "Second");
        fx.control.createPartner("second-vendor", "second-partner", "Other MSP", java.util.List.of());
        // A partner key that exists, but for another vendor, is still unknown for this one.
        var response = organizationWith("GRADIENT-TOKEN", base64(SandboxFixture.VENDOR_KEY + ":second-partner"));
        assertUnauthorized(response);
        assertEquals("Invalid partner API key", response.message());
    }

    @Test
    void vendorRoutes_shouldRequireTheFullPair_whenOnlyVendorKeyIsSent() {
        assertUnauthorized(fx.call("GET", "", null, "GRADIENT-TOKEN", base64(SandboxFixture.VENDOR_KEY + ":")));
    }

    @Test
    void errorMessages_shouldNeverContainKeys_whenAuthFails() {
        var response = organizationWith("GRADIENT-TOKEN", base64(SandboxFixture.VENDOR_KEY + ":wrong-partner"));
        assertFalse(response.body().contains(SandboxFixture.VENDOR_KEY));
        assertFalse(response.body().contains("wrong-partner"));
    }
}
