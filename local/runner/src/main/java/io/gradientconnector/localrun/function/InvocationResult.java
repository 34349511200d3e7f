package io.gradientconnector.localrun.function;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What one invocation gave: the handler's JSON result, or Lambda's error document
 * ({@code {"errorMessage","errorType",...}}) with the kind of failure.
 */
public record InvocationResult(Status status, byte[] payload) {

    public enum Status {
        /** The handler returned; {@code payload} is its result as JSON ({@code null} for void). */
        OK,
        /** The handler threw. */
        FUNCTION_ERROR,
        /** The handler ran past the function's Timeout; its JVM was stopped. */
        TIMEOUT,
        /** The handler could not be constructed, or its JVM died. */
        RUNTIME_ERROR,
        /** The function's artifact is not built. */
        UNAVAILABLE
    }

    public InvocationResult {
        Objects.requireNonNull(status, "status");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public boolean ok() {
        return status == Status.OK;
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    public static InvocationResult error(Status status, String type, String message) {
        return new InvocationResult(status, io.gradientconnector.localrun.bootstrap.Frames.errorJson(type, message,
                new StackTraceElement[0]));
    }
}
