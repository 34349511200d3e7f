package io.gradientconnector.port.gradient;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Gradient queued the alert; poll {@link PartnerSession#alertStatus(String)} with {@code messageId}. */
public record AlertCreated(String messageId, String alertId, @JsonProperty("correlationID") String correlationId) {
}
