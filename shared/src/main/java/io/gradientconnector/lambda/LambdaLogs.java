package io.gradientconnector.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import io.gradientconnector.observability.JsonLog;

/** Log context every handler adds the same way. */
public final class LambdaLogs {
    private LambdaLogs() {
    }

    /** {@code log} with the invocation's {@code requestId}, when there is a context that has one. */
    public static JsonLog forInvocation(JsonLog log, Context context) {
        return context == null || context.getAwsRequestId() == null ? log : log.with("requestId", context.getAwsRequestId());
    }

    /**
     * {@code log} for one API request: its route ({@code METHOD /resource}) and {@code requestId}, the invocation's
     * when there is a context, else API Gateway's.
     */
    public static JsonLog forApiRequest(JsonLog log, ApiRequest request, Context context) {
        String requestId = context != null && context.getAwsRequestId() != null
                ? context.getAwsRequestId() : request.requestId();
        return log.with("route", request.method() + " " + request.resource()).with("requestId", requestId);
    }
}
