package org.opencrm.core.consistency;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerFields;
import org.opencrm.core.customer.CustomerStage;

/**
 * Customers and another system's export of them with differences planted at known places, for the
 * consistency bench and tests (the done-when of issue 17): the counts a diff must find and the
 * fields LATEST_WINS must change are known before it runs. Customer {@code i} of {@code n}, by
 * {@code i % 10}:
 *
 * <ul>
 *   <li>1: the export's name differs and is newer there: MISMATCH, applied;
 *   <li>2: the export's email differs and is older there: MISMATCH, not applied;
 *   <li>3: the export's region differs, the row has no stamp: MISMATCH, not applied;
 *   <li>4: not in the export: MISSING_THERE;
 *   <li>5: in the export twice: two DUPLICATE rows;
 *   <li>otherwise the same on both sides: MATCHED.
 * </ul>
 *
 * Plus {@code n / 20} rows of records the CRM does not have: MISSING_HERE.
 *
 * @param customers to seed (with ids of {@code system}), written at {@code seededAt}
 * @param csv the export's text
 * @param rows the export's data rows
 * @param expected the counts the diff must report
 * @param applied per customer id, the fields LATEST_WINS must change and their new values
 */
public record PlantedExport(
        List<Customer> customers,
        String csv,
        int rows,
        ConsistencyReport.Counts expected,
        Map<String, Map<String, String>> applied) {

    /**
     * @param n customers to seed
     * @param ownerId who owns them
     * @param team the owner's team
     * @param seededAt when the CRM last changed them; the export's newer stamps are a day later,
     *     its older ones ten days earlier
     */
    public static PlantedExport of(
            int n, String system, String ownerId, String team, Instant seededAt) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // random blocks of 11-digit mobiles, so runs against one database do not collide
        long phoneBase = 10_000_000L + (long) (Math.random() * 80_000_000L);
        Instant newer = seededAt.plus(Duration.ofDays(1));
        Instant older = seededAt.minus(Duration.ofDays(10));
        List<Customer> customers = new ArrayList<>();
        Map<String, Map<String, String>> applied = new HashMap<>();
        StringBuilder csv = new StringBuilder("externalId,name,phone,email,region,updatedAt\n");
        int rows = 0;
        long matched = 0;
        long mismatched = 0;
        long missingThere = 0;
        long duplicates = 0;
        for (int i = 0; i < n; i++) {
            String externalId = "ERP-" + run + "-" + i;
            String phone = "+86139" + String.format(Locale.ROOT, "%08d", phoneBase + i);
            String name = "客户 " + run + " " + i;
            String email = "c" + i + "-" + run + "@example.com";
            String id = UUID.randomUUID().toString();
            customers.add(
                    Customer.builder()
                            .id(id)
                            .version(0)
                            .fields(
                                    CustomerFields.builder()
                                            .name(name)
                                            .phone(phone)
                                            .email(email)
                                            .stage(CustomerStage.NEW)
                                            .region("east")
                                            .build())
                            .ownerId(ownerId)
                            .team(team)
                            .createdAt(seededAt)
                            .updatedAt(seededAt)
                            .archived(false)
                            .externalIds(Map.of(system, externalId))
                            .build());
            String row = externalId + "," + name + "," + phone + "," + email + ",east," + newer;
            switch (i % 10) {
                case 1 -> {
                    String erpName = name + " 有限公司";
                    row = externalId + "," + erpName + "," + phone + "," + email + ",east," + newer;
                    applied.put(id, Map.of("name", erpName));
                    mismatched++;
                }
                case 2 -> {
                    row = externalId + "," + name + "," + phone + ",erp" + email + ",east," + older;
                    mismatched++;
                }
                case 3 -> {
                    row = externalId + "," + name + "," + phone + "," + email + ",west,";
                    mismatched++;
                }
                case 4 -> {
                    row = null;
                    missingThere++;
                }
                case 5 -> {
                    csv.append(row).append('\n');
                    rows++;
                    duplicates += 2;
                }
                default -> matched++;
            }
            if (row != null) {
                csv.append(row).append('\n');
                rows++;
            }
        }
        long missingHere = n / 20;
        for (int k = 0; k < missingHere; k++) {
            String phone = "+86137" + String.format(Locale.ROOT, "%08d", phoneBase + k);
            csv.append("ERP-" + run + "-new-" + k)
                    .append(",新客户 " + run + " " + k + "," + phone + ",,east," + newer + "\n");
            rows++;
        }
        return new PlantedExport(
                customers,
                csv.toString(),
                rows,
                new ConsistencyReport.Counts(
                        matched, missingHere, missingThere, mismatched, duplicates),
                applied);
    }
}
