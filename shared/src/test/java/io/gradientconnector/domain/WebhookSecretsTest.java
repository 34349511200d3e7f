package io.gradientconnector.domain;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSecretsTest {

    @Test
    void parse_shouldRoundTrip_throughStoredValue() {
        WebhookSecrets secrets = new WebhookSecrets(Secret.of("a"), Optional.of(Secret.of("b")));

        WebhookSecrets parsed = WebhookSecrets.parse(secrets.toStoredValue());

        assertEquals("a", parsed.current().reveal());
        assertEquals("b", parsed.previous().orElseThrow().reveal());
    }

    @Test
    void parse_shouldReject_whenJsonLacksCurrent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebhookSecrets.parse("{\"previous\": \"only-old\"}"));

        assertTrue(e.getMessage().contains("current"));
        assertFalse(e.getMessage().contains("only-old"));
    }

    @Test
    void parse_shouldNotEchoValue_whenJsonIsBroken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebhookSecrets.parse("{\"current\": \"leaky-value"));

        assertFalse(e.getMessage().contains("leaky-value"));
    }

    @Test
    void toString_shouldRedactBothSecrets() {
        String text = new WebhookSecrets(Secret.of("cur-123"), Optional.of(Secret.of("prev-456"))).toString();

        assertFalse(text.contains("cur-123"));
        assertFalse(text.contains("prev-456"));
    }
}
