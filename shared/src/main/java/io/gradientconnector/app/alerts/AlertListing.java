package io.gradientconnector.app.alerts;

import io.gradientconnector.domain.AlertRecord;
import io.gradientconnector.domain.AlertStage;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.port.AlertStore;
import io.gradientconnector.port.Page;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Use case: the portal lists a partner's recent alerts, newest first, a page at a time, optionally only those of one
 * status ({@code pending}, {@code sent}, {@code ticketed}, {@code failed}, {@code unconfirmed}, {@code repeat}), each
 * with its ticket id or its errors. Thread-safe.
 */
public final class AlertListing {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    /** The statuses {@code status=} accepts, in the order the docs list them. */
    public static final List<String> STATUSES = List.of("pending", "sent", "ticketed", "failed", "unconfirmed", "repeat");

    /** One listed alert; absent values are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String alertId, String accountId, String title, int priority, String occurredAt,
                       String status, String stage, String messageId, String ticketId, Integer errorStatus,
                       List<String> errors, String repeatOf, String lastError, String updatedAt) {
    }

    /** A page: {@code nextCursor} null at the end. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Listing(List<Item> alerts, String nextCursor) {
    }

    private final AlertStore alerts;

    public AlertListing(AlertStore alerts) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
    }

    /**
     * @param status one of {@link #STATUSES}, or empty for all
     * @throws IllegalArgumentException a cursor this listing did not make (the message names {@code cursor})
     */
    public Listing list(PartnerId partnerId, Optional<String> status, Optional<String> cursor, int limit) {
        Set<AlertStage> stages = EnumSet.noneOf(AlertStage.class);
        status.ifPresent(wanted -> {
            for (AlertStage stage : AlertStage.values()) {
                if (stage.status().equals(wanted.toLowerCase(Locale.ROOT))) {
                    stages.add(stage);
                }
            }
        });
        Page<AlertRecord> page = alerts.list(partnerId, stages, cursor, limit);
        return new Listing(page.items().stream().map(AlertListing::item).toList(), page.nextCursor().orElse(null));
    }

    private static Item item(AlertRecord alert) {
        return new Item(alert.alertId().value(), alert.event().accountId().value(), alert.event().title(),
                alert.event().priority(), alert.event().occurredAt().toString(), alert.stage().status(),
                alert.stage().wire(), alert.messageId().orElse(null), alert.ticketId().orElse(null),
                alert.errorStatus().orElse(null), alert.errors().isEmpty() ? null : alert.errors(),
                alert.repeatOf().orElse(null), alert.lastError().orElse(null), alert.updatedAt().toString());
    }
}
