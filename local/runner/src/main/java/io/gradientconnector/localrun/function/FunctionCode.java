package io.gradientconnector.localrun.function;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Where a function's code is: its deployment artifact (a shaded jar), or in tests a few class directories. */
public record FunctionCode(List<Path> classpath) {

    public FunctionCode {
        classpath = List.copyOf(classpath);
        if (classpath.isEmpty()) {
            throw new IllegalArgumentException("a function needs at least one classpath entry");
        }
    }

    public static FunctionCode jar(Path jar) {
        return new FunctionCode(List.of(jar));
    }

    String asArgument() {
        return classpath.stream().map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    }
}
