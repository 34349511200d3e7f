package io.gradientconnector.templatecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * local/bin/teardown.sh's arguments and plan, with {@code aws} and {@code sam} replaced by stubs that record their
 * arguments and answer like a stack named {@code demo}: nothing here reaches AWS.
 */
class TeardownScriptTest {

    @TempDir
    Path dir;
    private Path calls;

    @BeforeEach
    void stubs() throws IOException {
        calls = dir.resolve("calls.log");
        stub("aws", """
                echo "aws $*" >> "$CALLS"
                case "$*" in
                  *describe-stacks*PartnerSecretPrefix*) echo "demo/partners/" ;;
                  *describe-stacks*TableName*) echo "demo-Table-ABC" ;;
                  *list-secrets*) printf 'demo/partners/p-1\\tdemo/partners/p-2\\tdemo/partners-other/x\\n' ;;
                esac
                """);
        stub("sam", "echo \"sam $*\" >> \"$CALLS\"\n");
    }

    private void stub(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Run(int exit, String output, List<String> calls) {
        List<String> mutating() {
            return calls.stream().filter(c -> !c.contains("describe-stacks") && !c.contains("list-secrets")).toList();
        }
    }

    private Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", CodeScan.repositoryRoot().resolve("local/bin/teardown.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", dir + ":" + System.getenv("PATH"));
        builder.environment().put("CALLS", calls.toString());
        builder.environment().remove("SAM");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "teardown.sh hung");
        List<String> recorded = Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        return new Run(process.exitValue(), output, recorded);
    }

    @Test
    void teardown_shouldFailWithUsage_whenTheStackIsMissingOrArgumentsContradict() throws Exception {
        for (String[] args : List.of(new String[] {}, new String[] {"--stack"}, new String[] {"--stack", "demo", "--what"},
                new String[] {"--stack", "demo", "--keep-data", "--delete-table"},
                new String[] {"--stack", "demo", "--recovery-days", "3"}, new String[] {"--stack", "bad name"})) {
            Run run = run(args);
            assertEquals(2, run.exit(), String.join(" ", args) + "\n" + run.output());
            assertEquals(List.of(), run.calls(), "nothing is called on bad arguments");
        }
    }

    @Test
    void teardown_shouldChangeNothing_whenDryRun() throws Exception {
        Run run = run("--stack", "demo", "--delete-table", "--dry-run");

        assertEquals(0, run.exit(), run.output());
        assertEquals(List.of(), run.mutating(), "a dry run only reads");
        assertTrue(run.output().contains("DRY-RUN: aws secretsmanager delete-secret --secret-id demo/partners/p-1"), run.output());
        assertTrue(run.output().contains("DRY-RUN: sam delete --stack-name demo --no-prompts"), run.output());
        assertTrue(run.output().contains("DRY-RUN: aws dynamodb delete-table --table-name demo-Table-ABC"), run.output());
    }

    @Test
    void teardown_shouldDeleteOnlyThePrefixsSecretsThenTheStack_andKeepTheTable() throws Exception {
        Run run = run("--stack", "demo", "--region", "eu-west-1", "--yes");

        assertEquals(0, run.exit(), run.output());
        assertEquals(List.of(
                "aws --region eu-west-1 secretsmanager delete-secret --secret-id demo/partners/p-1 --recovery-window-in-days 7",
                "aws --region eu-west-1 secretsmanager delete-secret --secret-id demo/partners/p-2 --recovery-window-in-days 7",
                "sam delete --stack-name demo --region eu-west-1 --no-prompts"), run.mutating());
        assertTrue(run.output().contains("is retained"), run.output());
    }

    @Test
    void teardown_shouldKeepEverySecret_whenKeepData() throws Exception {
        Run run = run("--stack", "demo", "--keep-data", "--yes");

        assertEquals(0, run.exit(), run.output());
        assertEquals(List.of("sam delete --stack-name demo --no-prompts"), run.mutating());
        assertFalse(run.calls().stream().anyMatch(c -> c.contains("list-secrets")), "secrets are not even listed");
    }

    @Test
    void teardown_shouldStop_whenTheStackNameIsNotConfirmed() throws Exception {
        Run run = run("--stack", "demo");

        assertEquals(1, run.exit(), run.output());
        assertEquals(List.of(), run.mutating());
    }
}
