package io.gradientconnector.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MotoServerIT {

    private static final Path VENV = MotoServer.venvOf(Path.of(System.getProperty("connector.root", ".")));

    @Test
    void start_shouldServeAndStopLeavingNoProcess_whenVenvHasMoto(@TempDir Path dir) throws IOException {
        assertTrue(MotoServer.installedIn(VENV), "run `make venv` first: no moto in " + VENV);
        MotoServer moto = MotoServer.start(VENV, 0, dir.resolve("moto.log"));
        long pid = moto.pid();
        try {
            HttpURLConnection connection = (HttpURLConnection) moto.endpoint().resolve("/moto-api/").toURL()
                    .openConnection();
            assertEquals(200, connection.getResponseCode());
        } finally {
            moto.close();
        }
        assertFalse(moto.isAlive());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void start_shouldNameMakeVenv_whenMotoIsMissing(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectories(dir.resolve("venv"));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MotoServer.start(empty, 0, dir.resolve("moto.log")));

        assertTrue(e.getMessage().contains("make venv"), e.getMessage());
    }
}
