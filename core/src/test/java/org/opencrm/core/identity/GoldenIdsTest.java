package org.opencrm.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class GoldenIdsTest {

    private static final byte[] KEY = keyOf(1);
    private static final String PHONE = "+8613812345678";
    private static final String NATIONAL_ID = "11010519491231002X";

    private static byte[] keyOf(int seed) {
        byte[] key = new byte[32];
        IntStream.range(0, key.length).forEach(i -> key[i] = (byte) (seed * 31 + i));
        return key;
    }

    private static String hmacHex(byte[] key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void of_isTheHmacOfPhoneAndNationalId_underTheKey() throws Exception {
        assertEquals(hmacHex(KEY, PHONE + NATIONAL_ID), new GoldenIds(KEY).of(PHONE, NATIONAL_ID));
    }

    @Test
    void of_isTheHmacOfThePhoneAlone_whenNoNationalIdIsKnown() throws Exception {
        assertEquals(hmacHex(KEY, PHONE), new GoldenIds(KEY).of(PHONE, null));
    }

    @Test
    void of_matchesRfc4231TestCase6_soTheHashIsStandardHmacSha256() {
        // RFC 4231 4.7: a 131-byte key of 0xaa; the "phone" is just the test's message here.
        byte[] key = new byte[131];
        Arrays.fill(key, (byte) 0xaa);

        String id =
                new GoldenIds(key)
                        .of("Test Using Larger Than Block-Size Key - Hash Key First", null);

        assertEquals("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", id);
    }

    @Test
    void of_upperCasesTheNationalId_soTheCheckCharacterCaseGivesOneId() throws Exception {
        GoldenIds ids = new GoldenIds(KEY);

        assertEquals(
                hmacHex(KEY, PHONE + NATIONAL_ID),
                ids.of(PHONE, NATIONAL_ID.toLowerCase(Locale.ROOT)));
    }

    @Test
    void of_isStable_forTheSameInput() {
        assertEquals(
                new GoldenIds(KEY).of(PHONE, NATIONAL_ID),
                new GoldenIds(KEY.clone()).of(PHONE, NATIONAL_ID));
    }

    @Test
    void of_differs_whenANationalIdIsAdded() {
        GoldenIds ids = new GoldenIds(KEY);

        assertNotEquals(ids.of(PHONE, null), ids.of(PHONE, NATIONAL_ID));
    }

    @Test
    void of_differs_underADifferentKey() {
        assertNotEquals(
                new GoldenIds(KEY).of(PHONE, NATIONAL_ID),
                new GoldenIds(keyOf(2)).of(PHONE, NATIONAL_ID));
    }

    @Test
    void of_isLowerCaseHexOf32Bytes_neverTheRawNumber() {
        String id = new GoldenIds(KEY).of(PHONE, NATIONAL_ID);

        assertTrue(id.matches("[0-9a-f]{64}"), id);
        assertTrue(!id.contains("13812345678") && !id.contains("1949"), id);
    }

    @Test
    void of_isUnchanged_whenTheCallerLaterOverwritesItsKeyArray() {
        byte[] key = keyOf(1);
        GoldenIds ids = new GoldenIds(key);
        String before = ids.of(PHONE, null);

        Arrays.fill(key, (byte) 0);

        assertEquals(before, ids.of(PHONE, null));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void of_refusesAMissingPhone_becauseThereIsNoGoldenIdWithoutOne(String phone) {
        GoldenIds ids = new GoldenIds(KEY);

        assertThrows(IllegalArgumentException.class, () -> ids.of(phone, NATIONAL_ID));
    }

    private static final String EMAIL = "buyer@example.com";
    private static final String WECHAT = "wx_buyer";
    private static final String RECORD_ID = "6f1c2b4e-0000-4000-8000-000000000001";

    @Test
    void assign_usesThePhoneFormula_whenThereIsAPhone_evenWithOtherContacts() throws Exception {
        GoldenIds.Basis basis = new GoldenIds.Basis(PHONE, EMAIL, WECHAT, NATIONAL_ID, RECORD_ID);

        assertEquals(hmacHex(KEY, PHONE + NATIONAL_ID), new GoldenIds(KEY).assign(basis));
    }

    @Test
    void assign_isTheHmacOfTheEmail_whenThereIsNoPhone() throws Exception {
        GoldenIds.Basis basis = new GoldenIds.Basis(null, EMAIL, WECHAT, null, RECORD_ID);

        assertEquals(hmacHex(KEY, "EMAIL#" + EMAIL + "#"), new GoldenIds(KEY).assign(basis));
    }

    @Test
    void assign_isTheHmacOfTheWechatId_whenThereIsNeitherPhoneNorEmail() throws Exception {
        GoldenIds.Basis basis = new GoldenIds.Basis(null, null, WECHAT, NATIONAL_ID, RECORD_ID);

        assertEquals(
                hmacHex(KEY, "WECHAT#" + WECHAT + "#" + NATIONAL_ID),
                new GoldenIds(KEY).assign(basis));
    }

    @Test
    void assign_derivesFromTheRecordId_whenThereIsNoContactAtAll() throws Exception {
        GoldenIds.Basis basis = new GoldenIds.Basis(null, " ", null, NATIONAL_ID, RECORD_ID);

        assertEquals(hmacHex(KEY, "RECORD#" + RECORD_ID), new GoldenIds(KEY).assign(basis));
    }

    @Test
    void assign_givesDifferentIds_forTheSameTextAsEmailAndAsWechatId() {
        GoldenIds ids = new GoldenIds(KEY);
        String same = "buyer";

        assertNotEquals(
                ids.assign(new GoldenIds.Basis(null, same, null, null, RECORD_ID)),
                ids.assign(new GoldenIds.Basis(null, null, same, null, RECORD_ID)));
    }

    @Test
    void ofRecord_differsForEveryRecord_andRefusesAMissingId() {
        GoldenIds ids = new GoldenIds(KEY);

        assertNotEquals(ids.ofRecord("record-a"), ids.ofRecord("record-b"));
        assertThrows(IllegalArgumentException.class, () -> ids.ofRecord(null));
    }

    @Test
    void constructor_refusesKeysShorterThan32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> new GoldenIds(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> new GoldenIds(null));
    }
}
