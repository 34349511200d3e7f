package io.gradientconnector.bench.hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.Map;

/**
 * The cold-start baseline: the smallest useful Java Lambda handler, taking the same API Gateway event type as the
 * portal and webhook functions and answering 200. Packaged like a function (target/bench-hello.jar, shaded with the
 * Lambda libraries and Jackson), never deployed. Thread-safe (stateless).
 */
public final class HelloHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        String path = event == null || event.getPath() == null ? "/" : event.getPath();
        return new APIGatewayProxyResponseEvent().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "text/plain"))
                .withBody("hello from " + path);
    }
}
