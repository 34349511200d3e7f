package io.gradientconnector.localrun.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FunctionArtifactsTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void artifact_shouldFollowTheMakefilesModuleLines_whenFunctionIsMapped() {
        FunctionArtifacts artifacts = FunctionArtifacts.parse(ROOT, """
                FUNCTION_MODULE_PartnerKeyFunction          := partner-key
                FUNCTION_MODULE_AccountSyncWorkerFunction   := account-sync
                """);

        assertEquals(Optional.of(ROOT.resolve("functions/partner-key/target/partner-key.jar")),
                artifacts.artifact("PartnerKeyFunction"));
        assertEquals(Optional.of(ROOT.resolve("functions/account-sync/target/account-sync.jar")),
                artifacts.artifact("AccountSyncWorkerFunction"));
        assertTrue(artifacts.code("PartnerKeyFunction").isEmpty(), "nothing is built under /repo");
        assertEquals("functions/partner-key/target/partner-key.jar is not built (run `make build`)",
                artifacts.whyMissing("PartnerKeyFunction"));
    }

    @Test
    void whyMissing_shouldNameTheMakefileLine_whenFunctionIsNotMapped() {
        FunctionArtifacts artifacts = FunctionArtifacts.parse(ROOT, "");

        assertEquals(Optional.empty(), artifacts.artifact("Other"));
        assertEquals("the Makefile has no FUNCTION_MODULE_Other line", artifacts.whyMissing("Other"));
    }

    @Test
    void fromMakefile_shouldMapEveryFunctionOfTheRepository_whenReadingTheRealMakefile() {
        FunctionArtifacts artifacts = FunctionArtifacts.fromMakefile(Path.of(System.getProperty("connector.root",
                "../..")));

        for (String id : new String[] {"PartnerKeyFunction", "VendorEventsFunction", "UsagePushFunction",
                "AccountSyncScheduleFunction", "AccountSyncWorkerFunction"}) {
            assertTrue(artifacts.artifact(id).isPresent(), id);
        }
    }
}
