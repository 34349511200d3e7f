package io.gradientconnector.templatecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradientconnector.cfn.CfnYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Every function's handler loads from the artifact {@code sam build} produced for it, no artifact carries test code
 * (fakes, fixtures), and each
 * artifact's size is printed (the design asks for it). Not a {@code *Test}: it needs
 * {@code .aws-sam/build}, so {@code make template-check} runs it right after {@code sam build}
 * ({@code -Dtest=DeploymentArtifactsCheck}); each missing or broken handler is named.
 */
class DeploymentArtifactsCheck {

    @Test
    void everyFunction_shouldHaveItsHandlerInItsBuiltArtifact() throws IOException {
        Path root = CodeScan.repositoryRoot();
        Template template = new Template(CfnYaml.load(root.resolve("template.yaml")));
        Path build = root.resolve(".aws-sam/build");
        List<String> problems = new ArrayList<>();
        for (var entry : template.resourcesOfType(Template.FUNCTION).entrySet()) {
            String function = entry.getKey();
            String handler = String.valueOf(entry.getValue().get("Handler"));
            List<Path> jars = jars(build.resolve(function).resolve("lib"));
            if (jars.size() != 1) {
                problems.add(function + ": " + handler + " cannot be checked: expected one jar in .aws-sam/build/"
                        + function + "/lib, found " + jars.size() + " (run sam build)");
                continue;
            }
            Path jar = jars.get(0);
            System.out.printf("%-28s %s %,d bytes%n", function, root.relativize(jar), Files.size(jar));
            problems.addAll(HandlerClasses.problems(function, handler, jar));
            problems.addAll(testCodeIn(function, jar));
        }
        assertEquals(List.of(), problems);
    }

    /** In-memory fakes and test fixtures live in shared's test-jar and must never reach a deployed artifact. */
    static List<String> testCodeIn(String function, Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.startsWith("io/gradientconnector/testing/")
                            || name.startsWith("io/gradientconnector/architecture/")
                            || name.matches("io/gradientconnector/.*/(InMemory|Fake)[^/]*\\.class"))
                    .map(name -> function + ": test code in the artifact: " + name)
                    .toList();
        }
    }

    private static List<Path> jars(Path lib) throws IOException {
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }
}
