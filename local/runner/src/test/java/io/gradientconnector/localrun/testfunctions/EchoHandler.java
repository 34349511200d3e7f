package io.gradientconnector.localrun.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** Echoes its event and a few environment variables; {@code fail} makes it throw, {@code sleepMillis} waits. */
public class EchoHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if (event.containsKey("fail")) {
            throw new IllegalStateException("asked to fail: " + event.get("fail"));
        }
        if (event.get("sleepMillis") instanceof Number millis) {
            try {
                Thread.sleep(millis.longValue());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        System.out.println("echo handler saw " + event.keySet());
        Map<String, Object> env = new LinkedHashMap<>();
        for (String name : new String[] {"TABLE_NAME", "GREETING", "QUEUE_URL", "SIGNING_SECRET_ID",
                "AWS_ENDPOINT_URL", "AWS_LAMBDA_FUNCTION_NAME", "GRADIENT_BASE_URL"}) {
            env.put(name, System.getenv(name));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("echo", event);
        answer.put("env", env);
        answer.put("function", context.getFunctionName());
        answer.put("hasTimeLeft", context.getRemainingTimeInMillis() > 0);
        answer.put("pid", ProcessHandle.current().pid());
        return answer;
    }
}
