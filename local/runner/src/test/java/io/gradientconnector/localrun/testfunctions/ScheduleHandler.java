package io.gradientconnector.localrun.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Records each scheduled event's source and detail-type. */
public class ScheduleHandler implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        Records.append("schedule.log", event.get("source") + " " + event.get("detail-type"));
        return "ok";
    }
}
