package org.opencrm.core.activity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the intent tags of an activity's body under {@link ActivityTags}' rules and match window.
 * Pure: no I/O. Each tag is listed once, with the first keyword occurrence that counts.
 */
public final class TagMatcher {

    private TagMatcher() {}

    public static List<TagMatch> match(String body, ActivityTags rules) {
        if (body == null || body.isBlank()) {
            return List.of();
        }
        String text = body.toLowerCase(Locale.ROOT);
        List<TagMatch> tags = new ArrayList<>();
        for (ActivityTags.Rule rule : rules.rules()) {
            firstCounted(text, body, rule, rules).ifPresent(tags::add);
        }
        return List.copyOf(tags);
    }

    /** The earliest occurrence of any of the rule's keywords inside the window and not negated. */
    private static Optional<TagMatch> firstCounted(
            String text, String body, ActivityTags.Rule rule, ActivityTags rules) {
        int best = -1;
        String bestKeyword = null;
        for (String keyword : rule.keywords()) {
            int at = firstCountedAt(text, keyword.toLowerCase(Locale.ROOT), rules);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
                bestKeyword = keyword;
            }
        }
        if (best < 0) {
            return Optional.empty();
        }
        return Optional.of(
                new TagMatch(rule.tag(), body.substring(best, best + bestKeyword.length())));
    }

    private static int firstCountedAt(String text, String keyword, ActivityTags rules) {
        int from = 0;
        while (true) {
            int at = text.indexOf(keyword, from);
            if (at < 0 || at >= rules.matchWindowChars()) {
                return -1;
            }
            if (!negated(text, at, rules)) {
                return at;
            }
            from = at + 1;
        }
    }

    /**
     * A negation inside an A-不-A question (能不能, 要不要, 有没有) asks rather than denies: 能不能给个测试账号 is a
     * request for a test account.
     */
    static boolean isQuestionForm(String text, int negationAt) {
        // the same character on both sides of the negation's first one: 要不要, 有没有
        int after = negationAt + 1;
        return negationAt > 0
                && after < text.length()
                && text.charAt(negationAt - 1) == text.charAt(after);
    }

    /**
     * A negation word that ends at most the negation window's characters before {@code at}: with a
     * window of 2, 不先试试, 不想先试试 and 不太想先试试 are negated, 不过我们先试试 is not.
     */
    static boolean negated(String text, int at, ActivityTags rules) {
        String before = text.substring(0, at);
        for (String negation : rules.negations()) {
            int found = before.lastIndexOf(negation.toLowerCase(Locale.ROOT));
            int gap = at - (found + negation.length());
            if (found >= 0 && gap <= rules.negationWindowChars() && !isQuestionForm(text, found)) {
                return true;
            }
        }
        return false;
    }
}
