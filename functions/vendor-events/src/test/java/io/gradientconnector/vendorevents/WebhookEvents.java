package io.gradientconnector.vendorevents;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.gradientconnector.domain.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The example deliveries in {@code events/vendor-events/}, read as API Gateway proxy events, and re-signing. */
final class WebhookEvents {
    /** The secret the examples are signed with (documented in docs/WEBHOOK.md). */
    static final String EXAMPLE_SECRET = "example-webhook-secret-do-not-use";
    /** The timestamp the examples carry. */
    static final Instant EXAMPLE_TIME = Instant.ofEpochSecond(1735689600);

    private WebhookEvents() {
    }

    static Path directory() {
        return Path.of(System.getProperty("connector.root", "../.."), "events", "vendor-events");
    }

    static APIGatewayProxyRequestEvent load(String file) {
        // As the Lambda runtime deserialises it (aws-lambda-java-tests' EventLoader).
        return EventLoader.loadApiGatewayRestEvent(directory().resolve(file).toString());
    }

    /** A POST of {@code body} signed with {@code secret} at {@code at}. */
    static APIGatewayProxyRequestEvent signed(String body, String secret, Instant at) {
        APIGatewayProxyRequestEvent event = load("usage-set.json");
        return resign(event.withBody(body), secret, at);
    }

    /** The same event with its signature headers replaced, so an example can be replayed at any time. */
    static APIGatewayProxyRequestEvent resign(APIGatewayProxyRequestEvent event, String secret, Instant at) {
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        long seconds = at.getEpochSecond();
        headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(seconds));
        headers.put(WebhookSignature.SIGNATURE_HEADER,
                WebhookSignature.sign(secret, seconds, event.getBody().getBytes(StandardCharsets.UTF_8)));
        return event.withHeaders(headers);
    }
}
