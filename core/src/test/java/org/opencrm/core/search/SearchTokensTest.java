package org.opencrm.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Tokenisation and normalisation, pure: what is indexed and what is asked must meet. */
class SearchTokensTest {

    private static Set<String> values(Set<SearchToken> tokens, TokenKind kind) {
        return tokens.stream()
                .filter(token -> token.kind() == kind)
                .map(SearchToken::value)
                .collect(Collectors.toSet());
    }

    @Test
    void chineseName_isIndexedAsItself_inFullPinyin_andByInitials() {
        // GIVEN the name 张三 WHEN it is tokenised
        Set<SearchToken> tokens = SearchTokens.ofName("张三");

        // THEN it is found by 张三, zhangsan and zs
        assertEquals(Set.of("张三"), values(tokens, TokenKind.NAME));
        assertEquals(Set.of("zhangsan"), values(tokens, TokenKind.PINYIN));
        assertEquals(Set.of("zs"), values(tokens, TokenKind.PINYIN_INITIALS));
    }

    @Test
    void polyphonicCharacter_isIndexedUnderEveryReading() {
        // GIVEN 单, read dan, shan or chan WHEN the name 单丽 is tokenised
        Set<SearchToken> tokens = SearchTokens.ofName("单丽");

        // THEN each reading is a spelling of its own, and so are their initials
        assertTrue(values(tokens, TokenKind.PINYIN).containsAll(Set.of("danli", "shanli")));
        assertTrue(values(tokens, TokenKind.PINYIN_INITIALS).containsAll(Set.of("dl", "sl")));
    }

    @Test
    void spellings_areBounded_forALongNameOfPolyphonicCharacters() {
        // GIVEN a name of eight polyphonic characters (2^8 and more combinations)
        Pinyin.Spellings spellings = Pinyin.of("单单单单单单单单");

        // THEN at most MAX_SPELLINGS of each form are indexed
        assertTrue(spellings.full().size() <= Pinyin.MAX_SPELLINGS);
        assertTrue(spellings.initials().size() <= Pinyin.MAX_SPELLINGS);
        assertTrue(spellings.full().contains("dandandandandandandandan"));
    }

    @Test
    void latinName_hasNoPinyin_butEachWordIsAName() {
        Set<SearchToken> tokens = SearchTokens.ofName("Alice Wang");

        assertEquals(Set.of("alicewang", "alice", "wang"), values(tokens, TokenKind.NAME));
        assertTrue(values(tokens, TokenKind.PINYIN).isEmpty());
    }

    @Test
    void phone_isIndexedAsE164Digits_nationalNumber_andLastFourDigits() {
        Set<SearchToken> tokens = SearchTokens.ofPhone("+8613812345678");

        assertEquals(Set.of("8613812345678", "13812345678"), values(tokens, TokenKind.PHONE));
        assertEquals(Set.of("5678"), values(tokens, TokenKind.PHONE_LAST4));
    }

    @Test
    void phoneTyped_withCountryCodeSpacesOrDashes_normalisesToDigitsTheIndexHolds() {
        Set<String> indexed = values(SearchTokens.ofPhone("+8613812345678"), TokenKind.PHONE);

        for (String typed : List.of("+86 138 1234 5678", "138-1234-5678", "(138) 1234.5678")) {
            assertTrue(
                    indexed.contains(SearchTokens.normaliseText(typed)),
                    typed + " -> " + SearchTokens.normaliseText(typed));
        }
        assertEquals("5678", SearchTokens.normaliseText(" 5678 "));
    }

    @Test
    void email_isMatchedCaseInsensitively() {
        Set<SearchToken> tokens = SearchTokens.ofEmail("Zhang.San@Example.COM");

        assertEquals(Set.of("zhang.san@example.com"), values(tokens, TokenKind.EMAIL));
        assertEquals("zhang.san@example.com", SearchTokens.normaliseText(" ZHANG.San@example.com"));
    }

    @Test
    void text_isLowerCasedWithoutSpaces_andNeverHoldsTheKeySeparator() {
        assertEquals("zhangsan", SearchTokens.normaliseText(" Zhang San "));
        assertFalse(SearchTokens.normaliseText("a#b").contains("#"));
        assertEquals("", SearchTokens.normaliseText("   "));
    }

    @Test
    void match_ranksExactBeforePrefixBeforePinyin() {
        String text = "li";

        Match exact = Match.of(new SearchToken(TokenKind.NAME, "li"), text);
        Match prefix = Match.of(new SearchToken(TokenKind.NAME, "lily"), text);
        Match pinyin = Match.of(new SearchToken(TokenKind.PINYIN, "li"), text);

        assertEquals(Match.EXACT, exact);
        assertEquals(Match.PREFIX, prefix);
        assertEquals(Match.PINYIN, pinyin);
        assertTrue(exact.rank() < prefix.rank() && prefix.rank() < pinyin.rank());
    }
}
