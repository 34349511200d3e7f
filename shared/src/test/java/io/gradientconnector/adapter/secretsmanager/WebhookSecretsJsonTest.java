package io.gradientconnector.adapter.secretsmanager;

import io.gradientconnector.domain.Secret;
import io.gradientconnector.domain.WebhookSecrets;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSecretsJsonTest {

    @Test
    void parse_shouldRoundTrip_throughStoredValue() {
        WebhookSecrets secrets = new WebhookSecrets(Secret.of("a"), Optional.of(Secret.of("b")));

        WebhookSecrets parsed = WebhookSecretsJson.parse(WebhookSecretsJson.toStoredValue(secrets));

        assertEquals("a", parsed.current().reveal());
        assertEquals("b", parsed.previous().orElseThrow().reveal());
    }

    @Test
    void parse_shouldReject_whenJsonLacksCurrent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebhookSecretsJson.parse("{\"previous\": \"only-old\"}"));

        assertTrue(e.getMessage().contains("current"));
        assertFalse(e.getMessage().contains("only-old"));
    }

    @Test
    void parse_shouldNotEchoValue_whenJsonIsBroken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebhookSecretsJson.parse("{\"current\": \"leaky-value"));

        assertFalse(e.getMessage().contains("leaky-value"));
    }
}
