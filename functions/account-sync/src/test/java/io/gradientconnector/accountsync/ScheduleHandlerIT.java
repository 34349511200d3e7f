package io.gradientconnector.accountsync;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.port.QueueMessages;
import io.gradientconnector.domain.SyncReason;
import io.gradientconnector.domain.SyncRequest;
import io.gradientconnector.lambda.Components;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.testing.FakeLambdaContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schedule handler built from its environment, on DynamoDB and SQS in the AWS emulator. */
class ScheduleHandlerIT {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    private final CapturedOutput output = new CapturedOutput(ScheduleHandler.FUNCTION, Clock.systemUTC());

    @Test
    void handleRequest_shouldPutOneMessagePerConnectedPartnerOnTheSyncQueue_whenTheScheduleFires() {
        AwsEmulator.TestQueue queue = AWS.createQueueWithDlq("sync");
        Components components = Components.create(AWS.environment(Map.of(
                "TABLE_NAME", AWS.createTable(),
                "SYNC_QUEUE_URL", queue.url(),
                "USAGE_QUEUE_URL", AWS.createQueueWithDlq("usage").url())), ScheduleHandler.FUNCTION, Clock.systemUTC(), output.stream());
        PartnerStore partners = components.stores().partners();
        Set<SyncRequest> expected = new HashSet<>();
        for (int i = 0; i < 37; i++) {
            PartnerId id = PartnerId.of(String.format("msp-%03d", i));
            PartnerStatus status = i % 2 == 0 ? PartnerStatus.ACTIVE : PartnerStatus.PENDING;
            partners.save(PartnerRecord.builder(id, Clock.systemUTC().instant()).status(status).keyFingerprint("f").build());
            expected.add(new SyncRequest(id, SyncReason.SCHEDULE));
        }
        partners.save(PartnerRecord.builder(PartnerId.of("msp-needs-key"), Clock.systemUTC().instant())
                .status(PartnerStatus.NEEDS_KEY).build());
        partners.save(PartnerRecord.builder(PartnerId.of("msp-gone"), Clock.systemUTC().instant())
                .status(PartnerStatus.DISCONNECTED).build());

        Map<String, Object> answer = new ScheduleHandler(components)
                .handleRequest(EventFiles.schedule("schedule.json"), new FakeLambdaContext(60_000));

        assertEquals(Map.of("queued", 37, "skipped", 2, "complete", true, "deliveriesCompleted", 0), answer);
        List<String> bodies = SqsPoller.drain(AWS.sqs(), queue.url());
        assertEquals(37, bodies.size());
        assertEquals(expected, bodies.stream().map(QueueMessages::parseSyncRequest).collect(Collectors.toSet()));
        assertTrue(output.text().contains("\"syncsQueued\":37"), output.text());
    }
}
