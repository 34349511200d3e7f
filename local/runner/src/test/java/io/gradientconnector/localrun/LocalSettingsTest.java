package io.gradientconnector.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalSettingsTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void fromEnvironment_shouldUseTheDocumentedDefaults_whenNothingIsSet() {
        LocalSettings settings = LocalSettings.fromEnvironment(Map.of(), ROOT);

        assertEquals(3000, settings.apiPort());
        assertEquals(8089, settings.sandboxPort());
        assertEquals(4566, settings.awsPort());
        assertEquals(Optional.empty(), settings.awsEndpoint());
        assertEquals(Optional.empty(), settings.gradientBaseUrl());
        assertEquals("demo-vendor-key", settings.vendorApiKey());
        assertEquals("local-webhook-secret", settings.webhookSecret());
        assertEquals("local-portal-key", settings.portalApiKey());
        assertEquals(Optional.empty(), settings.schedulePeriod());
        assertTrue(settings.sandboxAutoMap());
        assertEquals(ROOT.resolve("template.yaml"), settings.template());
    }

    @Test
    void fromEnvironment_shouldReadOverrides_whenSet() {
        LocalSettings settings = LocalSettings.fromEnvironment(Map.of("LOCAL_PORT", "3001",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:4567/", "GRADIENT_BASE_URL", "https://gradient.example",
                "LOCAL_WEBHOOK_SECRET", "s", "LOCAL_VENDOR_API_KEY", "v", "LOCAL_SCHEDULE_SECONDS", "30",
                "LOCAL_SANDBOX_AUTO_MAP", "false"), ROOT);

        assertEquals(3001, settings.apiPort());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:4567")), settings.awsEndpoint());
        assertEquals(Optional.of(URI.create("https://gradient.example")), settings.gradientBaseUrl());
        assertEquals("s", settings.webhookSecret());
        assertEquals("v", settings.vendorApiKey());
        assertEquals(Optional.of(Duration.ofSeconds(30)), settings.schedulePeriod());
        assertFalse(settings.sandboxAutoMap());
    }

    @Test
    void fromEnvironment_shouldNameTheVariable_whenAValueIsInvalid() {
        assertEquals("LOCAL_PORT must be a port number 0..65535", assertThrows(IllegalArgumentException.class,
                () -> LocalSettings.fromEnvironment(Map.of("LOCAL_PORT", "http"), ROOT)).getMessage());
        assertEquals("GRADIENT_BASE_URL must be an absolute http(s) URL", assertThrows(IllegalArgumentException.class,
                () -> LocalSettings.fromEnvironment(Map.of("GRADIENT_BASE_URL", "nope"), ROOT)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LocalSettings.fromEnvironment(
                Map.of("LOCAL_SCHEDULE_SECONDS", "0"), ROOT)).getMessage().startsWith("LOCAL_SCHEDULE_SECONDS"));
    }
}
