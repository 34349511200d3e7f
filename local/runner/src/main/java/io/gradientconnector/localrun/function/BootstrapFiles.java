package io.gradientconnector.localrun.function;

import io.gradientconnector.localrun.bootstrap.FunctionBootstrap;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The classpath of every function JVM, written once to a temporary directory: the bootstrap classes (package
 * {@code ...localrun.bootstrap}, copied out of the runner's own jar or classes directory) and the two Lambda runtime
 * jars the runner carries as resources ({@code aws-lambda-java-core}, {@code aws-lambda-java-serialization}). The
 * function's own artifact is loaded by the bootstrap in a child class loader, like Lambda does, so the runner's
 * libraries never mix with the function's. {@link #close()} deletes the directory. Immutable after creation.
 */
public final class BootstrapFiles implements AutoCloseable {

    private static final String PACKAGE_PATH = FunctionBootstrap.class.getPackageName().replace('.', '/') + "/";
    private static final List<String> RUNTIME_JARS = List.of("aws-lambda-java-core.jar",
            "aws-lambda-java-serialization.jar");

    private final Path directory;
    private final String classpath;

    private BootstrapFiles(Path directory, String classpath) {
        this.directory = directory;
        this.classpath = classpath;
    }

    public static BootstrapFiles extract() {
        try {
            Path directory = Files.createTempDirectory("local-runner-bootstrap-");
            Path classes = Files.createDirectories(directory.resolve("classes"));
            copyBootstrapClasses(classes);
            StringBuilder classpath = new StringBuilder(classes.toString());
            for (String jar : RUNTIME_JARS) {
                try (InputStream in = BootstrapFiles.class.getResourceAsStream("/local-runtime/" + jar)) {
                    if (in == null) {
                        throw new IllegalStateException("the runner was built without /local-runtime/" + jar
                                + " (mvn package copies it)");
                    }
                    Path target = directory.resolve(jar);
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    classpath.append(File.pathSeparator).append(target);
                }
            }
            return new BootstrapFiles(directory, classpath.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the function bootstrap files", e);
        }
    }

    /** The {@code -cp} of a function JVM. */
    public String classpath() {
        return classpath;
    }

    public String mainClass() {
        return FunctionBootstrap.class.getName();
    }

    private static void copyBootstrapClasses(Path target) throws IOException {
        Path source;
        try {
            source = Path.of(FunctionBootstrap.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the runner's classes", e);
        }
        Path packageDirectory = Files.createDirectories(target.resolve(PACKAGE_PATH));
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.list(source.resolve(PACKAGE_PATH))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    Files.copy(file, packageDirectory.resolve(file.getFileName().toString()));
                }
            }
            return;
        }
        try (JarFile jar = new JarFile(source.toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                if (name.startsWith(PACKAGE_PATH) && name.endsWith(".class") && name.indexOf('/', PACKAGE_PATH.length()) < 0) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, packageDirectory.resolve(name.substring(PACKAGE_PATH.length())));
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A temporary directory left behind is harmless; shutting down matters more.
        }
    }
}
