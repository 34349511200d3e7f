package io.gradientconnector.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.gradientconnector.observability.JsonLog;

/**
 * Log context every handler adds the same way. {@link #forInvocation} or {@link #forApiEvent} is the first thing
 * {@code handleRequest} does, exactly once: it starts the invocation on the handler's log, so every line written
 * until the next invocation — by the handler, the use cases, the Gradient client and the AWS SDK, which all log
 * through the same root — carries {@code requestId}, {@code cold_start} and {@code function_version}
 * ({@link JsonLog#startInvocation}).
 */
public final class LambdaLogs {
    private LambdaLogs() {
    }

    /** Starts the invocation with its request id and function version, when there is a context that has them. */
    public static JsonLog forInvocation(JsonLog log, Context context) {
        log.startInvocation(context == null ? null : context.getAwsRequestId(),
                context == null ? null : context.getFunctionVersion());
        return log;
    }

    /**
     * Starts the invocation of an API Gateway event, with the invocation's request id when there is a context that
     * has one, else API Gateway's (either may be missing: a malformed event still gets its lines).
     */
    public static JsonLog forApiEvent(JsonLog log, APIGatewayProxyRequestEvent event, Context context) {
        String requestId = context == null ? null : context.getAwsRequestId();
        if (requestId == null && event != null && event.getRequestContext() != null) {
            requestId = event.getRequestContext().getRequestId();
        }
        log.startInvocation(requestId, context == null ? null : context.getFunctionVersion());
        return log;
    }

    /** {@code log} with the request's route ({@code METHOD /resource}). */
    public static JsonLog withRoute(JsonLog log, ApiRequest request) {
        return log.with("route", request.method() + " " + request.resource());
    }
}
