package io.gradientconnector.localrun.template;

import java.util.Objects;

/**
 * One {@code SQS} event of a function, with Lambda's defaults where the template says nothing (batch size 10, no
 * batching window). {@code maximumConcurrency} 0 means "not set".
 */
public record QueueTrigger(String functionId, String eventName, String queueId, int batchSize,
                           int maximumBatchingWindowSeconds, int maximumConcurrency,
                           boolean reportBatchItemFailures, boolean enabled) {

    public QueueTrigger {
        Objects.requireNonNull(functionId, "functionId");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(queueId, "queueId");
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException(functionId + "." + eventName + ": BatchSize must be 1..10000");
        }
        if (maximumBatchingWindowSeconds < 0 || maximumBatchingWindowSeconds > 300) {
            throw new IllegalArgumentException(functionId + "." + eventName
                    + ": MaximumBatchingWindowInSeconds must be 0..300");
        }
        if (maximumConcurrency < 0) {
            throw new IllegalArgumentException(functionId + "." + eventName + ": MaximumConcurrency must be >= 2");
        }
    }
}
