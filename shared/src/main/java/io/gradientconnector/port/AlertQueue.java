package io.gradientconnector.port;

import io.gradientconnector.domain.AlertRef;

import java.time.Duration;
import java.util.List;

/**
 * The alert queue: "look at this alert" (send it, or ask Gradient whether it became a ticket). The worker decides
 * what to do from the alert's stored stage, so a duplicate message is harmless. Failures are {@link QueueException}.
 */
public interface AlertQueue {

    /** Queues each alert now. */
    void enqueue(List<AlertRef> alerts);

    /** Queues one alert to be looked at after {@code delay} (at most 15 minutes, SQS's limit; longer is capped). */
    void enqueueLater(AlertRef alert, Duration delay);
}
