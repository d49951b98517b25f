package org.opencrm.core.search;

/** How a hit matched the text, best first: the order search results are ranked in. */
public enum Match {
    EXACT(0),
    PREFIX(1),
    PINYIN(2);

    private final int rank;

    Match(int rank) {
        this.rank = rank;
    }

    /** Lower ranks first. */
    public int rank() {
        return rank;
    }

    /** How {@code token} matched {@code text}, a prefix of it by construction of the query. */
    public static Match of(SearchToken token, String text) {
        if (token.kind().pinyin()) {
            return PINYIN;
        }
        return token.value().equals(text) ? EXACT : PREFIX;
    }
}
