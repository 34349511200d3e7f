package io.gradientconnector.localrun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code java -jar local/runner/target/local-runner.jar}, run by {@code make run} at the repository root: starts
 * {@link LocalRunner} from the environment ({@link LocalSettings}), prints the {@link Banner}, and runs until
 * SIGINT/SIGTERM, when a shutdown hook stops everything it started, child processes included.
 */
public final class LocalRunMain {

    private LocalRunMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConsoleLog console = new ConsoleLog(System.out);
        String rootProperty = System.getProperty("connector.root");
        Path root = (rootProperty == null || rootProperty.isBlank() ? Path.of("") : Path.of(rootProperty))
                .toAbsolutePath();
        if (!Files.isRegularFile(root.resolve("template.yaml"))) {
            System.err.println("make run: no template.yaml in " + root + "; run it from the repository root");
            System.exit(2);
        }
        LocalSettings settings;
        try {
            settings = LocalSettings.fromEnvironment(System.getenv(), root);
        } catch (IllegalArgumentException e) {
            System.err.println("make run: " + e.getMessage());
            System.exit(2);
            return;
        }
        AtomicReference<LocalRunner> running = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LocalRunner runner = running.get();
            if (runner != null) {
                console.info("stopping: schedules, pollers, API, functions, sandbox, AWS emulator");
                runner.close();
                console.info("stopped");
            }
            stopped.countDown();
        }, "local-runner-shutdown"));
        LocalRunner runner;
        try {
            runner = LocalRunner.start(LocalRunner.Options.fromSettings(settings, console));
        } catch (RuntimeException e) {
            console.info("could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        running.set(runner);
        if (stopped.getCount() == 0) {
            runner.close(); // the signal came while starting: the hook found nothing to stop yet
            return;
        }
        console.block(Banner.text(runner));
        stopped.await();
    }
}
