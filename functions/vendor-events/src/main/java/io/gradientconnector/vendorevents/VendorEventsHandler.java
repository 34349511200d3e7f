package io.gradientconnector.vendorevents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.gradientconnector.lambda.ApiError;
import io.gradientconnector.lambda.ApiException;
import io.gradientconnector.lambda.ApiRequest;
import io.gradientconnector.lambda.ApiResponses;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metric;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.lambda.Components;
import io.gradientconnector.lambda.LambdaDeadline;
import io.gradientconnector.lambda.LambdaLogs;
import io.gradientconnector.app.events.DeliveryOutcome;
import io.gradientconnector.app.events.VendorEventsService;
import io.gradientconnector.domain.WebhookSignature;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code POST /webhooks/vendor-events}: the vendor platform's signed usage and account events. Everything that
 * matters happens in {@link VendorEventsService} (verify, validate, record, queue); this class turns the API Gateway
 * event into its inputs and the {@link DeliveryOutcome} into the answer, all in {@link #answer}: 202
 * {@code {"accepted": n, "duplicates": m}} (plus {@code "pending": p} when some recorded events are applied later),
 * or a JSON error (413, 401, 400, 503). The service answers by the invocation's deadline: API Gateway's 29 s (or
 * Lambda's remaining time, if shorter) less {@link LambdaDeadline#MARGIN}.
 *
 * <p>Thread-safe (Lambda calls it one event at a time anyway).
 */
public final class VendorEventsHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    static final String FUNCTION = "vendor-events";

    private final VendorEventsService service;
    private final ApiResponses responses;
    private final JsonLog log;
    private final Metrics metrics;
    private final Clock clock;

    /** Lambda's entry: the real dependencies, built once per container. */
    public VendorEventsHandler() {
        this(Components.fromEnvironment(FUNCTION));
    }

    VendorEventsHandler(Components components) {
        this(components.vendorEvents(), components.log(), components.metrics(), components.clock());
    }

    VendorEventsHandler(VendorEventsService service, JsonLog log, Metrics metrics, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.service = Objects.requireNonNull(service, "service");
        this.log = Objects.requireNonNull(log, "log");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.responses = ApiResponses.standard();
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        var deadline = LambdaDeadline.of(context, clock, LambdaDeadline.API_GATEWAY_LIMIT);
        JsonLog requestLog = LambdaLogs.forApiEvent(log, event, context);
        ApiRequest request = ApiRequest.of(event);
        requestLog = LambdaLogs.withRoute(requestLog, request);
        try {
            // A body this long in characters is longer in bytes: refuse it before decoding anything.
            String body = event.getBody();
            if (body != null && body.length() > VendorEventsService.MAX_BODY_BYTES * 4L / 3 + 4) {
                return answer(new DeliveryOutcome.TooLarge(VendorEventsService.MAX_BODY_BYTES), requestLog);
            }
            return answer(service.accept(
                    request.header(WebhookSignature.TIMESTAMP_HEADER).orElse(null),
                    request.header(WebhookSignature.SIGNATURE_HEADER).orElse(null),
                    request.rawBody(), deadline), requestLog);
        } catch (ApiException e) {
            // Only a body API Gateway marked base64 but that does not decode.
            return rejected(e.error(), requestLog);
        } finally {
            metrics.flush();
        }
    }

    /** The one mapping from a delivery's outcome to the HTTP answer. */
    private APIGatewayProxyResponseEvent answer(DeliveryOutcome outcome, JsonLog requestLog) {
        return switch (outcome) {
            case DeliveryOutcome.Accepted accepted -> {
                metrics.count(Metric.EVENTS_ACCEPTED, accepted.accepted());
                metrics.count(Metric.DUPLICATES, accepted.duplicates());
                requestLog.with("accepted", accepted.accepted()).with("duplicates", accepted.duplicates())
                        .with("pending", accepted.pending()).info("delivery recorded");
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("accepted", accepted.accepted());
                body.put("duplicates", accepted.duplicates());
                if (accepted.pending() > 0) {
                    body.put("pending", accepted.pending());
                }
                yield responses.json(202, body);
            }
            case DeliveryOutcome.TooLarge tooLarge -> rejected(ApiError.of(413, "payload_too_large",
                    "body exceeds " + tooLarge.maxBytes() + " bytes"), requestLog);
            case DeliveryOutcome.BadSignature bad -> rejected(new ApiError(401, "invalid_signature", bad.message(),
                    bad.header(), List.of()), requestLog);
            case DeliveryOutcome.Invalid invalid -> rejected(ApiError.invalidFields(invalid.errors().stream()
                    .map(e -> new ApiError.FieldError(e.field(), e.message())).toList()), requestLog);
            case DeliveryOutcome.Unavailable unavailable -> rejected(ApiError.of(503, "unavailable",
                    unavailable.message()), requestLog);
        };
    }

    private APIGatewayProxyResponseEvent rejected(ApiError error, JsonLog requestLog) {
        if (error.status() >= 500) {
            metrics.count(Metric.FAILURES);
        }
        requestLog.with("status", error.status()).with("field", error.field() == null ? "" : error.field())
                .warn("delivery rejected");
        return responses.error(error);
    }
}
