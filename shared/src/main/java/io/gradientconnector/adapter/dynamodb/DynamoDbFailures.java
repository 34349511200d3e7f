package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.port.StoreUnavailableException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The DynamoDB adapters' one translation of SDK failures: every port method runs through here, so an
 * {@link SdkException} that is not an outcome (the adapters turn conditional-check failures into outcomes inside
 * the call) leaves the adapter as {@link StoreUnavailableException}. Stateless.
 */
final class DynamoDbFailures {

    private DynamoDbFailures() {
    }

    static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw unavailable(operation, e);
        }
    }

    static void run(String operation, Runnable call) {
        try {
            call.run();
        } catch (SdkException e) {
            throw unavailable(operation, e);
        }
    }

    private static StoreUnavailableException unavailable(String operation, SdkException e) {
        // The SDK's message names the table and error code, not item values.
        return new StoreUnavailableException("DynamoDB failed " + operation + ": " + e.getClass().getSimpleName(), e);
    }
}
