package org.opencrm.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.audit.AuditEntry;
import org.opencrm.core.audit.AuditOperation;
import org.opencrm.core.audit.AuditRules;
import org.opencrm.core.audit.FieldChange;
import org.opencrm.core.breaker.BreakerSettings;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.paging.Cursor;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.Race;
import org.opencrm.core.testing.StreamReader;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Versioned configuration on the real embedded DynamoDB Local engine. Each test works on a
 * configuration of its own (breaker settings under a random name), so tests sharing the engine
 * never see each other's versions.
 */
class ConfigServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final String name = "test-" + UUID.randomUUID();
    private final ConfigDefinition<BreakerSettings> definition =
            new ConfigDefinition<>(
                    name,
                    BreakerSettings.class,
                    BreakerSettings.DEFINITION.defaults(),
                    BreakerSettings.DEFINITION.rules());
    private final ConfigStore store = new ConfigStore(dynamo.enhanced(), dynamo.tables());
    private final ConfigService config =
            new ConfigService(
                    store,
                    Clock.fixed(NOW, ZoneOffset.UTC),
                    new ConfigDefinitions(List.of(definition)));
    private final Caller admin = freshAdmin();

    private static Caller freshAdmin() {
        return Caller.builder()
                .userId("admin-" + UUID.randomUUID())
                .role(Role.ADMIN)
                .requestId("req-" + UUID.randomUUID())
                .sourceIp("10.0.0.7")
                .build();
    }

    private static JsonNode exportRows(int rows) {
        return JSON.createObjectNode().put("exportRowsPerDay", rows);
    }

    @Test
    void get_beforeAnySet_isVersionZeroHoldingTheDefault() {
        ConfigVersion initial = config.get(name);

        assertEquals(0, initial.version());
        assertEquals(definition.defaultValue(), initial.value());
        assertEquals(ConfigService.DEFAULT_AUTHOR, initial.author());
        assertEquals(definition.defaults(), config.current(definition));
    }

    @Test
    void set_makesTheValueCurrent_atVersionOne_withDefaultsForSettingsLeftOut() {
        ConfigVersion written =
                config.set(name, 0, exportRows(2000), "  quarter-end exports  ", admin);

        assertEquals(1, written.version());
        assertEquals(new BreakerSettings(2000, 3, 24), config.current(definition));
        ConfigVersion read = config.get(name);
        assertEquals(written, read);
        assertEquals(definition.toJson(new BreakerSettings(2000, 3, 24)), read.value());
        assertEquals(admin.userId(), read.author());
        assertEquals(NOW, read.at());
        assertEquals("quarter-end exports", read.note());
        assertNull(read.rolledBackFrom());
    }

    @Test
    void set_refusesStaleVersion_withCurrentVersion() {
        config.set(name, 0, exportRows(600), "first", admin);
        config.set(name, 1, exportRows(700), "second", freshAdmin());

        VersionConflictException conflict =
                assertThrows(
                        VersionConflictException.class,
                        () -> config.set(name, 1, exportRows(800), "stale", admin));

        assertEquals(2, conflict.currentVersion());
        assertEquals(700, config.current(definition).exportRowsPerDay());
    }

    @Test
    void set_refusesAVersionAheadOfTheLatest() {
        VersionConflictException conflict =
                assertThrows(
                        VersionConflictException.class,
                        () -> config.set(name, 3, exportRows(800), "from the future", admin));

        assertEquals(0, conflict.currentVersion());
        assertEquals(0, config.get(name).version());
    }

    @Test
    void set_letsExactlyOneOfEightRacingWritersWin_theOthersLearnTheWinnersVersion()
            throws Exception {
        int racers = 8;
        List<String> results =
                Race.run(
                        racers,
                        i ->
                                () -> {
                                    try {
                                        return "won:"
                                                + config.set(
                                                                name,
                                                                0,
                                                                exportRows(1000 + i),
                                                                "racer " + (1000 + i),
                                                                freshAdmin())
                                                        .version();
                                    } catch (VersionConflictException conflict) {
                                        return "conflict:" + conflict.currentVersion();
                                    }
                                });

        assertEquals(1, results.stream().filter("won:1"::equals).count(), results.toString());
        assertEquals(
                racers - 1,
                results.stream().filter("conflict:1"::equals).count(),
                results.toString());
        assertEquals(1, config.history(name, PageRequest.of(20, null)).entries().size());
    }

    @Test
    void insert_refusesATakenVersion_evenWhenTheCallerNeverLookedFirst() {
        ConfigVersion first =
                new ConfigVersion(name, 1, exportRows(10), admin.userId(), NOW, "first", null);
        store.insert(first, WriteStamp.of(admin, NOW));

        VersionConflictException conflict =
                assertThrows(
                        VersionConflictException.class,
                        () ->
                                store.insert(
                                        new ConfigVersion(
                                                name,
                                                1,
                                                exportRows(20),
                                                admin.userId(),
                                                NOW,
                                                "overwrite",
                                                null),
                                        WriteStamp.of(admin, NOW)));

        assertEquals(1, conflict.currentVersion());
        assertEquals(10, store.find(name, 1).orElseThrow().value().get("exportRowsPerDay").asInt());
    }

    @Test
    void history_listsNewestFirst_andPagesByCursor() {
        for (int version = 0; version < 5; version++) {
            config.set(name, version, exportRows(100 + version), "change " + (version + 1), admin);
        }

        Page<ConfigVersion> first = config.history(name, PageRequest.of(2, null));
        Page<ConfigVersion> second = config.history(name, PageRequest.of(2, first.endCursor()));
        Page<ConfigVersion> last = config.history(name, PageRequest.of(2, second.endCursor()));

        assertEquals(List.of(5L, 4L), versions(first));
        assertTrue(first.hasNextPage());
        assertEquals(List.of(3L, 2L), versions(second));
        assertTrue(second.hasNextPage());
        assertEquals(List.of(1L), versions(last));
        assertFalse(last.hasNextPage());
        assertEquals(100, last.entries().get(0).item().value().get("exportRowsPerDay").asInt());
    }

    @Test
    void history_refusesACursorFromAnotherList() {
        PageRequest foreign =
                PageRequest.of(2, Cursor.encode("2026-11-23T08:00:00.000000Z#customer-1"));

        ValidationException invalid =
                assertThrows(ValidationException.class, () -> config.history(name, foreign));

        assertEquals("after", invalid.problems().get(0).field());
        assertEquals("cursor", invalid.problems().get(0).rule());
    }

    @Test
    void rollback_writesTheOldValueAsANewVersion_notingWhereItCameFrom() {
        ConfigVersion good = config.set(name, 0, exportRows(500), "baseline", admin);
        config.set(name, 1, exportRows(50_000), "too generous", admin);
        Caller rollingBack = freshAdmin();

        ConfigVersion restored =
                config.rollback(name, 1, "50k let a leaver export everything", rollingBack);

        assertEquals(3, restored.version());
        assertEquals(good.value(), restored.value());
        assertEquals(1L, restored.rolledBackFrom());
        assertEquals(rollingBack.userId(), restored.author());
        assertEquals("50k let a leaver export everything", restored.note());
        assertEquals(500, config.current(definition).exportRowsPerDay());
        assertEquals(List.of(3L, 2L, 1L), versions(config.history(name, PageRequest.of(20, null))));
    }

    @Test
    void rollback_withoutNote_saysWhichVersionItRestores() {
        config.set(name, 0, exportRows(500), "baseline", admin);
        config.set(name, 1, exportRows(900), "more", admin);

        ConfigVersion restored = config.rollback(name, 1, null, admin);

        assertEquals("rollback to version 1", restored.note());
    }

    @Test
    void rollback_toAVersionThatWasNeverWritten_isNotFound() {
        config.set(name, 0, exportRows(500), "baseline", admin);

        assertThrows(
                NotFoundException.class, () -> config.rollback(name, 7, "no such version", admin));
        assertThrows(
                NotFoundException.class,
                () -> config.rollback(name, 0, "the default is not stored", admin));
        assertEquals(1, config.get(name).version());
    }

    @Test
    void rollback_toTheCurrentVersion_isRefused() {
        config.set(name, 0, exportRows(500), "baseline", admin);

        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () -> config.rollback(name, 1, "already there", admin));

        assertEquals(
                List.of("version"), refused.problems().stream().map(FieldProblem::field).toList());
        assertEquals(1, config.get(name).version());
    }

    @Test
    void set_refusesUnknownName_listingTheKnownOnes() {
        ValidationException unknown =
                assertThrows(
                        ValidationException.class,
                        () -> config.set("nope-" + name, 0, exportRows(10), "typo", admin));

        FieldProblem problem = unknown.problems().get(0);
        assertEquals("name", problem.field());
        assertEquals("knownConfiguration", problem.rule());
        assertEquals(List.of(name), problem.limit());
        assertThrows(ValidationException.class, () -> config.get("nope-" + name));
        assertThrows(
                ValidationException.class,
                () -> config.history("nope-" + name, PageRequest.of(null, null)));
    }

    @Test
    void set_reportsEveryProblemTogether_andWritesNothing() {
        JsonNode value = JSON.createObjectNode().put("exportRowsPerDay", 0).put("colour", "red");

        ValidationException invalid =
                assertThrows(
                        ValidationException.class, () -> config.set(name, 0, value, " ", admin));

        assertEquals(
                List.of("note", "value.colour", "value.exportRowsPerDay"),
                invalid.problems().stream().map(FieldProblem::field).toList());
        assertEquals(
                List.of("required", "unknownField", "range"),
                invalid.problems().stream().map(FieldProblem::rule).toList());
        assertEquals(1L, invalid.problems().get(2).limit());
        assertEquals(0, config.get(name).version());
    }

    @Test
    void set_refusesANoteLongerThanFiveHundredCharacters_namingTheLimit() {
        ValidationException invalid =
                assertThrows(
                        ValidationException.class,
                        () -> config.set(name, 0, exportRows(10), "x".repeat(501), admin));

        assertEquals(List.of(FieldProblem.tooLong("note", 500, 501)), invalid.problems());
    }

    @Test
    void set_stampsTheItem_withWriterRequestAndAuditEntityId() {
        config.set(name, 0, exportRows(10), "stamped", admin);

        Map<String, AttributeValue> raw =
                dynamo.client()
                        .getItem(
                                get ->
                                        get.tableName(dynamo.tables().config())
                                                .key(
                                                        Map.of(
                                                                "configName",
                                                                AttributeValue.fromS(name),
                                                                "version",
                                                                AttributeValue.fromN("1")))
                                                .consistentRead(true))
                        .item();

        assertEquals(admin.userId(), raw.get("updatedBy").s());
        assertEquals(admin.requestId(), raw.get("requestId").s());
        assertEquals("10.0.0.7", raw.get("sourceIp").s());
        assertEquals("CONFIG", raw.get("entityType").s());
        assertEquals("config:" + name, raw.get("auditEntityId").s());
        assertEquals(10, readTree(raw.get("value").s()).get("exportRowsPerDay").asInt());
    }

    @Test
    void everyVersion_isAuditedUnderTheConfigurationsName_byWhoeverWroteIt() {
        config.set(name, 0, exportRows(10), "first", admin);
        Caller second = freshAdmin();
        config.set(name, 1, exportRows(20), "second", second);

        // the audit stream function turns each of these records into its entry the same way
        List<AuditEntry> entries =
                streamRecordsOf(name).stream()
                        .map(record -> AuditRules.entryFor(record, NOW))
                        .toList();

        assertEquals(2, entries.size(), entries.toString());
        assertTrue(
                entries.stream().allMatch(entry -> entry.entityId().equals("config:" + name)),
                entries.toString());
        assertTrue(
                entries.stream().allMatch(entry -> entry.entityType().equals("CONFIG")),
                entries.toString());
        assertTrue(
                entries.stream().allMatch(entry -> entry.operation() == AuditOperation.CREATE),
                entries.toString());
        assertEquals(
                Set.of(admin.userId(), second.userId()),
                entries.stream().map(AuditEntry::actorId).collect(Collectors.toSet()));
        assertEquals(
                Set.of("first", "second"),
                entries.stream()
                        .flatMap(entry -> entry.changes().stream())
                        .filter(change -> change.field().equals("note"))
                        .map(FieldChange::after)
                        .collect(Collectors.toSet()));
    }

    private List<Record> streamRecordsOf(String configName) {
        return new StreamReader(dynamo.streams())
                .allRecords(dynamo.tables().config()).stream()
                        .filter(
                                record ->
                                        configName.equals(
                                                record.dynamodb().keys().get("configName").s()))
                        .toList();
    }

    private static List<Long> versions(Page<ConfigVersion> page) {
        return page.entries().stream().map(entry -> entry.item().version()).toList();
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception notJson) {
            throw new IllegalArgumentException(text, notJson);
        }
    }
}
