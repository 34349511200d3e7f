package io.gradientconnector.templatecheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the code and the build say, read from the source tree (the checks compare it with the template).
 *
 * <p>Environment variables a function reads: by design only {@code Config} (in package
 * {@code io.gradientconnector.lambda}) and the observability setup ({@code LOG_LEVEL},
 * {@code METRICS_NAMESPACE}) read the environment, so every UPPER_SNAKE string literal in those
 * sources is a variable name; anywhere else (the rest of {@code shared}, the function's module) only
 * a direct {@code getenv("X")} counts. Names starting with {@code AWS_} are set by Lambda itself or
 * are local-only ({@code AWS_ENDPOINT_URL}), and {@code POWERTOOLS_*} names are aliases an operator may set
 * by hand to override the template's values: neither is ever required from the template.
 */
final class CodeScan {

    private static final Pattern UPPER_SNAKE_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");
    private static final Pattern GETENV = Pattern.compile("getenv\\(\\s*\"([A-Za-z_][A-Za-z0-9_]*)\"\\s*\\)");
    private static final Pattern MAKEFILE_MODULE = Pattern.compile("(?m)^FUNCTION_MODULE_(\\w+)\\s*:?=\\s*(\\S+)\\s*$");
    private static final Pattern DOC_VARIABLE = Pattern.compile("`([A-Z][A-Z0-9_]+)`");
    static final List<String> ENV_SOURCES = List.of("lambda/Config.java", "observability");

    private CodeScan() {
    }

    static Path repositoryRoot() {
        String root = System.getProperty("connector.root");
        Path path = root == null || root.isBlank() ? Path.of("../..") : Path.of(root);
        if (!Files.isRegularFile(path.resolve("template.yaml"))) {
            throw new IllegalStateException("no template.yaml under " + path.toAbsolutePath()
                    + " (set -Dconnector.root to the repository root)");
        }
        return path;
    }

    /** Environment variables read by {@code shared} plus the function module in {@code moduleDir} (may not exist). */
    static Set<String> environmentVariablesRead(Path root, String moduleDir) {
        Set<String> names = new TreeSet<>();
        Path sharedMain = root.resolve("shared/src/main/java/io/gradientconnector");
        for (String source : ENV_SOURCES) {
            for (Path file : javaFiles(sharedMain.resolve(source))) {
                collect(UPPER_SNAKE_LITERAL, read(file), names);
            }
        }
        for (Path file : javaFiles(root.resolve("shared/src/main/java"))) {
            collect(GETENV, read(file), names);
        }
        if (moduleDir != null) {
            for (Path file : javaFiles(root.resolve(moduleDir).resolve("src/main/java"))) {
                collect(GETENV, read(file), names);
            }
        }
        names.removeIf(CodeScan::notFromTemplate);
        return names;
    }

    /** Variables Lambda sets, local-only ones, and the Powertools aliases operators set by hand. */
    static boolean notFromTemplate(String name) {
        return name.startsWith("AWS_") || name.startsWith("POWERTOOLS_");
    }

    /** The variables named in docs/ARCHITECTURE.md's "Configuration" table, minus AWS_* and POWERTOOLS_* ones. */
    static Set<String> documentedVariables(Path root) {
        Set<String> names = new TreeSet<>();
        boolean inSection = false;
        for (String line : read(root.resolve("docs/ARCHITECTURE.md")).split("\n")) {
            if (line.startsWith("## ")) {
                inSection = line.startsWith("## Configuration");
            } else if (inSection && line.startsWith("| `")) {
                String firstCell = line.substring(1, line.indexOf('|', 1));
                collect(DOC_VARIABLE, firstCell, names);
            }
        }
        names.removeIf(CodeScan::notFromTemplate);
        return names;
    }

    /** LogicalId → module directory name, from the Makefile's {@code FUNCTION_MODULE_<LogicalId> := <dir>} lines. */
    static Map<String, String> makefileModules(Path root) {
        Map<String, String> modules = new LinkedHashMap<>();
        Matcher m = MAKEFILE_MODULE.matcher(read(root.resolve("Makefile")));
        while (m.find()) {
            modules.put(m.group(1), m.group(2));
        }
        return modules;
    }

    static Set<String> scan(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        collect(pattern, text, found);
        return found;
    }

    static Pattern upperSnakeLiteral() {
        return UPPER_SNAKE_LITERAL;
    }

    static Pattern getenv() {
        return GETENV;
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    private static List<Path> javaFiles(Path dir) {
        if (Files.isRegularFile(dir)) {
            return List.of(dir);
        }
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
