package io.gradientconnector.templatecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactTestCodeTest {

    @TempDir
    Path dir;

    @Test
    void testCodeIn_shouldNameFakesAndFixtures_whenAnArtifactCarriesThem() throws IOException {
        Path jar = jar("io/gradientconnector/lambda/Components.class",
                "io/gradientconnector/testing/MutableClock.class",
                "io/gradientconnector/port/InMemoryThing.class",
                "io/gradientconnector/app/usage/FakeGradient$1.class");
        assertEquals(List.of(
                "Fn: test code in the artifact: io/gradientconnector/testing/MutableClock.class",
                "Fn: test code in the artifact: io/gradientconnector/port/InMemoryThing.class",
                "Fn: test code in the artifact: io/gradientconnector/app/usage/FakeGradient$1.class"),
                DeploymentArtifactsCheck.testCodeIn("Fn", jar));
    }

    @Test
    void testCodeIn_shouldFindNothing_whenTheArtifactHoldsOnlyProductionClasses() throws IOException {
        Path jar = jar("io/gradientconnector/lambda/Components.class", "io/gradientconnector/domain/Quantity.class");
        assertEquals(List.of(), DeploymentArtifactsCheck.testCodeIn("Fn", jar));
    }

    private Path jar(String... entries) throws IOException {
        Path jar = dir.resolve("fn.jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
