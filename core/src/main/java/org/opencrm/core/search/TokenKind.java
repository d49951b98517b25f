package org.opencrm.core.search;

/**
 * What a search token was made from. Pinyin tokens live in partitions of their own so that a query
 * reads exact and prefix text matches before any pinyin match (the ranking issue 15 asks).
 */
public enum TokenKind {
    NAME(false),
    PHONE(false),
    PHONE_LAST4(false),
    EMAIL(false),
    EXTERNAL_ID(false),
    PINYIN(true),
    PINYIN_INITIALS(true);

    private final boolean pinyin;

    TokenKind(boolean pinyin) {
        this.pinyin = pinyin;
    }

    public boolean pinyin() {
        return pinyin;
    }
}
