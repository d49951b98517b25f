package org.opencrm.core.consistency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerFields;
import org.opencrm.core.customer.CustomerStage;
import org.opencrm.core.store.Keys;

class ConsistencyRulesTest {

    private static final Instant SEEDED = Instant.parse("2026-03-01T00:00:00Z");
    private static final String PHONE = "+8613912345678";

    private static Customer customer(String id, String name, String phone) {
        return Customer.builder()
                .id(id)
                .version(1)
                .fields(
                        CustomerFields.builder()
                                .name(name)
                                .phone(phone)
                                .stage(CustomerStage.NEW)
                                .region("east")
                                .build())
                .ownerId("rep")
                .createdAt(SEEDED)
                .updatedAt(SEEDED)
                .build();
    }

    private static ExportRow row(long line, String externalId, Map<String, String> values) {
        return new ExportRow(line, externalId, null, values, SEEDED.plusSeconds(60));
    }

    @Test
    void resolve_triesExternalIdBeforeThePhone_andNamesBothCustomers_whenTheyDiffer() {
        // GIVEN a row whose ERP id is customer A's and whose phone is customer B's
        ExportRow row = row(1, "E-1", Map.of("phone", "139 1234 5678"));
        Map<String, String> holders =
                Map.of(
                        Keys.externalId("ERP", "E-1"), "A",
                        Keys.identity(Keys.IdentityKind.PHONE, PHONE), "B");

        // WHEN it is resolved
        ConsistencyRules.Resolution resolution = ConsistencyRules.resolve(row, "ERP", holders);

        // THEN the external id decides, and the phone's customer is named as the other
        assertEquals("A", resolution.customerId());
        assertEquals(ConsistencyRules.MatchedBy.EXTERNAL_ID, resolution.by());
        assertEquals(List.of("B"), resolution.others());
    }

    @Test
    void resolve_fallsBackToTheNormalisedPhone_whenNoIdIsKnown() {
        ExportRow row = row(1, "E-unknown", Map.of("phone", "0086 139-1234-5678"));

        ConsistencyRules.Resolution resolution =
                ConsistencyRules.resolve(
                        row, "ERP", Map.of(Keys.identity(Keys.IdentityKind.PHONE, PHONE), "B"));

        assertEquals("B", resolution.customerId());
        assertEquals(ConsistencyRules.MatchedBy.PHONE, resolution.by());
    }

    @Test
    void classify_findsEachKind_andOnlySuggestsASameNamedCustomer() {
        // GIVEN A matched, B differing by name, C listed twice, D with the system's id but not
        // exported, and a row nobody holds named like D
        Customer a = customer("A", "Alpha", PHONE);
        Customer b = customer("B", "Beta", "+8613900000002");
        Customer c = customer("C", "Gamma", "+8613900000003");
        Customer d = customer("D", "Delta", "+8613900000004");
        List<ExportRow> rows =
                List.of(
                        row(1, "E-A", Map.of("name", "Alpha", "phone", PHONE)),
                        row(2, "E-B", Map.of("name", "Beta Ltd")),
                        row(3, "E-C", Map.of("name", "Gamma")),
                        row(4, "E-C", Map.of("name", "Gamma")),
                        row(5, "E-new", Map.of("name", "delta ", "phone", "13900000099")));
        Map<String, String> systemHolders =
                Map.of(
                        Keys.externalId("ERP", "E-A"), "A",
                        Keys.externalId("ERP", "E-B"), "B",
                        Keys.externalId("ERP", "E-C"), "C",
                        Keys.externalId("ERP", "E-D"), "D");
        List<ConsistencyRules.Resolution> resolutions =
                rows.stream().map(r -> ConsistencyRules.resolve(r, "ERP", systemHolders)).toList();

        // WHEN they are classified
        List<ReportRow> report =
                ConsistencyRules.classify(
                        rows, resolutions, Map.of("A", a, "B", b, "C", c, "D", d), systemHolders);

        // THEN every record has its kind, D comes last, and the same-named row only suggests D
        assertEquals(
                List.of(
                        RowKind.MATCHED,
                        RowKind.MISMATCH,
                        RowKind.DUPLICATE,
                        RowKind.DUPLICATE,
                        RowKind.MISSING_HERE,
                        RowKind.MISSING_THERE),
                report.stream().map(ReportRow::kind).toList());
        FieldDifference name = report.get(1).differences().get(0);
        assertEquals("name", name.field());
        assertEquals("Beta", name.here());
        assertEquals("Beta Ltd", name.there());
        assertEquals(Side.THERE, name.changedLast());
        assertEquals(List.of("customer D"), report.get(4).suggestions());
        assertEquals(List.of("line 5"), report.get(5).suggestions());
        assertEquals("E-D", report.get(5).externalId());
    }

    @Test
    void changedLast_isUnknown_withoutAStampThere_andHere_whenTheCrmIsNewer() {
        assertEquals(Side.UNKNOWN, ConsistencyRules.changedLast(SEEDED, null));
        assertEquals(Side.UNKNOWN, ConsistencyRules.changedLast(SEEDED, SEEDED));
        assertEquals(Side.HERE, ConsistencyRules.changedLast(SEEDED, SEEDED.minusSeconds(1)));
        assertEquals(Side.THERE, ConsistencyRules.changedLast(SEEDED, SEEDED.plusSeconds(1)));
    }

    @Test
    void differences_compareOnlyTheColumnsTheExportHas_normalisedAsTheCrmStoresThem() {
        Customer a = customer("A", "Alpha", PHONE);

        List<FieldDifference> none =
                ConsistencyRules.differences(
                        row(1, "E-A", Map.of("phone", "+86 139 1234 5678")), a);

        assertFalse(none.iterator().hasNext());
    }
}
