package io.gradientconnector.templatecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandlerClassesTest {

    @TempDir
    Path dir;

    /** A jar holding this test's own fixture class under its real name. */
    private Path jarWith(Class<?> type) throws IOException {
        Path jar = dir.resolve("fixture.jar");
        String entry = type.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
             var in = type.getClassLoader().getResourceAsStream(entry)) {
            jarOut.putNextEntry(new JarEntry(entry));
            in.transferTo(jarOut);
            jarOut.closeEntry();
        }
        return jar;
    }

    public static class FixtureHandler {
        public FixtureHandler() {
        }

        public String handleRequest(String input) {
            return input;
        }
    }

    @Test
    void problems_shouldBeEmpty_whenTheHandlerLoadsFromTheJar() throws IOException {
        Path jar = jarWith(FixtureHandler.class);

        assertEquals(List.of(), HandlerClasses.problems("Fn", FixtureHandler.class.getName() + "::handleRequest", jar));
    }

    @Test
    void problems_shouldNameTheClass_whenItIsNotInTheJar() throws IOException {
        Path jar = jarWith(FixtureHandler.class);

        assertEquals(List.of("Fn: io.gradientconnector.missing.Handler is not in " + jar),
                HandlerClasses.problems("Fn", "io.gradientconnector.missing.Handler::handleRequest", jar));
    }

    @Test
    void problems_shouldNameTheMethod_whenTheHandlerMethodIsMissing() throws IOException {
        Path jar = jarWith(FixtureHandler.class);

        List<String> problems = HandlerClasses.problems("Fn", FixtureHandler.class.getName() + "::handle", jar);

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).endsWith("has no public instance method handle"));
    }

    @Test
    void problems_shouldNameClassAndJar_whenTheJarWasNotBuilt() {
        Path jar = dir.resolve("absent.jar");

        List<String> problems = HandlerClasses.problems("Fn", "io.gradientconnector.x.XHandler::handleRequest", jar);

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("Fn: io.gradientconnector.x.XHandler cannot be checked: " + jar));
    }
}
