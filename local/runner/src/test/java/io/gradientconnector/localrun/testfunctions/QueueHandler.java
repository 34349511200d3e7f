package io.gradientconnector.localrun.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Records each message ({@code <body> <eventSourceARN> <batch size>}); reports bodies starting with "poison" as
 * batch item failures and throws for a body starting with "throw".
 */
public class QueueHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            Records.append("queue.log", message.getBody() + " " + message.getEventSourceArn() + " "
                    + event.getRecords().size());
            if (message.getBody().startsWith("throw")) {
                throw new IllegalStateException("asked to throw");
            }
            if (message.getBody().startsWith("poison")) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
