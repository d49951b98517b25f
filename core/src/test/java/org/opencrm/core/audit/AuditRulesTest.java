package org.opencrm.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

class AuditRulesTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-23T10:00:00Z");

    private static Map<String, AttributeValue> customer(
            String name, long version, boolean archived, String actor) {
        return Map.of(
                "id", AttributeValue.fromS("c-1"),
                "entityType", AttributeValue.fromS("CUSTOMER"),
                "name", AttributeValue.fromS(name),
                "version", AttributeValue.fromN(Long.toString(version)),
                "archived", AttributeValue.fromBool(archived),
                "ownerKey", AttributeValue.fromS("rep-1#" + (archived ? "X" : "A")),
                "updatedAt", AttributeValue.fromS("2026-11-23T09:0" + version + ":00Z"),
                "updatedBy", AttributeValue.fromS(actor),
                "requestId", AttributeValue.fromS("req-" + version),
                "sourceIp", AttributeValue.fromS("10.0.0." + version));
    }

    private static Record record(
            OperationType type,
            Map<String, AttributeValue> before,
            Map<String, AttributeValue> after) {
        StreamRecord.Builder change =
                StreamRecord.builder().keys(Map.of("id", AttributeValue.fromS("c-1")));
        if (before != null) {
            change.oldImage(before);
        }
        if (after != null) {
            change.newImage(after);
        }
        return Record.builder().eventID("evt-1").eventName(type).dynamodb(change.build()).build();
    }

    @Test
    void entryFor_recordsActorAddressRequestAndTime_fromTheWritesStamp() {
        AuditEntry entry =
                AuditRules.entryFor(
                        record(
                                OperationType.MODIFY,
                                customer("Li Lei", 1, false, "rep-1"),
                                customer("Li Lei Jr", 2, false, "lead-1")),
                        RECEIVED);

        assertEquals("evt-1", entry.eventId());
        assertEquals("CUSTOMER", entry.entityType());
        assertEquals("c-1", entry.entityId());
        assertEquals(AuditOperation.UPDATE, entry.operation());
        assertEquals("lead-1", entry.actorId());
        assertEquals("10.0.0.2", entry.sourceIp());
        assertEquals("req-2", entry.requestId());
        assertEquals(Instant.parse("2026-11-23T09:02:00Z"), entry.at());
    }

    @Test
    void entryFor_listsOnlyDomainFieldsThatChanged_leavingOutBookkeepingAndIndexKeys() {
        AuditEntry entry =
                AuditRules.entryFor(
                        record(
                                OperationType.MODIFY,
                                customer("Li Lei", 1, false, "rep-1"),
                                customer("Li Lei Jr", 2, false, "lead-1")),
                        RECEIVED);

        assertEquals(List.of(new FieldChange("name", "Li Lei", "Li Lei Jr")), entry.changes());
    }

    @Test
    void entryFor_callsAnArchivingUpdateAnArchive() {
        AuditEntry entry =
                AuditRules.entryFor(
                        record(
                                OperationType.MODIFY,
                                customer("Li Lei", 1, false, "rep-1"),
                                customer("Li Lei", 2, true, "rep-1")),
                        RECEIVED);

        assertEquals(AuditOperation.ARCHIVE, entry.operation());
        assertEquals(List.of(new FieldChange("archived", "false", "true")), entry.changes());
    }

    @Test
    void entryFor_listsEveryFieldOfANewRecordWithoutBefore() {
        AuditEntry entry =
                AuditRules.entryFor(
                        record(OperationType.INSERT, null, customer("Li Lei", 1, false, "rep-1")),
                        RECEIVED);

        assertEquals(AuditOperation.CREATE, entry.operation());
        assertEquals(
                List.of(
                        new FieldChange("archived", null, "false"),
                        new FieldChange("id", null, "c-1"),
                        new FieldChange("name", null, "Li Lei")),
                entry.changes());
    }

    @Test
    void entryFor_attributesTtlRemovalToTheSystem() {
        Record expired =
                record(OperationType.REMOVE, customer("Li Lei", 3, false, "rep-1"), null)
                        .toBuilder()
                        .userIdentity(
                                Identity.builder()
                                        .type("Service")
                                        .principalId("dynamodb.amazonaws.com")
                                        .build())
                        .build();

        AuditEntry entry = AuditRules.entryFor(expired, RECEIVED);

        assertEquals(AuditOperation.EXPIRE, entry.operation());
        assertEquals("system:ttl", entry.actorId());
        assertNull(entry.sourceIp());
        assertEquals(RECEIVED, entry.at());
    }

    @Test
    void render_writesListsAndMapsAsJson() {
        AttributeValue tags =
                AttributeValue.fromL(
                        List.of(AttributeValue.fromS("vip"), AttributeValue.fromN("3")));

        assertEquals("[\"vip\",3]", AuditRules.render(tags));
    }

    @Test
    void entryFor_keepsTheVersionOfTheChange() {
        AuditEntry entry =
                AuditRules.entryFor(
                        record(
                                OperationType.MODIFY,
                                customer("Li Lei", 4, false, "rep-1"),
                                customer("Li Lei Jr", 5, false, "rep-1")),
                        RECEIVED);

        assertEquals(5L, entry.version());
        assertFalse(entry.raw());
    }

    @Test
    void entryFor_writesARawEntry_whenTheRecordHasNoKeys() {
        // GIVEN a modification whose stream record lost its keys
        Record keyless =
                Record.builder()
                        .eventID("evt-9")
                        .eventName(OperationType.MODIFY)
                        .dynamodb(
                                StreamRecord.builder()
                                        .sequenceNumber("900")
                                        .approximateCreationDateTime(RECEIVED.minusSeconds(5))
                                        .newImage(customer("Li Lei", 2, false, "rep-1"))
                                        .build())
                        .build();

        // WHEN it is turned into an entry
        AuditEntry entry = AuditRules.entryFor(keyless, RECEIVED);

        // THEN it is a raw entry that keeps the image, filed under the id the image names
        assertTrue(entry.raw());
        assertEquals("evt-9", entry.eventId());
        assertEquals(List.of(), entry.changes());
        assertEquals(RECEIVED.minusSeconds(5), entry.at());
        assertTrue(entry.rawJson().contains("no keys"), entry.rawJson());
        assertTrue(entry.rawJson().contains("\"name\":\"Li Lei\""), entry.rawJson());
    }

    @Test
    void entryFor_writesARawEntry_whenTheStampCannotBeParsed() {
        Map<String, AttributeValue> badStamp =
                new java.util.HashMap<>(customer("Li Lei", 2, false, "rep-1"));
        badStamp.put("updatedAt", AttributeValue.fromS("yesterday-ish"));

        AuditEntry entry =
                AuditRules.entryFor(
                        record(
                                OperationType.MODIFY,
                                customer("Li Lei", 1, false, "rep-1"),
                                badStamp),
                        RECEIVED);

        assertTrue(entry.raw());
        assertEquals("c-1", entry.entityId());
        assertEquals(AuditOperation.UPDATE, entry.operation());
        assertEquals(2L, entry.version());
        assertTrue(entry.rawJson().contains("yesterday-ish"), entry.rawJson());
    }

    @Test
    void entryFor_writesARawEntry_whenTheVersionIsNotANumber() {
        Map<String, AttributeValue> oddVersion =
                new java.util.HashMap<>(customer("Li Lei", 2, false, "rep-1"));
        oddVersion.put("version", AttributeValue.fromS("two"));

        AuditEntry entry =
                AuditRules.entryFor(record(OperationType.INSERT, null, oddVersion), RECEIVED);

        assertTrue(entry.raw());
        assertEquals(AuditOperation.CREATE, entry.operation());
        assertNull(entry.version());
        assertTrue(entry.rawJson().contains("version is not a whole number"), entry.rawJson());
    }

    @Test
    void entryFor_writesARawEntryUnderItsSequenceNumber_whenTheRecordHasNoEventIdOrOperation() {
        Record anonymous =
                Record.builder()
                        .eventName("TRUNCATE")
                        .dynamodb(
                                StreamRecord.builder()
                                        .sequenceNumber("777")
                                        .keys(Map.of("id", AttributeValue.fromS("c-1")))
                                        .build())
                        .build();

        AuditEntry entry = AuditRules.entryFor(anonymous, RECEIVED);

        assertTrue(entry.raw());
        assertEquals("raw#777", entry.eventId());
        assertEquals(AuditOperation.UNKNOWN, entry.operation());
        assertEquals("c-1", entry.entityId());
        assertEquals(RECEIVED, entry.at());
    }

    @Test
    void isAudited_keepsARecordWithoutImages_soItGetsARawRow() {
        Record imageless =
                Record.builder()
                        .eventID("evt-3")
                        .eventName(OperationType.MODIFY)
                        .dynamodb(
                                StreamRecord.builder()
                                        .keys(Map.of("id", AttributeValue.fromS("c-1")))
                                        .build())
                        .build();

        assertTrue(AuditRules.isAudited(imageless));
        assertTrue(AuditRules.entryFor(imageless, RECEIVED).raw());
    }

    @Test
    void isAudited_leavesOutWorkingItemsWithoutAnEntityType() {
        Record chunk =
                record(
                        OperationType.INSERT,
                        null,
                        Map.of(
                                "id",
                                AttributeValue.fromS("chunk-1"),
                                "rows",
                                AttributeValue.fromS("a,b")));

        assertFalse(AuditRules.isAudited(chunk));
    }

    @Test
    void entryFor_leavesTheValuesOut_whenTheRowWouldExceedTheItemSizeLimit() {
        // GIVEN a change of a field whose value alone is about 200 KB of Chinese text (3 bytes a
        // character), before and after: a diff of some 1.2 MB
        Map<String, AttributeValue> before =
                new java.util.HashMap<>(customer("Li Lei", 1, false, "rep-1"));
        Map<String, AttributeValue> after =
                new java.util.HashMap<>(customer("Li Lei", 2, false, "rep-1"));
        before.put("remark", AttributeValue.fromS("备".repeat(200_000)));
        after.put("remark", AttributeValue.fromS("注".repeat(200_000)));

        AuditEntry entry =
                AuditRules.entryFor(record(OperationType.MODIFY, before, after), RECEIVED);

        // THEN a raw row naming the change, small enough to store
        assertTrue(entry.raw());
        assertEquals("c-1", entry.entityId());
        assertEquals(2L, entry.version());
        assertTrue(entry.rawJson().contains("exceed"), entry.rawJson());
        assertTrue(entry.rawJson().length() < 1000);
    }
}
