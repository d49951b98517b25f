package org.opencrm.core.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * The pinyin spellings of a text, as people type it: every reading of a polyphonic character (单 is
 * dan, shan and chan), toneless, ü as v. Pure. The combinations of a long name with many polyphonic
 * characters grow fast, so they are bounded ({@link #MAX_SPELLINGS}): the first readings pinyin4j
 * gives (the common ones) are combined first.
 */
public final class Pinyin {

    /** At most this many full spellings (and as many initials) per text. */
    public static final int MAX_SPELLINGS = 16;

    private static final HanyuPinyinOutputFormat FORMAT = format();

    private Pinyin() {}

    /** Both forms of one text: full spellings (zhangsan) and initials (zs). */
    public record Spellings(Set<String> full, Set<String> initials) {}

    /** Whether the text holds a Han character at all; pinyin of anything else is itself. */
    public static boolean hasHan(String text) {
        return text.codePoints()
                .anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    public static Spellings of(String text) {
        List<String> full = List.of("");
        List<String> initials = List.of("");
        for (int i = 0; i < text.length(); i++) {
            List<String> readings = readings(text.charAt(i));
            full = combine(full, readings, false);
            initials = combine(initials, readings, true);
        }
        return new Spellings(new LinkedHashSet<>(full), new LinkedHashSet<>(initials));
    }

    private static List<String> combine(List<String> heads, List<String> readings, boolean first) {
        Set<String> out = new LinkedHashSet<>();
        for (String reading : readings) {
            String tail = first && !reading.isEmpty() ? reading.substring(0, 1) : reading;
            for (String head : heads) {
                if (out.size() >= MAX_SPELLINGS) {
                    return new ArrayList<>(out);
                }
                out.add(head + tail);
            }
        }
        return new ArrayList<>(out);
    }

    /** The character's distinct readings; a non-Han character reads as itself, lower-cased. */
    private static List<String> readings(char c) {
        String[] readings;
        try {
            readings = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
        } catch (BadHanyuPinyinOutputFormatCombination impossible) {
            // FORMAT is a fixed, valid combination (toneless with v)
            throw new IllegalStateException(impossible);
        }
        if (readings == null || readings.length == 0) {
            return List.of(String.valueOf(c).toLowerCase(Locale.ROOT));
        }
        return List.copyOf(new LinkedHashSet<>(List.of(readings)));
    }

    private static HanyuPinyinOutputFormat format() {
        HanyuPinyinOutputFormat format = new HanyuPinyinOutputFormat();
        format.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        format.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        format.setVCharType(HanyuPinyinVCharType.WITH_V);
        return format;
    }
}
