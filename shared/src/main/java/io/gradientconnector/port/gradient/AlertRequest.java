package io.gradientconnector.port.gradient;

import java.time.Instant;

/**
 * Body of {@code POST /api/vendor-api/alerting/{accountId}}: an alert Gradient turns into a PSA
 * ticket. {@code priority} 1..4 (low, medium, high, very high), {@code status} 1..6 (PSA ticket
 * status mapping). {@code dueDateTime} and {@code serviceId} are optional.
 */
public record AlertRequest(String title, String description, String alertId, int priority, int status,
                           Instant dueDateTime, String serviceId) {

    public AlertRequest {
        Checks.required(title, "title");
        Checks.required(description, "description");
        Checks.required(alertId, "alertId");
        if (priority < 1 || priority > 4) {
            throw new IllegalArgumentException("priority must be 1..4, was " + priority);
        }
        if (status < 1 || status > 6) {
            throw new IllegalArgumentException("status must be 1..6, was " + status);
        }
        Checks.optional(serviceId, "serviceId");
    }

    /** Priority 1 and status 1 (Gradient's defaults) unless set. */
    public static Builder builder(String alertId, String title, String description) {
        return new Builder(alertId, title, description);
    }

    public static final class Builder {
        private final String alertId;
        private final String title;
        private final String description;
        private int priority = 1;
        private int status = 1;
        private Instant dueDateTime;
        private String serviceId;

        private Builder(String alertId, String title, String description) {
            this.alertId = alertId;
            this.title = title;
            this.description = description;
        }

        public Builder priority(int value) {
            priority = value;
            return this;
        }

        public Builder status(int value) {
            status = value;
            return this;
        }

        public Builder dueDateTime(Instant value) {
            dueDateTime = value;
            return this;
        }

        public Builder serviceId(String value) {
            serviceId = value;
            return this;
        }

        public AlertRequest build() {
            return new AlertRequest(title, description, alertId, priority, status, dueDateTime, serviceId);
        }
    }
}
