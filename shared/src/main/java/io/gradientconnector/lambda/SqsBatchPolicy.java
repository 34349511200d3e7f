package io.gradientconnector.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metric;
import io.gradientconnector.observability.Metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What an SQS worker answers for a batch (the event sources use {@code ReportBatchItemFailures}): each message is
 * either done (acknowledged, deleted by Lambda) or reported as a batch item failure, which SQS redelivers after the
 * visibility timeout and moves to the queue's dead-letter queue after {@code maxReceiveCount} receives. One message
 * never fails its batch. The rules, in one place for every worker:
 * <ul>
 *   <li><b>Poison</b> (the body does not parse, so it can never succeed): reported as a batch item failure, logged
 *       at ERROR with the parser's reason (never the body) and counted in {@link Metric#FAILURES}. It costs a few
 *       wasted receives, but it lands in the dead-letter queue, whose alarm makes it visible and from which it can
 *       be inspected and redriven once the cause is fixed; acknowledging it would lose it silently.</li>
 *   <li><b>Failed</b> (the work says so, or throws a {@link RuntimeException}): reported, so it is retried, then
 *       dead-lettered. A throw is logged with its type and frame and counted; a reported failure is logged by the
 *       work, which knows why.</li>
 *   <li><b>Done</b>: everything else, including outcomes the work decides are final (e.g. an unknown partner).</li>
 * </ul>
 * The metrics are flushed once the batch is answered. Thread-safe.
 */
public final class SqsBatchPolicy {

    /** What the work decided for one message. */
    public enum Result {
        /** Acknowledge: finished, successfully or for good. */
        DONE,
        /** Report as a batch item failure: SQS redelivers it, then dead-letters it. */
        RETRY
    }

    /**
     * One parsed message, with a log that names it (message id, receive count) and the invocation, and when SQS first
     * received it ({@code SentTimestamp}; empty when the event lacks it).
     */
    public record Message<T>(String id, T value, JsonLog log, Optional<Instant> sentAt) {
        public Message {
            Objects.requireNonNull(sentAt, "sentAt");
        }
    }

    /** The work for one message. */
    @FunctionalInterface
    public interface MessageWork<T> {
        Result handle(Message<T> message);
    }

    /** The work for all of a batch's parsed messages at once (to coalesce them); returns the ids to retry. */
    @FunctionalInterface
    public interface BatchWork<T> {
        Collection<String> handle(List<Message<T>> messages);
    }

    private final String kind;
    private final JsonLog log;
    private final Metrics metrics;

    /**
     * @param kind names the messages in log lines, e.g. {@code sync} gives "malformed sync message"
     */
    public SqsBatchPolicy(String kind, JsonLog log, Metrics metrics) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.log = Objects.requireNonNull(log, "log");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Parses each message with {@code parser} (an {@link IllegalArgumentException} marks it poison) and hands the
     * rest to {@code work} one by one.
     */
    public <T> SQSBatchResponse eachMessage(SQSEvent event, Context context, Function<String, T> parser,
                                            MessageWork<T> work) {
        return wholeBatch(event, context, parser, messages -> {
            List<String> retry = new ArrayList<>();
            for (Message<T> message : messages) {
                Result result;
                try {
                    result = Objects.requireNonNull(work.handle(message), "result");
                } catch (RuntimeException e) {
                    metrics.count(Metric.FAILURES);
                    message.log().error(kind + " message failed; it is retried, then dead-lettered", e);
                    result = Result.RETRY;
                }
                if (result == Result.RETRY) {
                    retry.add(message.id());
                }
            }
            return retry;
        });
    }

    /**
     * Parses each message with {@code parser} (an {@link IllegalArgumentException} marks it poison) and hands all
     * the others to {@code work} at once; if it throws, every one of them is retried.
     */
    public <T> SQSBatchResponse wholeBatch(SQSEvent event, Context context, Function<String, T> parser,
                                           BatchWork<T> work) {
        JsonLog requestLog = LambdaLogs.forInvocation(log, context);
        Set<String> failed = new LinkedHashSet<>();
        try {
            List<Message<T>> parsed = new ArrayList<>();
            for (SQSEvent.SQSMessage message : records(event)) {
                JsonLog messageLog = messageLog(requestLog, message);
                try {
                    parsed.add(new Message<>(message.getMessageId(), parser.apply(message.getBody()), messageLog,
                            sentAt(message)));
                } catch (IllegalArgumentException poison) {
                    metrics.count(Metric.FAILURES);
                    messageLog.with("error", poison.getMessage())
                            .error("malformed " + kind + " message; reported so that it reaches the dead-letter queue");
                    failed.add(message.getMessageId());
                }
            }
            if (!parsed.isEmpty()) {
                try {
                    failed.addAll(work.handle(List.copyOf(parsed)));
                } catch (RuntimeException e) {
                    metrics.count(Metric.FAILURES, parsed.size());
                    requestLog.error(kind + " batch failed; its messages are retried, then dead-lettered", e);
                    parsed.forEach(m -> failed.add(m.id()));
                }
            }
        } finally {
            metrics.flush();
        }
        return new SQSBatchResponse(failed.stream().map(SQSBatchResponse.BatchItemFailure::new).toList());
    }

    private static List<SQSEvent.SQSMessage> records(SQSEvent event) {
        return event == null || event.getRecords() == null ? List.of() : event.getRecords();
    }

    private static Optional<Instant> sentAt(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        String sent = attributes == null ? null : attributes.get("SentTimestamp");
        try {
            return sent == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(sent)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static JsonLog messageLog(JsonLog requestLog, SQSEvent.SQSMessage message) {
        JsonLog messageLog = requestLog.with("messageId", String.valueOf(message.getMessageId()));
        Map<String, String> attributes = message.getAttributes();
        String receives = attributes == null ? null : attributes.get("ApproximateReceiveCount");
        return receives == null ? messageLog : messageLog.with("receiveCount", receives);
    }
}
