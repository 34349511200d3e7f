package io.gradientconnector.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The quiet period is 2 s on a hand-driven clock: the debounce is observed without waiting. */
class RebuildIT {

    @AutoClose
    private final SandboxFixture fx = SandboxFixture.start();
    private String sku;

    @BeforeEach
    void start() {
        sku = fx.mappedPair("1");
        fx.createAccounts("2");
        fx.control.mapAccount(fx.integrationId(), "2");
    }

    private RebuildCount rebuild() {
        return fx.control.rebuilds().stream().filter(r -> r.integrationId().equals(fx.integrationId()))
                .findFirst().orElseThrow();
    }

    private void count(String accountId, String query) {
        assertEquals(201, fx.call("POST", "/service/" + sku + "/count" + query,
                "{\"accountId\":\"" + accountId + "\",\"unitCount\":1}").status());
    }

    @Test
    void count_shouldFireOneRebuildAfterQuietPeriod_whenCallsStop() {
        count("1", "");
        assertTrue(rebuild().pending());
        fx.clock.advance(Duration.ofMillis(1500));
        count("2", "");
        fx.clock.advance(Duration.ofMillis(1500));
        assertEquals(0, rebuild().rebuilds(), "the second call pushed the rebuild back");
        fx.clock.advance(Duration.ofMillis(500));
        RebuildCount fired = rebuild();
        assertEquals(1, fired.rebuilds());
        assertFalse(fired.pending());
        assertEquals(SandboxFixture.START.plusMillis(3500), fired.lastRebuildAt());
    }

    @Test
    void count_shouldNotScheduleRebuild_whenNoBuildIsTrueInAnyCase() {
        count("1", "?no_build=true");
        count("2", "?no_build=TRUE");
        assertFalse(rebuild().pending());
        fx.clock.advance(Duration.ofSeconds(10));
        assertEquals(0, rebuild().rebuilds());
    }

    @Test
    void count_shouldRebuildOnce_whenOnlyLastCallOfBatchBuilds() {
        count("1", "?no_build=true");
        count("2", "?no_build=false");
        fx.clock.advance(Duration.ofSeconds(3));
        assertEquals(1, rebuild().rebuilds());
        count("1", "");
        fx.clock.advance(Duration.ofSeconds(3));
        assertEquals(2, rebuild().rebuilds());
    }
}
