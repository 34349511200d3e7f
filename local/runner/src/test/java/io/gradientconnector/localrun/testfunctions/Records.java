package io.gradientconnector.localrun.testfunctions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Test functions run in their own JVMs; they leave what they saw as lines in {@code $RECORD_DIR/<name>.log}. */
final class Records {

    private Records() {
    }

    static synchronized void append(String file, String line) {
        String dir = System.getenv("RECORD_DIR");
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(dir).resolve(file), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
