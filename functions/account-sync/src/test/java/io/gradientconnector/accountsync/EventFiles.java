package io.gradientconnector.accountsync;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads the event files under {@code events/account-sync/} (the ones {@code sam local invoke -e} takes). */
final class EventFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventFiles() {
    }

    static Path path(String name) {
        String root = System.getProperty("connector.root", "../..");
        return Path.of(root, "events", "account-sync", name);
    }

    static Map<String, Object> schedule(String name) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> event = JSON.readValue(Files.readString(path(name)), Map.class);
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An SQS event as the Lambda runtime would build it from the file (aws-lambda-java-tests' EventLoader). */
    static SQSEvent sqs(String name) {
        return EventLoader.loadSQSEvent(path(name).toString());
    }

    static SQSEvent.SQSMessage message(String messageId, String body, Map<String, String> attributes) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(messageId);
        message.setBody(body);
        message.setAttributes(attributes);
        message.setEventSource("aws:sqs");
        return message;
    }

    static SQSEvent event(List<SQSEvent.SQSMessage> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }
}
