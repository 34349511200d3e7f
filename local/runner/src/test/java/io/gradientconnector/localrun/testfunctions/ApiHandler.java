package io.gradientconnector.localrun.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.Map;

/** Answers with what it received, as a small hand-written JSON document, and a custom header. */
public class ApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        String body = "{" + field("method", event.getHttpMethod()) + "," + field("path", event.getPath()) + ","
                + field("resource", event.getResource()) + ","
                + field("id", param(event.getPathParameters(), "id")) + ","
                + field("proxy", param(event.getPathParameters(), "proxy")) + ","
                + field("x", param(event.getQueryStringParameters(), "x")) + ","
                + field("xs", event.getMultiValueQueryStringParameters() == null ? null
                        : String.join("|", event.getMultiValueQueryStringParameters().get("x"))) + ","
                + field("custom", param(event.getHeaders(), "x-custom")) + ","
                + field("apiKey", event.getRequestContext().getIdentity().getApiKey()) + ","
                + field("stage", event.getRequestContext().getStage()) + ","
                + field("body", event.getBody()) + ","
                + "\"base64\":" + event.getIsBase64Encoded() + "}";
        return new APIGatewayProxyResponseEvent().withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "application/json", "X-Handled-By", "ApiHandler"))
                .withBody(body);
    }

    private static String param(Map<String, String> values, String name) {
        return values == null ? null : values.get(name);
    }

    private static String field(String name, String value) {
        return "\"" + name + "\":" + (value == null ? "null"
                : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }
}
