package org.opencrm.core.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.paging.PageRequest;

/**
 * The limits every input meets before any store sees it (issue 18): what an id is, how long a text
 * may be, which characters are refused, how many items a list may hold. Pure. The GraphQL layer
 * applies them to every argument of every field ({@code InputGuard}), the HTTP routes to their path
 * and query parameters; the domain's own rules (a name of at most 100 characters, a phone number)
 * come after and are narrower.
 *
 * <p>The ceilings are chosen so that no value that passes can make a DynamoDB key the service
 * refuses (an empty key attribute, a partition key over 2,048 bytes, a sort key over 1,024): an id
 * or a short text has at most 256 UTF-16 units, at most 768 UTF-8 bytes, which leaves room for any
 * prefix {@code Keys} adds.
 */
public final class InputRules {

    /** Ids: 1 to 256 characters (a UUID is 36, a notification id with its cause about 150). */
    public static final int ID_MAX = 256;

    /** Any text not named a long text: names, regions, channels, codes, numbers, dates. */
    public static final int SHORT_TEXT_MAX = 256;

    /** Notes, remarks, bodies, reasons: above every domain limit (the longest is 4,000). */
    public static final int LONG_TEXT_MAX = 10_000;

    /**
     * A document sent inline (a CSV import): above the 1 MB the import itself allows in bytes, so
     * the import's own rule ({@code maxBytes}) answers files between the two.
     */
    public static final int DOCUMENT_MAX = 2 * 1024 * 1024;

    /** An opaque list cursor ({@code after}); a customer's timeline cursor nests its sources'. */
    public static final int CURSOR_MAX = 2_048;

    /** Items in any list argument (the longest domain list, ingestLeads' records, is 500). */
    public static final int LIST_MAX = 500;

    /** Nesting of a JSON argument (configuration values, lead records). */
    public static final int JSON_DEPTH_MAX = 32;

    /** The characters an id may hold, as the rule's limit: no control, format, or space. */
    public static final String ID_CHARACTERS = "[^\\p{C}\\p{Z}]";

    /** The characters a text may not hold: control characters but tab and line breaks. */
    public static final String TEXT_CHARACTERS = "[^\\p{Cc}\\p{Cs}]|[\\t\\n\\r]";

    /**
     * Texts allowed more than {@link #SHORT_TEXT_MAX}, by argument or input field name: a name not
     * listed here is a short text, so a new field is bounded before anyone thinks of it.
     */
    private static final Map<String, Integer> TEXT_LIMITS =
            Map.ofEntries(
                    Map.entry("after", CURSOR_MAX),
                    Map.entry("csv", DOCUMENT_MAX),
                    Map.entry("body", LONG_TEXT_MAX),
                    Map.entry("changeNote", LONG_TEXT_MAX),
                    Map.entry("customerWords", LONG_TEXT_MAX),
                    Map.entry("nextStep", LONG_TEXT_MAX),
                    Map.entry("note", LONG_TEXT_MAX),
                    Map.entry("reason", LONG_TEXT_MAX),
                    Map.entry("remark", LONG_TEXT_MAX),
                    Map.entry("resolution", LONG_TEXT_MAX),
                    Map.entry("serviceNotes", LONG_TEXT_MAX),
                    Map.entry("text", LONG_TEXT_MAX));

    /** Whole numbers bounded by name: {@code first} is a page size, as {@code PageRequest}'s. */
    private static final Map<String, long[]> NUMBER_RANGES =
            Map.of("first", new long[] {1, PageRequest.MAX_SIZE});

    private InputRules() {}

    /** The most characters a text argument or input field called {@code name} may hold. */
    public static int textLimit(String name) {
        return TEXT_LIMITS.getOrDefault(name, SHORT_TEXT_MAX);
    }

    /** {@link #text(String, String, int)} with the limit {@code name} has. */
    public static List<FieldProblem> text(String field, String name, String value) {
        return text(field, value, textLimit(name));
    }

    /** A whole number checked against the range its {@code name} has, if any. */
    public static Optional<FieldProblem> number(String field, String name, long value) {
        long[] range = NUMBER_RANGES.get(name);
        return range == null ? Optional.empty() : range(field, value, range[0], range[1]);
    }

    /** An id: present, at most {@link #ID_MAX} characters, visible characters only. */
    public static List<FieldProblem> id(String field, String value) {
        List<FieldProblem> problems = new ArrayList<>();
        if (value.isEmpty()) {
            problems.add(new FieldProblem(field, "minLength", "must not be empty", 1));
            return problems;
        }
        if (value.length() > ID_MAX) {
            problems.add(FieldProblem.tooLong(field, ID_MAX, value.length()));
            return problems;
        }
        firstInvisible(value)
                .ifPresent(
                        at ->
                                problems.add(
                                        new FieldProblem(
                                                field,
                                                "characters",
                                                "an id holds visible characters only, no space,"
                                                        + " control or format character (found "
                                                        + describe(value, at)
                                                        + ")",
                                                ID_CHARACTERS)));
        return problems;
    }

    /**
     * A text: at most {@code max} characters, no control character but tab and line breaks, no
     * unpaired surrogate (it has no UTF-8 form, so no store could keep it as sent).
     */
    public static List<FieldProblem> text(String field, String value, int max) {
        List<FieldProblem> problems = new ArrayList<>();
        if (value.length() > max) {
            problems.add(FieldProblem.tooLong(field, max, value.length()));
            return problems;
        }
        problems.addAll(characters(field, value));
        return problems;
    }

    /**
     * The characters rule of a text alone, whatever its length: for texts that arrive in other
     * shapes than arguments (a webhook's lead record), whose lengths the domain bounds itself.
     */
    public static List<FieldProblem> characters(String field, String value) {
        return firstRefusedInText(value)
                .map(
                        at ->
                                List.of(
                                        new FieldProblem(
                                                field,
                                                "characters",
                                                "no control character but tab and line breaks, no"
                                                        + " unpaired surrogate (found "
                                                        + describe(value, at)
                                                        + ")",
                                                TEXT_CHARACTERS)))
                .orElse(List.of());
    }

    /** A list of at most {@code max} items. */
    public static Optional<FieldProblem> listSize(String field, int size, int max) {
        if (size <= max) {
            return Optional.empty();
        }
        return Optional.of(
                new FieldProblem(field, "maxItems", "at most " + max + " items, got " + size, max));
    }

    /** A whole number within {@code [min, max]}. */
    public static Optional<FieldProblem> range(String field, long value, long min, long max) {
        if (value >= min && value <= max) {
            return Optional.empty();
        }
        return Optional.of(
                new FieldProblem(
                        field,
                        "range",
                        "must be between " + min + " and " + max + ", got " + value,
                        max));
    }

    /**
     * A JSON value as plain Java values (maps, lists, strings, numbers, booleans): nested at most
     * {@link #JSON_DEPTH_MAX} deep, every string and key a text of at most {@link #DOCUMENT_MAX}
     * characters. The first problem is reported, with its path inside the value; what the value
     * means is the domain's to check.
     */
    public static Optional<FieldProblem> json(String field, Object value) {
        return json(field, value, 1);
    }

    private static Optional<FieldProblem> json(String at, Object value, int depth) {
        if (depth > JSON_DEPTH_MAX) {
            return Optional.of(
                    new FieldProblem(
                            at,
                            "maxDepth",
                            "nested at most " + JSON_DEPTH_MAX + " levels deep",
                            JSON_DEPTH_MAX));
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                String inner = at + "." + key;
                Optional<FieldProblem> found =
                        first(text(at, key, DOCUMENT_MAX))
                                .or(() -> json(inner, entry.getValue(), depth + 1));
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Optional<FieldProblem> found = json(at + "." + i, list.get(i), depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        return value instanceof String string
                ? first(text(at, string, DOCUMENT_MAX))
                : Optional.empty();
    }

    private static Optional<FieldProblem> first(List<FieldProblem> problems) {
        return problems.stream().findFirst();
    }

    /** Throws the problems of {@link #id} as one validation failure; for single path parameters. */
    public static String requireId(String field, String value) {
        List<FieldProblem> problems = id(field, value == null ? "" : value);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return value;
    }

    /** Whether {@code value} is an id {@link #id} accepts. */
    public static boolean isId(String value) {
        return value != null && id("id", value).isEmpty();
    }

    private static Optional<Integer> firstInvisible(String value) {
        for (int at = 0; at < value.length(); ) {
            int codePoint = value.codePointAt(at);
            if (!isVisible(codePoint)) {
                return Optional.of(at);
            }
            at += Character.charCount(codePoint);
        }
        return Optional.empty();
    }

    private static boolean isVisible(int codePoint) {
        int type = Character.getType(codePoint);
        return switch (type) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED,
                    Character.SPACE_SEPARATOR,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR ->
                    false;
            default -> true;
        };
    }

    private static Optional<Integer> firstRefusedInText(String value) {
        for (int at = 0; at < value.length(); at++) {
            char c = value.charAt(at);
            if (Character.isHighSurrogate(c)
                    && at + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(at + 1))) {
                at++; // a pair: one supplementary character
                continue;
            }
            if (Character.isSurrogate(c) || isRefusedControl(c)) {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    private static boolean isRefusedControl(char c) {
        return Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r';
    }

    /** The refused character by code and position, never the character itself. */
    private static String describe(String value, int at) {
        return String.format("U+%04X at %d", value.codePointAt(at), at);
    }
}
