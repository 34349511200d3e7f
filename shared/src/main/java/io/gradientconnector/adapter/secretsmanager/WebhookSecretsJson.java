package io.gradientconnector.adapter.secretsmanager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.domain.WebhookSecrets;

import java.util.Optional;

/**
 * The stored form of {@link WebhookSecrets}: the JSON {@code {"current": "...", "previous": "..."}}
 * ({@code previous} optional) or a plain string meaning current only. Stateless and thread-safe.
 */
public final class WebhookSecretsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookSecretsJson() {
    }

    /** Parses the stored value; the exception says what is wrong, never the value. */
    public static WebhookSecrets parse(String stored) {
        if (stored == null || stored.isBlank()) {
            throw new IllegalArgumentException("the webhook secret is empty");
        }
        String trimmed = stored.strip();
        if (!trimmed.startsWith("{")) {
            return WebhookSecrets.of(Secret.of(trimmed));
        }
        JsonNode node;
        try {
            node = JSON.readTree(trimmed);
        } catch (JsonProcessingException e) {
            // The parser's message may quote the value, so it is not passed on.
            throw new IllegalArgumentException("the webhook secret looks like JSON but does not parse");
        }
        String current = textOrNull(node, "current");
        if (current == null) {
            throw new IllegalArgumentException("the webhook secret JSON needs a non-empty string \"current\"");
        }
        String previous = textOrNull(node, "previous");
        return new WebhookSecrets(Secret.of(current), Optional.ofNullable(previous).map(Secret::of));
    }

    /** The stored form: JSON with {@code current} and, when present, {@code previous}. */
    public static String toStoredValue(WebhookSecrets secrets) {
        var node = JSON.createObjectNode().put("current", secrets.current().reveal());
        secrets.previous().ifPresent(p -> node.put("previous", p.reveal()));
        return node.toString();
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
