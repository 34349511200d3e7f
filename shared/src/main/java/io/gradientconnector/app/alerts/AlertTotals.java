package io.gradientconnector.app.alerts;

import io.gradientconnector.domain.AlertRecord;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.port.AlertStore;
import io.gradientconnector.port.Page;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A partner's alerts counted once each (by alert id: a redelivered event is not a second alert), for the portal's
 * integration view. {@code sent}: Gradient accepted it (a messageId), whatever happened next; {@code ticketed},
 * {@code failed}, {@code unconfirmed}, {@code repeats}: final stages; {@code pending}: not final yet (waiting to be
 * sent, waiting for a sync or a key, or sent and waiting for Gradient's answer). {@code lastAlertAt}: the newest
 * alert's {@code occurredAt}, or null.
 */
public record AlertTotals(long sent, long ticketed, long failed, long unconfirmed, long pending, long repeats,
                          String lastAlertAt) {
    private static final int PAGE = 1000;

    public static final AlertTotals NONE = new AlertTotals(0, 0, 0, 0, 0, 0, null);

    /** Counts every stored alert of the partner (alerts expire after {@code ALERT_TTL_DAYS}). */
    public static AlertTotals count(AlertStore alerts, PartnerId partnerId) {
        long sent = 0;
        long ticketed = 0;
        long failed = 0;
        long unconfirmed = 0;
        long pending = 0;
        long repeats = 0;
        Instant last = null;
        Optional<String> cursor = Optional.empty();
        do {
            Page<AlertRecord> page = alerts.list(partnerId, Set.of(), cursor, PAGE);
            for (AlertRecord alert : page.items()) {
                if (last == null || alert.event().occurredAt().isAfter(last)) {
                    last = alert.event().occurredAt();
                }
                if (alert.wasSent()) {
                    sent++;
                }
                switch (alert.stage()) {
                    case TICKETED -> ticketed++;
                    case FAILED -> failed++;
                    case UNCONFIRMED -> unconfirmed++;
                    case REPEAT -> repeats++;
                    default -> pending++;
                }
            }
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return new AlertTotals(sent, ticketed, failed, unconfirmed, pending, repeats,
                last == null ? null : last.toString());
    }
}
