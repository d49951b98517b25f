package org.opencrm.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a handler printed on stdout while it ran, where Lambda (and the local cloud's console) take
 * the log and EMF lines from: the raw text and its JSON lines.
 */
record ConsoleLines<T>(T result, String text, List<JsonNode> json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static synchronized <T> ConsoleLines<T> during(Supplier<T> work) {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        T result;
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            result = work.get();
        } finally {
            System.setOut(console);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        List<JsonNode> json = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("{")) {
                json.add(parse(line));
            }
        }
        return new ConsoleLines<>(result, text, json);
    }

    /** The one log line of a unit of work (the one with a {@code kind}). */
    JsonNode workLine() {
        return only(line -> line.has("kind"), "log line with a kind");
    }

    /** The one EMF metrics line. */
    JsonNode metricsLine() {
        return only(line -> line.has("_aws"), "EMF line");
    }

    private JsonNode only(Predicate<JsonNode> wanted, String what) {
        List<JsonNode> found = json.stream().filter(wanted).toList();
        if (found.size() != 1) {
            throw new AssertionError(
                    "expected one " + what + ", found " + found.size() + " in:\n" + text);
        }
        return found.get(0);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException notJson) {
            throw new AssertionError("a console line is not JSON: " + line, notJson);
        }
    }
}
