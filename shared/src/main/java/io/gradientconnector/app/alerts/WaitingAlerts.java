package io.gradientconnector.app.alerts;

import io.gradientconnector.domain.AlertRecord;
import io.gradientconnector.domain.AlertRef;
import io.gradientconnector.domain.AlertStage;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.port.AlertQueue;
import io.gradientconnector.port.AlertStore;
import io.gradientconnector.port.Page;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * After a partner's account sync: queues again every alert that waits for one (UNMAPPED: the account may be mapped
 * now; WAITING_KEY: a new key was stored). The alert worker re-checks everything, so queueing one that still cannot
 * be sent only parks it again. Thread-safe.
 */
public final class WaitingAlerts {
    private static final int PAGE = 500;

    private final AlertStore alerts;
    private final AlertQueue queue;

    public WaitingAlerts(AlertStore alerts, AlertQueue queue) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.queue = Objects.requireNonNull(queue, "queue");
    }

    /** Queues the partner's waiting alerts; returns how many. Store and queue failures are thrown. */
    public int requeue(PartnerId partnerId) {
        int queued = 0;
        Optional<String> cursor = Optional.empty();
        do {
            Page<AlertRecord> page = alerts.list(partnerId, EnumSet.of(AlertStage.UNMAPPED, AlertStage.WAITING_KEY),
                    cursor, PAGE);
            List<AlertRef> refs = new ArrayList<>();
            page.items().forEach(alert -> refs.add(alert.ref()));
            if (!refs.isEmpty()) {
                queue.enqueue(refs);
                queued += refs.size();
            }
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return queued;
    }
}
