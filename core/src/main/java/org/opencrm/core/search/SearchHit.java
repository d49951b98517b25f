package org.opencrm.core.search;

/**
 * One record a search found, as the hit list shows it.
 *
 * @param matchedBy the kind of token that matched (NAME, PINYIN_INITIALS, PHONE_LAST4, …)
 * @param match how it matched: the rank, exact before prefix before pinyin
 */
public record SearchHit(
        SearchType type,
        String id,
        String title,
        String subtitle,
        TokenKind matchedBy,
        Match match,
        String matchedToken) {

    /**
     * Where this hit sorts in the ranked list, and its cursor: rank, then the matched token (a
     * shorter, closer token first), then type and id so the order is total and stable between
     * pages. Parts are joined by a space: it sorts below every character a token holds, so a
     * shorter token comes first, and a cursor carries no control character (which cursors refuse).
     */
    String rankKey() {
        return match.rank() + " " + matchedToken + " " + type + " " + id;
    }
}
