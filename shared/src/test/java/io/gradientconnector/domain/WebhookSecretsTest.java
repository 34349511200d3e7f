package io.gradientconnector.domain;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;

class WebhookSecretsTest {

    @Test
    void toString_shouldRedactBothSecrets() {
        String text = new WebhookSecrets(Secret.of("cur-123"), Optional.of(Secret.of("prev-456"))).toString();

        assertFalse(text.contains("cur-123"));
        assertFalse(text.contains("prev-456"));
    }
}
