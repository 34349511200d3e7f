package io.gradientconnector.templatecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeScanTest {

    @TempDir
    Path root;

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void environmentVariablesRead_shouldCollectConfigLiteralsAndGetenvCalls_butNotOtherConstants() throws IOException {
        write("shared/src/main/java/io/gradientconnector/lambda/Config.java",
                "class Config { String a = env.get(\"TABLE_NAME\"); String b = \"PUSH_MODE\"; String c = \"AWS_ENDPOINT_URL\"; }");
        write("shared/src/main/java/io/gradientconnector/observability/JsonLog.java",
                "class JsonLog { static final String LOG_LEVEL = \"LOG_LEVEL\"; }");
        write("shared/src/main/java/io/gradientconnector/domain/Status.java",
                "class Status { String s = \"NEEDS_KEY\"; String e = System.getenv(\"EXTRA_FLAG\"); }");
        write("functions/work/src/main/java/io/gradientconnector/work/WorkHandler.java",
                "class WorkHandler { String code = \"INVALID_SIGNATURE\"; String v = System.getenv( \"WORK_ONLY\" ); }");

        assertEquals(Set.of("TABLE_NAME", "PUSH_MODE", "LOG_LEVEL", "EXTRA_FLAG", "WORK_ONLY"),
                CodeScan.environmentVariablesRead(root, "functions/work"));
        assertEquals(Set.of("TABLE_NAME", "PUSH_MODE", "LOG_LEVEL", "EXTRA_FLAG"),
                CodeScan.environmentVariablesRead(root, "functions/missing"));
    }

    @Test
    void documentedVariables_shouldReadOnlyTheConfigurationTable() throws IOException {
        write("docs/ARCHITECTURE.md", """
                ## Modules
                | `NOT_THIS` | x |
                ## Configuration (environment variables)
                | variable | used by | default |
                |---|---|---|
                | `TABLE_NAME` | all | required |
                | `GRADIENT_ADD_COUNT_PATH`, `GRADIENT_SUBTRACT_COUNT_PATH` | delta | `/x` |
                | `AWS_ENDPOINT_URL` | local | unset |
                ## DynamoDB
                | `NOR_THIS` | y |
                """);

        assertEquals(Set.of("TABLE_NAME", "GRADIENT_ADD_COUNT_PATH", "GRADIENT_SUBTRACT_COUNT_PATH"),
                CodeScan.documentedVariables(root));
    }

    @Test
    void makefileModules_shouldMapLogicalIdsToModuleDirectories() throws IOException {
        write("Makefile", """
                FUNCTION_MODULE_PartnerKeyFunction          := partner-key
                FUNCTION_MODULE_AccountSyncWorkerFunction   := account-sync
                OTHER := x
                """);

        assertEquals(Map.of("PartnerKeyFunction", "partner-key", "AccountSyncWorkerFunction", "account-sync"),
                CodeScan.makefileModules(root));
    }
}
