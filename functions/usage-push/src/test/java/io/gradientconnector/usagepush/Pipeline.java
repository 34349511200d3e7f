package io.gradientconnector.usagepush;

import io.gradientconnector.app.audit.AuditedGradient;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.lambda.Components;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.testing.FakeLambdaContext;
import io.gradientconnector.testing.MutableClock;
import io.gradientconnector.testing.TestEvents;
import io.gradientconnector.app.usage.GradientFixture;
import io.gradientconnector.app.usage.UsagePushService;
import io.gradientconnector.app.events.DeliveryOutcome;
import io.gradientconnector.app.events.VendorEventsService;
import io.gradientconnector.domain.WebhookSignature;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole usage path on real infrastructure: signed deliveries into the webhook use case (as the vendor-events
 * handler runs it) on the emulator's table, pushes through the emulator's SQS queue, and the real
 * {@link UsagePushHandler} pushing to the sandbox over HTTP. The queue is driven like Lambda's poller does:
 * receive, invoke with an {@link SQSEvent}, delete what succeeded, and let the reported failures come back.
 */
final class Pipeline {
    static final String WEBHOOK_SECRET = "it-webhook-secret-0123456789";
    /** Like the template: redelivery 5 times, then the DLQ. */
    static final int MAX_RECEIVE_COUNT = 5;

    final AwsEmulator aws;
    final MutableClock clock;
    final GradientFixture gradient;
    final GradientFixture.Partner sandboxPartner;
    final PartnerId partnerId = TestEvents.uniquePartner();
    final Components components;
    final String table;
    final String queueUrl;
    final String deadLetterUrl;
    final VendorEventsService webhook;
    final UsagePushHandler worker;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    int invocations;

    Pipeline(AwsEmulator aws, MutableClock clock, GradientFixture gradient, GradientFixture.Partner sandboxPartner) {
        this(aws, clock, gradient, sandboxPartner, false);
    }

    /** {@code audited}: pushes go through the push audit trail, as {@code Components.gradient()} wires them. */
    Pipeline(AwsEmulator aws, MutableClock clock, GradientFixture gradient, GradientFixture.Partner sandboxPartner,
             boolean audited) {
        this.aws = aws;
        this.clock = clock;
        this.gradient = gradient;
        this.sandboxPartner = sandboxPartner;
        this.table = aws.createTable();
        SqsClient sqs = aws.sqs();
        String base = AwsEmulator.uniqueName("usage");
        this.deadLetterUrl = sqs.createQueue(CreateQueueRequest.builder().queueName(base + "-dlq").build()).queueUrl();
        String dlqArn = sqs.getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(deadLetterUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN).build()).attributes().get(QueueAttributeName.QUEUE_ARN);
        this.queueUrl = sqs.createQueue(CreateQueueRequest.builder().queueName(base).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "360",
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\""
                        + MAX_RECEIVE_COUNT + "\"}")).build()).queueUrl();
        String prefix = AwsEmulator.uniqueName("partners") + "/";
        Map<String, String> env = new HashMap<>();
        env.put("TABLE_NAME", table);
        env.put("USAGE_QUEUE_URL", queueUrl);
        env.put("WEBHOOK_SECRET_ID", aws.createSecret(AwsEmulator.uniqueName("webhook"), WEBHOOK_SECRET));
        env.put("VENDOR_KEY_SECRET_ID", aws.createSecret(AwsEmulator.uniqueName("vendor"),
                sandboxPartner.credentials().vendorKey()));
        env.put("PARTNER_SECRET_PREFIX", prefix);
        env.put("GRADIENT_BASE_URL", gradient.baseUri());
        env.put("LOG_LEVEL", "WARN");
        this.components = Components.create(aws.environment(env), UsagePushHandler.FUNCTION, clock,
                new PrintStream(out, true, StandardCharsets.UTF_8));

        components.keyVault().putPartnerKey(partnerId, Secret.of(sandboxPartner.credentials().partnerKey()));
        components.stores().partners().save(PartnerRecord.builder(partnerId, clock.instant())
                .status(PartnerStatus.ACTIVE).keyFingerprint(Secret.of(sandboxPartner.credentials().partnerKey()).fingerprint())
                .build());
        sandboxPartner.skuIds().forEach((key, skuId) -> components.stores().catalog().put(key, skuId, key.value()));

        this.webhook = VendorEventsService.builder()
                .keyVault(components.keyVault()).catalog(components.catalog())
                .journal(components.stores().journal()).ledger(components.stores().ledger())
                .partners(components.stores().partners()).queue(components.usageQueue())
                .deliveries(components.deliveries()).clock(clock).log(components.log())
                .build();
        UsagePushService pusher = UsagePushService.builder()
                .partners(components.stores().partners()).ledger(components.stores().ledger())
                .catalog(components.stores().catalog()).keyVault(components.keyVault())
                .gradient(audited ? new AuditedGradient(gradient.client(clock), components.pushAudit(), clock,
                        components.log(), components.metrics()) : gradient.client(clock))
                .clock(clock).mode(components.config().pushMode())
                .log(components.log()).metrics(components.metrics())
                .build();
        this.worker = new UsagePushHandler(pusher, clock, components.log(), components.metrics());
    }

    /** Signs and delivers {@code events} (JSON objects) as one batch; fails unless the service accepts it. */
    DeliveryOutcome.Accepted deliver(List<String> events) {
        byte[] body = ("{\"events\":[" + String.join(",", events) + "]}").getBytes(StandardCharsets.UTF_8);
        long now = clock.instant().getEpochSecond();
        DeliveryOutcome outcome = webhook.accept(Long.toString(now), WebhookSignature.sign(WEBHOOK_SECRET, now, body),
                body);
        if (!(outcome instanceof DeliveryOutcome.Accepted accepted)) {
            throw new AssertionError("the delivery was not accepted: " + outcome);
        }
        return accepted;
    }

    /**
     * One pass of the poller over what is visible now: batches of up to 50, each message at most once. Failed
     * messages are made visible again only after the pass (as their visibility timeout would), so a Gradient that
     * keeps failing costs one receive per pass. Returns how many messages failed.
     */
    int drainRound() {
        List<Message> visible = new ArrayList<>();
        SqsClient sqs = aws.sqs();
        for (int i = 0; i < 100; i++) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .visibilityTimeout(300)).messages();
            if (got.isEmpty()) {
                break;
            }
            visible.addAll(got);
        }
        List<Message> failed = new ArrayList<>();
        for (int start = 0; start < visible.size(); start += 50) {
            List<Message> batch = visible.subList(start, Math.min(visible.size(), start + 50));
            SQSEvent event = new SQSEvent();
            event.setRecords(batch.stream().map(Pipeline::toLambda).toList());
            invocations++;
            SQSBatchResponse response = worker.handleRequest(event, new FakeLambdaContext(55_000));
            Set<String> failedIds = response.getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
            for (Message m : batch) {
                if (failedIds.contains(m.messageId())) {
                    failed.add(m);
                } else {
                    sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                }
            }
        }
        failed.forEach(m -> sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())
                .visibilityTimeout(0)));
        return failed.size();
    }

    /** Passes until the queue is empty; fails the test if that takes more than {@code maxRounds}. */
    void drainUntilEmpty(int maxRounds) {
        for (int round = 0; round < maxRounds; round++) {
            if (visibleMessages() == 0) {
                return;
            }
            drainRound();
        }
        if (visibleMessages() != 0) {
            throw new AssertionError("the usage queue did not drain within " + maxRounds + " rounds");
        }
    }

    int visibleMessages() {
        return approximate(queueUrl);
    }

    int deadLetters() {
        return approximate(deadLetterUrl);
    }

    private int approximate(String url) {
        Map<QueueAttributeName, String> attributes = aws.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    String skuId(String service) {
        return sandboxPartner.skuIds().get(ServiceKey.of(service));
    }

    private static SQSEvent.SQSMessage toLambda(Message m) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(m.messageId());
        message.setReceiptHandle(m.receiptHandle());
        message.setBody(m.body());
        message.setEventSource("aws:sqs");
        return message;
    }
}
