package io.gradientconnector.bench.lifecycle;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.SyncReason;
import io.gradientconnector.domain.SyncRequest;
import io.gradientconnector.domain.WebhookSignature;
import io.gradientconnector.port.QueueMessages;
import io.gradientconnector.sandbox.FaultPlan;
import io.gradientconnector.testing.FakeLambdaContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Runs one {@link Op} in one container, the way the platform would: API Gateway events to the portal and webhook
 * handlers, SQS events built from messages really received from the emulator's queues to the workers, the sandbox's
 * control API for what the MSP does. Records the answer in the {@link History}. Thread-safe (holds no state of its
 * own beyond the world).
 */
final class Steps {
    static final String KEY_ROUTE = "/partners/{partnerId}/gradient";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * What Lambda would report to the webhook: a 30 s function with all its time left, so the handler's deadline is
     * API Gateway's 29 s less its margin, as deployed. (No context at all would fall back to the same limit; a context
     * is what production passes, so the harness passes one.)
     */
    private static final Context WEBHOOK_CONTEXT = new FakeLambdaContext(30_000);
    /** The schedule target's 60 s timeout (template.yaml). */
    private static final Context SCHEDULE_CONTEXT = new FakeLambdaContext(60_000);

    private final World world;
    private final History history;

    Steps(World world, History history) {
        this.world = world;
        this.history = history;
    }

    History.Entry run(int round, World.Container c, Op op) {
        long started = History.now();
        try {
            return switch (op) {
                case Op.Put put -> put(round, c, put, started);
                case Op.PutLongPartnerId put -> answered(round, c, op, started, null,
                        c.portal().handleRequest(portal("PUT", put.partnerId(), putBody("pk-nobody", false)), null));
                case Op.Delete delete -> answered(round, c, op, started, null,
                        c.portal().handleRequest(portal("DELETE", partnerId(delete.partner()), null), null));
                case Op.Get get -> answered(round, c, op, started, null,
                        c.portal().handleRequest(portal("GET", partnerId(get.partner()), null), null));
                case Op.Regenerate regenerate -> {
                    String key = world.keys.next(regenerate.org());
                    world.control.regenerateKey(world.integration(regenerate.org()), key);
                    yield history.add(round, c.id(), op, started, 200, world.keys.label(key), "sandbox: key regenerated");
                }
                case Op.MspDisconnect disconnect -> {
                    world.control.disconnect(world.integration(disconnect.org()));
                    yield history.add(round, c.id(), op, started, 200, null, "sandbox: MSP disconnected");
                }
                case Op.Sync sync -> {
                    String body = QueueMessages.toJson(new SyncRequest(PartnerId.of(partnerId(sync.partner())),
                            SyncReason.MANUAL));
                    SQSBatchResponse answer = c.sync().handleRequest(sqsEvent(List.of(synthetic(body))), null);
                    yield history.add(round, c.id(), op, started, batchStatus(answer), null, failures(answer));
                }
                case Op.DrainUsage drain -> drain(round, c, op, started, world.usageQueue, 10);
                case Op.DrainSync drain -> drain(round, c, op, started, world.syncQueue, 1);
                case Op.Deliver deliver -> answered(round, c, op, started, null,
                        c.webhook().handleRequest(webhook(deliver.delivery()), WEBHOOK_CONTEXT));
                case Op.Burst burst -> burst(round, c, burst);
                case Op.Schedule schedule -> history.add(round, c.id(), op, started, 200, null,
                        "schedule: " + world.schedule.handleRequest(Map.of(), SCHEDULE_CONTEXT));
                case Op.Faults f -> {
                    world.control.faults(FaultPlan.builder().rate429(f.rate429()).retryAfterSeconds(1)
                            .rate5xx(f.rate5xx()).dropRate(f.dropRate()).slowRate(f.slowRate()).slowMillis(2500)
                            .outageSeconds(f.outageSeconds()).seed(round).build());
                    yield history.add(round, c.id(), op, started, 200, null, "sandbox: faults on");
                }
            };
        } catch (RuntimeException e) {
            // A handler must answer, never throw: this is recorded (status -1) and reported by the checker.
            return history.add(round, c.id(), op, started, -1, null, "threw " + e.getClass().getSimpleName());
        }
    }

    /** One delivery after another, each answered and recorded before the next is sent. */
    private History.Entry burst(int round, World.Container c, Op.Burst burst) {
        History.Entry last = null;
        for (Delivery d : burst.deliveries()) {
            last = run(round, c, new Op.Deliver(d));
        }
        return last;
    }

    private History.Entry put(int round, World.Container c, Op.Put put, long started) {
        String key;
        if (put.regenerateFirst()) {
            key = world.keys.next(put.org());
            world.control.regenerateKey(world.integration(put.org()), key);
        } else {
            key = world.keys.current(put.org());
        }
        APIGatewayProxyResponseEvent answer = c.portal().handleRequest(
                portal("PUT", partnerId(put.partner()), putBody(key, put.move())), null);
        return answered(round, c, put, started, world.keys.label(key), answer);
    }

    private History.Entry answered(int round, World.Container c, Op op, long started, String keyLabel,
                                   APIGatewayProxyResponseEvent answer) {
        return history.add(round, c.id(), op, started, answer.getStatusCode(), keyLabel, answer.getBody());
    }

    /** Receives what is visible now and hands it to the worker; failures are made visible again at once. */
    private History.Entry drain(int round, World.Container c, Op op, long started, String queue, int max) {
        List<Message> received = world.sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(max)
                .waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages();
        if (received.isEmpty()) {
            return history.add(round, c.id(), op, started, 204, null, "queue empty");
        }
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (Message m : received) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(m.messageId());
            message.setReceiptHandle(m.receiptHandle());
            message.setBody(m.body());
            message.setEventSource("aws:sqs");
            Map<String, String> attributes = new HashMap<>();
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            message.setAttributes(attributes);
            messages.add(message);
        }
        SQSBatchResponse answer = queue.equals(world.usageQueue)
                ? c.push().handleRequest(sqsEvent(messages), null)
                : c.sync().handleRequest(sqsEvent(messages), null);
        Set<String> failed = answer.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        for (Message m : received) {
            if (failed.contains(m.messageId())) {
                world.sqs.changeMessageVisibility(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle())
                        .visibilityTimeout(0));
            } else {
                world.sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()));
            }
        }
        return history.add(round, c.id(), op, started, batchStatus(answer), null,
                received.size() + " messages " + failures(answer));
    }

    private static int batchStatus(SQSBatchResponse answer) {
        return answer.getBatchItemFailures().isEmpty() ? 200 : 500;
    }

    private static String failures(SQSBatchResponse answer) {
        return answer.getBatchItemFailures().isEmpty() ? "" : answer.getBatchItemFailures().size() + " failed";
    }

    private static SQSEvent.SQSMessage synthetic(String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setBody(body);
        message.setEventSource("aws:sqs");
        message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        return message;
    }

    private static SQSEvent sqsEvent(List<SQSEvent.SQSMessage> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    private String partnerId(int p) {
        return world.shape.partnerId(p);
    }

    private static String putBody(String key, boolean move) {
        ObjectNode body = JSON.createObjectNode().put("partnerApiKey", key);
        if (move) {
            body.put("move", true);
        }
        return body.toString();
    }

    private static APIGatewayProxyRequestEvent portal(String method, String partnerId, String body) {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withResource(KEY_ROUTE).withPath("/partners/" + partnerId + "/gradient").withHttpMethod(method)
                .withPathParameters(Map.of("partnerId", partnerId))
                .withHeaders(Map.of("Content-Type", "application/json", "x-api-key", "portal"))
                .withIsBase64Encoded(false);
        return body == null ? event : event.withBody(body);
    }

    private APIGatewayProxyRequestEvent webhook(Delivery delivery) {
        String body = deliveryBody(delivery);
        long now = System.currentTimeMillis() / 1000;
        String signature = WebhookSignature.sign(world.webhookSecret, now, body.getBytes(StandardCharsets.UTF_8));
        return new APIGatewayProxyRequestEvent().withResource("/webhooks/vendor-events")
                .withPath("/webhooks/vendor-events").withHttpMethod("POST")
                .withHeaders(Map.of("Content-Type", "application/json",
                        WebhookSignature.TIMESTAMP_HEADER, Long.toString(now),
                        WebhookSignature.SIGNATURE_HEADER, signature))
                .withIsBase64Encoded(false).withBody(body);
    }

    String deliveryBody(Delivery delivery) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode events = root.putArray("events");
        for (Delivery.Event e : delivery.events()) {
            ObjectNode node = events.addObject().put("id", e.id()).put("type", e.type())
                    .put("partnerId", partnerId(e.partner()))
                    .put("occurredAt", world.eventBase.plusSeconds(60L * e.occurredAt()).toString());
            if (e.usage()) {
                node.put("accountId", e.accountId()).put("service", e.service()).put("quantity", e.quantity());
            } else {
                node.putObject("account").put("id", e.accountId()).put("name", e.accountName());
            }
        }
        return root.toString();
    }
}
