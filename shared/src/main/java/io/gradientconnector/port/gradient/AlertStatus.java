package io.gradientconnector.port.gradient;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/vendor-api/alerting/debug/{messageId}}: whether the alert became a ticket.
 * On {@code FAILED}, {@code statusCode} is the PSA's HTTP status and {@code errors} says why.
 */
public record AlertStatus(String messageId, AlertState status, String ticketId, Instant createdAt, String message,
                          Integer statusCode, List<String> errors) {
    public AlertStatus {
        errors = Checks.list(errors);
    }
}
