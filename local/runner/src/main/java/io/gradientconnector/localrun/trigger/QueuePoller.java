package io.gradientconnector.localrun.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradientconnector.localrun.ConsoleLog;
import io.gradientconnector.localrun.function.FunctionInvoker;
import io.gradientconnector.localrun.function.InvocationResult;
import io.gradientconnector.localrun.template.QueueTrigger;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS event source mapping for one {@code SQS} event of the template: one poller thread collects batches
 * ({@code BatchSize}, {@code MaximumBatchingWindowInSeconds}) and hands each to the function, with at most
 * {@code ScalingConfig.MaximumConcurrency} batches in flight. After an invocation it deletes the messages that
 * succeeded: with {@code ReportBatchItemFailures}, every message not listed in {@code batchItemFailures} (a listed id
 * that is not in the batch fails the whole batch, as in AWS); without it, all of them. A thrown exception or a
 * timeout deletes nothing. Undeleted messages come back after the queue's visibility timeout, and the queue's
 * redrive policy moves them to the dead-letter queue, both done by SQS itself.
 *
 * <p>Receives never long-poll (the serial moto would be blocked for everyone); an empty queue is polled again after
 * {@code idleDelay}. Thread-safe; {@link #close()} stops polling and waits briefly for batches in flight.
 */
public final class QueuePoller implements AutoCloseable {

    /** When a trigger sets no MaximumConcurrency, this many batches run at once locally. */
    public static final int DEFAULT_CONCURRENCY = 2;
    private static final int SQS_MAX_RECEIVE = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final QueueTrigger trigger;
    private final String queueName;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final SqsClient sqs;
    private final FunctionInvoker functions;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration idleDelay;
    private final ConsoleLog console;
    private final Semaphore slots;
    private final ExecutorService batches;
    private final Thread poller;
    private volatile boolean running = true;

    private QueuePoller(Builder b) {
        this.trigger = b.trigger;
        this.queueName = b.queueName;
        this.queueUrl = b.queueUrl;
        this.queueArn = b.queueArn;
        this.region = b.region;
        this.sqs = b.sqs;
        this.functions = b.functions;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.idleDelay = b.idleDelay;
        this.console = b.console;
        int concurrency = trigger.maximumConcurrency() > 0 ? trigger.maximumConcurrency() : DEFAULT_CONCURRENCY;
        this.slots = new Semaphore(concurrency);
        AtomicInteger counter = new AtomicInteger();
        String name = trigger.functionId() + "-" + trigger.eventName();
        this.batches = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "batch-" + name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.poller = new Thread(this::pollLoop, "poller-" + name);
        this.poller.setDaemon(true);
    }

    public static Builder builder() {
        return new Builder();
    }

    public QueuePoller start() {
        poller.start();
        return this;
    }

    public QueueTrigger trigger() {
        return trigger;
    }

    private void pollLoop() {
        while (running) {
            try {
                slots.acquire();
                List<Message> batch;
                try {
                    batch = collectBatch();
                } catch (RuntimeException e) {
                    slots.release();
                    throw e;
                }
                if (batch.isEmpty()) {
                    slots.release();
                    sleeper.sleep(idleDelay);
                    continue;
                }
                batches.execute(() -> {
                    try {
                        process(batch);
                    } finally {
                        slots.release();
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SdkException e) {
                if (!running) {
                    return;
                }
                console.line(trigger.functionId(), "polling " + queueName + " failed: " + e.getMessage());
                try {
                    sleeper.sleep(idleDelay.multipliedBy(4));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Up to BatchSize messages. Without a batching window: what the receives return while they come back full.
     * With one: receives continue until the batch is full or the window, counted from the first message, ends.
     */
    List<Message> collectBatch() throws InterruptedException {
        List<Message> batch = new ArrayList<>();
        Instant windowEnd = null;
        Duration window = Duration.ofSeconds(trigger.maximumBatchingWindowSeconds());
        while (running && batch.size() < trigger.batchSize()) {
            int wanted = Math.min(SQS_MAX_RECEIVE, trigger.batchSize() - batch.size());
            List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(wanted)
                    .waitTimeSeconds(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            for (Message message : received) {
                // A message seen again within one window (its visibility timeout ran out) counts once, latest handle.
                batch.removeIf(m -> m.messageId().equals(message.messageId()));
                batch.add(message);
            }
            if (batch.isEmpty()) {
                return batch;
            }
            if (window.isZero()) {
                if (received.size() < wanted) {
                    break;
                }
                continue;
            }
            if (windowEnd == null) {
                windowEnd = clock.instant().plus(window);
            }
            Instant now = clock.instant();
            if (!now.isBefore(windowEnd)) {
                break;
            }
            if (received.isEmpty()) {
                Duration left = Duration.between(now, windowEnd);
                sleeper.sleep(left.compareTo(idleDelay) < 0 ? left : idleDelay);
            }
        }
        return batch;
    }

    void process(List<Message> batch) {
        InvocationResult result = functions.invoke(trigger.functionId(), event(batch));
        Set<String> ids = new HashSet<>();
        batch.forEach(m -> ids.add(m.messageId()));
        Set<String> failed = new HashSet<>();
        String outcome;
        if (!result.ok()) {
            failed.addAll(ids);
            outcome = "the function failed (" + result.status() + "), nothing deleted";
        } else if (trigger.reportBatchItemFailures()) {
            failed.addAll(reportedFailures(result.payload(), ids));
            outcome = failed.isEmpty() ? "all done" : failed.size() + " reported failed";
        } else {
            outcome = "all done";
        }
        List<Message> done = batch.stream().filter(m -> !failed.contains(m.messageId())).toList();
        delete(done);
        console.line(trigger.functionId(), "batch of " + batch.size() + " from " + queueName + ": " + outcome
                + (failed.isEmpty() ? "" : "; " + failed.size() + " will be redelivered after the visibility timeout"));
    }

    /** The ids the response lists; all of them when it lists an id the batch does not have (AWS does that too). */
    private static Set<String> reportedFailures(byte[] payload, Set<String> ids) {
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (IOException e) {
            return ids;
        }
        Set<String> failed = new HashSet<>();
        if (node == null || node.isNull() || node.path("batchItemFailures").isMissingNode()) {
            return failed;
        }
        for (JsonNode item : node.path("batchItemFailures")) {
            String id = item.path("itemIdentifier").asText("");
            if (!ids.contains(id)) {
                return ids;
            }
            failed.add(id);
        }
        return failed;
    }

    private void delete(List<Message> done) {
        for (int start = 0; start < done.size(); start += SQS_MAX_RECEIVE) {
            List<Message> chunk = done.subList(start, Math.min(done.size(), start + SQS_MAX_RECEIVE));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id("m" + i)
                        .receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            try {
                sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            } catch (SdkException e) {
                console.line(trigger.functionId(), "deleting processed messages from " + queueName + " failed: "
                        + e.getMessage() + " (they will be redelivered)");
            }
        }
    }

    /** The SQS event Lambda sends: {@code {"Records": [...]}} with {@code eventSourceARN}. */
    byte[] event(List<Message> batch) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : batch) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            message.messageAttributes().forEach((name, value) -> {
                ObjectNode attribute = messageAttributes.putObject(name);
                if (value.stringValue() != null) {
                    attribute.put("stringValue", value.stringValue());
                }
                if (value.binaryValue() != null) {
                    attribute.put("binaryValue", value.binaryValue().asByteArray());
                }
                attribute.putArray("stringListValues");
                attribute.putArray("binaryListValues");
                attribute.put("dataType", value.dataType());
            });
            record.put("md5OfBody", message.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", region);
        }
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the SQS event", e);
        }
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
        batches.shutdown();
        try {
            poller.join(2_000);
            if (!batches.awaitTermination(2, TimeUnit.SECONDS)) {
                batches.shutdownNow();
            }
        } catch (InterruptedException e) {
            batches.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private QueueTrigger trigger;
        private String queueName;
        private String queueUrl;
        private String queueArn;
        private String region = "us-east-1";
        private SqsClient sqs;
        private FunctionInvoker functions;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.REAL;
        private Duration idleDelay = Duration.ofMillis(250);
        private ConsoleLog console;

        private Builder() {
        }

        public Builder trigger(QueueTrigger trigger) {
            this.trigger = trigger;
            return this;
        }

        public Builder queue(String name, String url, String arn) {
            this.queueName = name;
            this.queueUrl = url;
            this.queueArn = arn;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder sqs(SqsClient sqs) {
            this.sqs = sqs;
            return this;
        }

        public Builder functions(FunctionInvoker functions) {
            this.functions = functions;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public Builder idleDelay(Duration idleDelay) {
            this.idleDelay = idleDelay;
            return this;
        }

        public Builder console(ConsoleLog console) {
            this.console = console;
            return this;
        }

        public QueuePoller build() {
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(queueUrl, "queue");
            Objects.requireNonNull(sqs, "sqs");
            Objects.requireNonNull(functions, "functions");
            Objects.requireNonNull(console, "console");
            if (idleDelay.isNegative() || idleDelay.isZero()) {
                throw new IllegalArgumentException("idleDelay must be positive");
            }
            return new QueuePoller(this);
        }
    }
}
