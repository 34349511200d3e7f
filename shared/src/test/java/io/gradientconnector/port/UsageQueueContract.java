package io.gradientconnector.port;

import io.gradientconnector.domain.PushRequest;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.ServiceKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What {@link UsageQueue} sends, run against the fake and SQS. */
public abstract class UsageQueueContract {
    private UsageQueue queue;

    protected abstract UsageQueue newQueue();

    /** The bodies that reached the queue so far, in any order. */
    protected abstract List<String> receivedBodies(int expected);

    @BeforeEach
    void freshQueue() {
        queue = newQueue();
    }

    private static PushRequest request(int i) {
        return new PushRequest(PartnerId.of("msp-1"), AccountId.of("acct #" + i), ServiceKey.of("backup-server"));
    }

    @Test
    void enqueue_shouldSendTheDocumentedJson() {
        queue.enqueue(List.of(request(1)));

        assertEquals(List.of("{\"partnerId\":\"msp-1\",\"accountId\":\"acct #1\",\"service\":\"backup-server\"}"),
                receivedBodies(1));
    }

    @Test
    void enqueue_shouldSendEveryDistinctRequest_whenMoreThanOneBatch() {
        List<PushRequest> requests = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            requests.add(request(i));
        }
        requests.add(request(3)); // duplicates are sent once

        queue.enqueue(requests);

        Comparator<PushRequest> byAccount = Comparator.comparing(r -> r.accountId().value());
        assertEquals(requests.subList(0, 23).stream().sorted(byAccount).toList(),
                receivedBodies(23).stream().map(QueueMessages::parsePushRequest).sorted(byAccount).toList());
    }

    @Test
    void enqueue_shouldSendNothing_whenListEmpty() {
        queue.enqueue(List.of());
        queue.enqueue(List.of(request(1)));

        assertEquals(1, receivedBodies(1).size());
    }
}
