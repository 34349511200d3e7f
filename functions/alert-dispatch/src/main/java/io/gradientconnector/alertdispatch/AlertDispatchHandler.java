package io.gradientconnector.alertdispatch;

import io.gradientconnector.app.alerts.AlertDispatch;
import io.gradientconnector.domain.AlertRef;
import io.gradientconnector.lambda.Components;
import io.gradientconnector.lambda.LambdaDeadline;
import io.gradientconnector.lambda.SqsBatchPolicy;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.port.QueueMessages;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The alert queue's worker: each message names one alert, and {@link AlertDispatch} takes it one step (send it,
 * or read whether it became a ticket), queueing the next look itself with a delay. Every step is final for its
 * message, so the message is acknowledged; only a throw (the table, the vault or the queue failing) reports it for
 * redelivery ({@link SqsBatchPolicy}), and a message that does not parse ends in the dead-letter queue.
 *
 * <p>Thread-safe (Lambda calls it one event at a time anyway).
 */
public final class AlertDispatchHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    static final String FUNCTION = "alert-dispatch";
    /** The function's timeout in template.yaml (shorter than the alert policy's sending lease). */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final AlertDispatch dispatch;
    private final Clock clock;
    private final SqsBatchPolicy batches;

    /** Lambda's entry: the real dependencies, built once per container. */
    public AlertDispatchHandler() {
        this(Components.fromEnvironment(FUNCTION));
    }

    AlertDispatchHandler(Components components) {
        this(dispatchFrom(components), components.clock(), components.log(), components.metrics());
    }

    AlertDispatchHandler(AlertDispatch dispatch, Clock clock, JsonLog log, Metrics metrics) {
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.batches = new SqsBatchPolicy("alert", Objects.requireNonNull(log, "log"),
                Objects.requireNonNull(metrics, "metrics"));
    }

    private static AlertDispatch dispatchFrom(Components components) {
        // Fail at cold start, naming the variable, rather than on the first message.
        components.config().requireVendorKeySecretId();
        components.config().requirePartnerSecretPrefix();
        components.config().requireAlertQueueUrl();
        return components.alertDispatch();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Instant deadline = LambdaDeadline.of(context, clock, TIMEOUT);
        return batches.eachMessage(event, context, QueueMessages::parseAlertRef, message -> {
            AlertRef ref = message.value();
            AlertDispatch.Step step = dispatch.handle(ref, deadline);
            message.log().with("partnerId", ref.partnerId().value()).with("alertId", ref.alertId().value())
                    .with("step", step.name()).debug("alert looked at");
            return SqsBatchPolicy.Result.DONE;
        });
    }
}
