package io.gradientconnector.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.emulator.MotoServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code make run} as a newcomer runs it: a subprocess at the repository root (its own process group, free ports and
 * non-default secrets through the documented variables), the banner, the walkthrough over HTTP until the count
 * reaches the sandbox, then SIGINT to the process group, after which no process of it may remain and every port
 * must be free.
 */
class MakeRunIT {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final String PORTAL_KEY = "it-portal-key";
    private static final String WEBHOOK_SECRET = "it-webhook-secret";

    private Process make;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void killLeftovers() {
        if (make != null && make.isAlive()) {
            make.descendants().forEach(ProcessHandle::destroyForcibly);
            make.destroyForcibly();
        }
    }

    @Test
    void makeRun_shouldServeTheWalkthroughAndLeaveNothingBehind_whenInterrupted() throws Exception {
        int apiPort = freePort();
        int sandboxPort = freePort();
        int awsPort = freePort();
        // A new session (so SIGINT can go to the whole group) with SIGINT at its default disposition: a process
        // started from a background job inherits "ignore SIGINT", and Ctrl-C in a terminal is what is tested.
        ProcessBuilder builder = new ProcessBuilder(MotoServer.venvOf(TestStack.ROOT).resolve("bin/python").toString(),
                "-c", "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.setsid(); "
                + "os.execvp('make', ['make', '--no-print-directory', 'run'])")
                .directory(TestStack.ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("LOCAL_PORT", Integer.toString(apiPort));
        builder.environment().put("LOCAL_SANDBOX_PORT", Integer.toString(sandboxPort));
        builder.environment().put("LOCAL_AWS_PORT", Integer.toString(awsPort));
        builder.environment().put("LOCAL_PORTAL_API_KEY", PORTAL_KEY);
        builder.environment().put("LOCAL_WEBHOOK_SECRET", WEBHOOK_SECRET);
        builder.environment().remove("AWS_ENDPOINT_URL");
        builder.environment().remove("GRADIENT_BASE_URL");
        builder.environment().remove("MAKEFLAGS");
        builder.environment().remove("MAKELEVEL");
        make = builder.start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(make.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    System.out.println("make run | " + line);
                    output.add(line);
                    if (line.equals(Banner.READY_LINE)) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "make-run-output");
        reader.setDaemon(true);
        reader.start();

        assertTrue(ready.await(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "no banner within " + START_TIMEOUT);
        String banner = String.join("\n", output);
        URI api = URI.create("http://127.0.0.1:" + apiPort);
        URI sandbox = URI.create("http://127.0.0.1:" + sandboxPort);
        assertTrue(banner.contains(api.toString()), banner);
        assertTrue(banner.contains(sandbox + "/"), banner);
        assertTrue(banner.contains("http://127.0.0.1:" + awsPort), banner);
        assertTrue(banner.contains(PORTAL_KEY) && banner.contains(WEBHOOK_SECRET), "the local keys: " + banner);
        assertTrue(banner.contains("demo-partner-key"), banner);
        assertFalse(banner.contains("Not runnable yet"), "every function is built: " + banner);

        Walkthrough walkthrough = new Walkthrough(api, PORTAL_KEY, WEBHOOK_SECRET);
        assertEquals("demo-partner", walkthrough.connect().path("partnerId").asText());
        assertEquals(2, walkthrough.sendEvents().path("accepted").asInt());
        walkthrough.requestSync();
        walkthrough.awaitCount(sandbox, Duration.ofSeconds(90));
        walkthrough.checkReport(Duration.ofSeconds(30));
        assertEquals(1, walkthrough.sendAlert().path("accepted").asInt());
        JsonNode ticket = walkthrough.awaitTicket(Duration.ofSeconds(90));
        assertEquals("alert-1", ticket.path("alertId").asText());
        assertTrue(ticket.path("ticketId").asText().startsWith("T"), ticket.toString());

        List<ProcessHandle> tree = new ArrayList<>(make.descendants().toList());
        tree.add(make.toHandle());
        assertTrue(tree.size() >= 3, "make, the runner, moto and function JVMs: " + tree);
        Process interrupt = new ProcessBuilder("kill", "-INT", "--", "-" + make.pid()).inheritIO().start();
        assertEquals(0, interrupt.waitFor());

        assertTrue(make.waitFor(30, TimeUnit.SECONDS), "make run still running 30 s after SIGINT");
        for (ProcessHandle process : tree) {
            assertTrue(gone(process), "left behind: " + process.pid() + " " + process.info().commandLine());
        }
        for (int port : List.of(apiPort, sandboxPort, awsPort)) {
            assertTrue(free(port), "port " + port + " still taken");
        }
        assertTrue(String.join("\n", output).contains("[local] stopped"), "the runner stopped cleanly");
    }

    private static boolean gone(ProcessHandle process) throws InterruptedException {
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return !process.isAlive();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
