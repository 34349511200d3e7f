package io.gradientconnector.usagepush;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metric;
import io.gradientconnector.observability.MetricUnit;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.domain.PushRequest;
import io.gradientconnector.port.QueueMessages;
import io.gradientconnector.lambda.Components;
import io.gradientconnector.lambda.LambdaDeadline;
import io.gradientconnector.lambda.SqsBatchPolicy;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.app.usage.CountPusher;
import io.gradientconnector.app.usage.PushReport;
import io.gradientconnector.app.usage.UsagePushService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The usage queue's worker. A batch (up to 50 messages) is coalesced per partner — several messages for one row
 * become one push of its current count — and handed to the {@link CountPusher}, which pushes, records and reports;
 * the partner with the fewest rows goes first, so a partner with a few rows never waits behind another's backlog
 * within a batch (the queue itself is fair between partners: each message's group is its partner).
 * Rows it reports retryable go back to SQS as batch item failures (every message that named them), so SQS
 * redelivers them after the visibility timeout and moves them to the DLQ after {@code maxReceiveCount}.
 *
 * <p>A message that does not parse can never succeed: as in every worker ({@link SqsBatchPolicy}), it is logged
 * (without its body), counted as a failure and reported, so it ends in the DLQ where its alarm shows it.
 * A failure of one partner's push (e.g. the table unreachable) fails only that partner's messages.
 *
 * <p>The Gradient deadline is the {@link LambdaDeadline}, so the handler always returns its report before Lambda's
 * timeout (a timed-out invocation would redeliver the whole batch).
 *
 * <p>Thread-safe (Lambda calls it one event at a time anyway).
 */
public final class UsagePushHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    static final String FUNCTION = "usage-push";
    /** The function's timeout in template.yaml. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Per acknowledged message: from SQS receiving it (the webhook's 202) to the worker finishing its row. */
    static final Metric PUSH_LATENCY_MS = Metric.of("pushLatencyMs", MetricUnit.MILLISECONDS);

    private final CountPusher pusher;
    private final Clock clock;
    private final JsonLog log;
    private final Metrics metrics;
    private final SqsBatchPolicy batches;

    /** Lambda's entry: the real dependencies, built once per container. */
    public UsagePushHandler() {
        this(Components.fromEnvironment(FUNCTION));
    }

    UsagePushHandler(Components components) {
        this(pusherFrom(components), components.clock(), components.log(), components.metrics());
    }

    UsagePushHandler(CountPusher pusher, Clock clock, JsonLog log, Metrics metrics) {
        this.pusher = Objects.requireNonNull(pusher, "pusher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.batches = new SqsBatchPolicy("usage", log, metrics);
    }

    private static CountPusher pusherFrom(Components components) {
        // Fail at cold start, naming the variable, rather than on the first message.
        components.config().requireVendorKeySecretId();
        components.config().requirePartnerSecretPrefix();
        return components.usagePush();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Instant deadline = LambdaDeadline.of(context, clock, TIMEOUT);
        return batches.wholeBatch(event, context, QueueMessages::parsePushRequest,
                messages -> push(messages, deadline));
    }

    /** Pushes each partner's rows once; returns the ids of the messages whose rows must come back. */
    private Set<String> push(List<SqsBatchPolicy.Message<PushRequest>> messages, Instant deadline) {
        Set<String> failedIds = pushAll(messages, deadline);
        // Webhook (or sync) to done: how long each finished message waited since SQS received it.
        Instant now = clock.instant();
        for (SqsBatchPolicy.Message<PushRequest> message : messages) {
            if (!failedIds.contains(message.id()) && message.sentAt().isPresent()
                    && !message.sentAt().get().isAfter(now)) {
                metrics.duration(PUSH_LATENCY_MS, Duration.between(message.sentAt().get(), now));
            }
        }
        return failedIds;
    }

    private Set<String> pushAll(List<SqsBatchPolicy.Message<PushRequest>> messages, Instant deadline) {
        Set<String> failedIds = new LinkedHashSet<>();
        // Fewest rows first: a partner with a few rows waits for no other partner's backlog in this batch.
        List<Map.Entry<PartnerId, Map<UsageRowKey, List<String>>>> partners = new ArrayList<>(group(messages).entrySet());
        partners.sort(java.util.Comparator.comparingInt(e -> e.getValue().size()));
        for (Map.Entry<PartnerId, Map<UsageRowKey, List<String>>> partner : partners) {
            Map<UsageRowKey, List<String>> rows = partner.getValue();
            try {
                PushReport report = pusher.push(partner.getKey(), List.copyOf(rows.keySet()), deadline);
                report.retryable().forEach(row -> failedIds.addAll(rows.getOrDefault(row, List.of())));
            } catch (RuntimeException e) {
                // One partner's failure (a store or secret outage) must not fail the other partners' messages.
                log.with("partnerId", partner.getKey().value()).error("push failed; messages left for redelivery", e);
                metrics.count(Metric.FAILURES, rows.size());
                rows.values().forEach(failedIds::addAll);
            }
        }
        return failedIds;
    }

    /** Rows per partner, each with the ids of the messages that asked for it. */
    private static Map<PartnerId, Map<UsageRowKey, List<String>>> group(List<SqsBatchPolicy.Message<PushRequest>> messages) {
        Map<PartnerId, Map<UsageRowKey, List<String>>> byPartner = new LinkedHashMap<>();
        for (SqsBatchPolicy.Message<PushRequest> message : messages) {
            PushRequest request = message.value();
            UsageRowKey row = new UsageRowKey(request.partnerId(), request.accountId(), request.service());
            byPartner.computeIfAbsent(request.partnerId(), p -> new LinkedHashMap<>())
                    .computeIfAbsent(row, r -> new ArrayList<>())
                    .add(message.id());
        }
        return byPartner;
    }
}
