package io.gradientconnector.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SandboxMainTest {

    @Test
    void parse_shouldUseDefaults_whenNoArguments() {
        SandboxMain.Args args = SandboxMain.parse(new String[0]);
        assertEquals(8089, args.port());
        assertFalse(args.demo());
    }

    @Test
    void parse_shouldReadPortAndDemo_whenGiven() {
        SandboxMain.Args args = SandboxMain.parse(new String[] {"--port", "9000", "--demo"});
        assertEquals(9000, args.port());
        assertTrue(args.demo());
        assertEquals(0, SandboxMain.parse(new String[] {"--port=0"}).port());
    }

    @Test
    void parse_shouldReadAutoMap_whenGiven() {
        assertTrue(SandboxMain.parse(new String[] {"--auto-map"}).autoMap());
        assertFalse(SandboxMain.parse(new String[0]).autoMap());
    }

    @Test
    void parse_shouldReject_whenPortIsInvalidOrArgumentUnknown() {
        assertThrows(IllegalArgumentException.class, () -> SandboxMain.parse(new String[] {"--port", "x"}));
        assertThrows(IllegalArgumentException.class, () -> SandboxMain.parse(new String[] {"--port", "70000"}));
        assertThrows(IllegalArgumentException.class, () -> SandboxMain.parse(new String[] {"--port"}));
        assertThrows(IllegalArgumentException.class, () -> SandboxMain.parse(new String[] {"--verbose"}));
    }
}
