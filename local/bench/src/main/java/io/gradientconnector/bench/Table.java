package io.gradientconnector.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One result table: printed aligned for people, written as JSON ({@code {"title", "notes", "rows": [{column:
 * value}]}}) for tools. Values keep their type in JSON (numbers stay numbers). Not thread-safe.
 */
public final class Table {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String title;
    private final List<String> columns;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Table(String title, String... columns) {
        this.title = title;
        this.columns = List.of(columns);
    }

    /** One row; {@code values} in column order. */
    public Table row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " values, got " + values.length);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            row.put(columns.get(i), values[i]);
        }
        rows.add(row);
        return this;
    }

    public Table note(String text) {
        notes.add(text);
        return this;
    }

    public List<Map<String, Object>> rows() {
        return List.copyOf(rows);
    }

    public void print(PrintStream out) {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).length();
            for (Map<String, Object> row : rows) {
                widths[i] = Math.max(widths[i], format(row.get(columns.get(i))).length());
            }
        }
        out.println();
        out.println("== " + title);
        StringBuilder header = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            header.append(String.format(Locale.ROOT, "%-" + widths[i] + "s  ", columns.get(i)));
            rule.append("-".repeat(widths[i])).append("  ");
        }
        out.println(header.toString().stripTrailing());
        out.println(rule.toString().stripTrailing());
        for (Map<String, Object> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                Object v = row.get(columns.get(i));
                String text = format(v);
                line.append(v instanceof Number ? String.format(Locale.ROOT, "%" + widths[i] + "s  ", text)
                        : String.format(Locale.ROOT, "%-" + widths[i] + "s  ", text));
            }
            out.println(line.toString().stripTrailing());
        }
        notes.forEach(n -> out.println("  * " + n));
    }

    public ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("title", title);
        ArrayNode noteArray = node.putArray("notes");
        notes.forEach(noteArray::add);
        ArrayNode array = node.putArray("rows");
        rows.forEach(r -> array.add(JSON.valueToTree(r)));
        return node;
    }

    /** Writes {@code tables} to {@code file} as {@code {"tables": [...]}} plus {@code extra} fields. */
    public static void write(Path file, Map<String, Object> extra, List<Table> tables) {
        ObjectNode root = JSON.createObjectNode();
        extra.forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
        ArrayNode array = root.putArray("tables");
        tables.forEach(t -> array.add(t.toJson()));
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String format(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Double d) {
            return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%.1f", d) : String.format(Locale.ROOT, "%.2f", d);
        }
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        return value.toString();
    }
}
