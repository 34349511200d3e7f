package io.gradientconnector.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The webhook signing secrets: the current one and, while the vendor rotates, the previous one;
 * a signature made with either is accepted. How they are stored is the key vault adapter's business.
 * {@code toString} shows nothing secret (each {@link Secret} is redacted).
 */
public record WebhookSecrets(Secret current, Optional<Secret> previous) {
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
}
