package io.gradientconnector.localrun.trigger;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/** Receives answer scripted message lists in order (then nothing); deletes are recorded by receipt handle. */
final class FakeSqs implements SqsClient {

    final Deque<List<Message>> receives = new ArrayDeque<>();
    final List<ReceiveMessageRequest> receiveRequests = new ArrayList<>();
    final List<String> deleted = new ArrayList<>();

    static Message message(String id) {
        return Message.builder().messageId(id).receiptHandle("rh-" + id).body("body-" + id).md5OfBody("md5")
                .build();
    }

    @Override
    public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
        receiveRequests.add(request);
        List<Message> next = receives.isEmpty() ? List.of() : receives.pop();
        return ReceiveMessageResponse.builder().messages(next).build();
    }

    @Override
    public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
        request.entries().forEach(e -> deleted.add(e.receiptHandle()));
        return DeleteMessageBatchResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "sqs";
    }

    @Override
    public void close() {
    }
}
