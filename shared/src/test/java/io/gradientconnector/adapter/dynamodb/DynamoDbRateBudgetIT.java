package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.testing.RateWindows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.port.LeasedRateBudget;
import io.gradientconnector.testing.AwsEmulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared budget over the emulated table: several "containers" (adapter instances, each with its own local
 * slices) with several threads each, asking at seeded random moments, never send more than the limit in any
 * one-second window (stamped when each permit is granted, i.e. when the request would leave), and permits keep
 * flowing. A back-off stored by one container pauses the others.
 */
class DynamoDbRateBudgetIT {
    @RegisterExtension
    static final AwsEmulator aws = new AwsEmulator();
    private static String table;

    @BeforeAll
    static void createTable() {
        table = aws.createTable();
    }

    private static DynamoDbRateBudget container(int limit, int slice) {
        return new DynamoDbRateBudget(aws.dynamoDb(), table, new LeasedRateBudget.Settings(limit, slice),
                Clock.systemUTC(), LeasedRateBudget.Pause.SYSTEM);
    }


    @Test
    void acquire_shouldNeverExceedTheLimitInAnySecond_whenSeveralContainersAndThreadsDrawAtOnce() throws Exception {
        for (long seed = 1; seed <= 2; seed++) {
            Random random = new Random(seed);
            int limit = 30 + random.nextInt(30);
            int slice = 2 + random.nextInt(8);
            int containers = 2 + random.nextInt(3);
            String scope = "it-" + UUID.randomUUID();
            List<Instant> grants = Collections.synchronizedList(new ArrayList<>());
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Instant end = Instant.now().plusMillis(3_000);
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < containers; c++) {
                DynamoDbRateBudget budget = container(limit, slice);
                for (int t = 0; t < 4; t++) {
                    long threadSeed = random.nextLong();
                    threads.add(Thread.ofPlatform().start(() -> {
                        Random own = new Random(threadSeed);
                        try {
                            while (Instant.now().isBefore(end)) {
                                if (own.nextInt(3) == 0) {
                                    Thread.sleep(own.nextInt(40)); // sometimes idle: slices go unused
                                }
                                if (budget.acquire(scope, Duration.ofSeconds(5)).isPresent()) {
                                    grants.add(Instant.now());
                                }
                            }
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    }));
                }
            }
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(null, failure.get());
            String context = "seed " + seed + ": limit " + limit + ", slice " + slice + ", " + containers
                    + " containers";
            int max = RateWindows.maxInAnySecond(grants);
            assertTrue(max <= limit, context + ": " + max + " permits in one second");
            // Throughput is the benchmark's business (the emulator serves one request at a time, on a shared
            // machine); here: permits keep flowing.
            assertTrue(grants.size() >= limit / 3, context + ": only " + grants.size() + " permits in 3 s");
        }
    }

    @Test
    void backOff_shouldPauseTheOtherContainers_whenOneStoresIt() throws Exception {
        String scope = "it-" + UUID.randomUUID();
        DynamoDbRateBudget a = container(100, 5);
        DynamoDbRateBudget b = container(100, 5);
        assertTrue(a.acquire(scope, null).isPresent());
        Instant hit = Instant.now();

        a.backOff(scope, Duration.ofMillis(800));

        assertTrue(b.acquire(scope, null).isPresent());
        assertTrue(!Instant.now().isBefore(hit.plusMillis(800)), "b's permit came after a's back-off");
    }
}
