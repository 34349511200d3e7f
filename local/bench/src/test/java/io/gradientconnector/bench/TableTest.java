package io.gradientconnector.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void print_shouldAlignColumnsAndFormatValues_whenRowsMixTypes() {
        Table table = new Table("T", "name", "rate", "ok").row("a", 95.049, true).row("longer", 1234.56, false)
                .note("n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("", "== T", "name    rate    ok", "------  ------  ---", "a        95.05  yes",
                "longer  1234.6  no", "  * n"), lines);
    }

    @Test
    void toJson_shouldKeepNumbersAsNumbers_whenWritten() {
        Table table = new Table("T", "n", "x").row("a", 3);

        assertTrue(table.toJson().path("rows").path(0).path("x").isInt());
        assertEquals("a", table.toJson().path("rows").path(0).path("n").asText());
    }

    @Test
    void row_shouldRefuse_whenTheValueCountDiffersFromTheColumns() {
        assertThrows(IllegalArgumentException.class, () -> new Table("T", "a", "b").row(1));
    }
}
