package org.postroom.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a command's answer goes, as aligned text or as JSON. Commands hand it values; only this class decides
 * how they look, so the two formats say the same thing.
 */
final class Output {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintWriter out;
    private final DataOptions.Format format;

    Output(PrintWriter out, DataOptions.Format format) {
        this.out = out;
        this.format = format;
    }

    boolean isJson() {
        return format == DataOptions.Format.JSON;
    }

    /** The answer: {@code json} printed as JSON, or {@code text} as a line. */
    void result(Object json, String text) {
        if (isJson()) json(json);
        else line(text);
    }

    void json(Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    void line(String text) {
        out.println(text);
    }

    /** Columns padded to their widest cell, two spaces apart; the last column is not padded. */
    void table(List<String> headers, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        int[] widths = new int[headers.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) widths[i] = Math.max(widths[i], row.get(i).length());
        }
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) line.append("  ");
                line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** {@code name:  value} lines with the values aligned, for one thing shown in full. */
    void fields(List<List<String>> pairs) {
        int width = pairs.stream().mapToInt(p -> p.getFirst().length()).max().orElse(0) + 1;
        for (List<String> pair : pairs) out.println((pad(pair.get(0) + ":", width) + "  " + pair.get(1)).stripTrailing());
    }

    void flush() {
        out.flush();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
