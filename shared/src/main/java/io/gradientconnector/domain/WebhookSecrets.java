package io.gradientconnector.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The webhook signing secrets: the current one and, while the vendor rotates, the previous one;
 * a signature made with either is accepted. Stored as the JSON {@code {"current": "...",
 * "previous": "..."}} ({@code previous} optional) or as a plain string meaning current only.
 * {@code toString} shows nothing secret (each {@link Secret} is redacted).
 */
public record WebhookSecrets(Secret current, Optional<Secret> previous) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public WebhookSecrets {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
    }

    public static WebhookSecrets of(Secret current) {
        return new WebhookSecrets(current, Optional.empty());
    }

    /** Every secret a valid signature may use, current first. */
    public List<Secret> candidates() {
        return previous.map(p -> List.of(current, p)).orElseGet(() -> List.of(current));
    }

    /** Parses the stored value; the exception says what is wrong, never the value. */
    public static WebhookSecrets parse(String stored) {
        if (stored == null || stored.isBlank()) {
            throw new IllegalArgumentException("the webhook secret is empty");
        }
        String trimmed = stored.strip();
        if (!trimmed.startsWith("{")) {
            return of(Secret.of(trimmed));
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
    public String toStoredValue() {
        var node = JSON.createObjectNode().put("current", current.reveal());
        previous.ifPresent(p -> node.put("previous", p.reveal()));
        return node.toString();
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
