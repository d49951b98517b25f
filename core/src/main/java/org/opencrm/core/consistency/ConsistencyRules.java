package org.opencrm.core.consistency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.FieldStamps;
import org.opencrm.core.customer.PhoneNumbers;
import org.opencrm.core.customer.SourceStamp;
import org.opencrm.core.store.Keys;

/**
 * How export rows meet customers (R-09), pure: the fixed matching order (external id, then golden
 * id, then normalised phone), the classification of each record and the differences of a matched
 * pair with which side changed last. Names alone never match: a row and a customer with the same
 * name are only suggested to each other.
 */
public final class ConsistencyRules {

    /** What a row was matched by, in the order it is tried. */
    public enum MatchedBy {
        EXTERNAL_ID,
        GOLDEN_ID,
        PHONE
    }

    /** One identity claim a row may match through. */
    public record Lookup(MatchedBy by, String identityKey) {}

    /**
     * Where a row landed.
     *
     * @param customerId the customer of the first lookup that has one; null when none has
     * @param by that lookup
     * @param others customers later lookups name that are not {@code customerId}
     */
    public record Resolution(String customerId, MatchedBy by, List<String> others) {

        public static final Resolution NONE = new Resolution(null, null, List.of());

        public Resolution {
            others = List.copyOf(others);
        }

        public boolean matched() {
            return customerId != null;
        }
    }

    private ConsistencyRules() {}

    /** The claims a row may match through, in the fixed order; blank keys are left out. */
    public static List<Lookup> lookups(ExportRow row, String system) {
        List<Lookup> lookups = new ArrayList<>();
        if (present(row.externalId())) {
            lookups.add(
                    new Lookup(
                            MatchedBy.EXTERNAL_ID,
                            Keys.externalId(system, row.externalId().strip())));
        }
        if (present(row.goldenId())) {
            lookups.add(new Lookup(MatchedBy.GOLDEN_ID, Keys.goldenId(row.goldenId().strip())));
        }
        String phone = row.values().get("phone");
        if (present(phone)
                && PhoneNumbers.normalise("phone", phone) instanceof PhoneNumbers.Valid valid) {
            lookups.add(
                    new Lookup(
                            MatchedBy.PHONE, Keys.identity(Keys.IdentityKind.PHONE, valid.e164())));
        }
        return lookups;
    }

    /**
     * The first lookup with a holder decides; holders of later lookups that differ make the row
     * name two customers.
     *
     * @param holders customer ids by claim key, for the claims that exist
     */
    public static Resolution resolve(ExportRow row, String system, Map<String, String> holders) {
        String customerId = null;
        MatchedBy by = null;
        Set<String> others = new LinkedHashSet<>();
        for (Lookup lookup : lookups(row, system)) {
            String holder = holders.get(lookup.identityKey());
            if (holder == null) {
                continue;
            }
            if (customerId == null) {
                customerId = holder;
                by = lookup.by();
            } else if (!customerId.equals(holder)) {
                others.add(holder);
            }
        }
        return customerId == null
                ? Resolution.NONE
                : new Resolution(customerId, by, new ArrayList<>(others));
    }

    /** An export value as the CRM would store it: phones E.164, emails lower-case, all stripped. */
    public static String normalised(String field, String raw) {
        if (!present(raw)) {
            return null;
        }
        String value = raw.strip();
        if ("phone".equals(field)
                && PhoneNumbers.normalise(field, value) instanceof PhoneNumbers.Valid valid) {
            return valid.e164();
        }
        if ("email".equals(field)) {
            return value.toLowerCase(Locale.ROOT);
        }
        return value;
    }

    /** The compared fields the row has a column for whose values differ from the customer's. */
    public static List<FieldDifference> differences(ExportRow row, Customer customer) {
        List<FieldDifference> differences = new ArrayList<>();
        for (String field : FieldStamps.COMPARED) {
            if (!row.values().containsKey(field)) {
                continue;
            }
            String here = FieldStamps.valueOf(customer.fields(), field);
            String there = normalised(field, row.values().get(field));
            if (Objects.equals(here, there)) {
                continue;
            }
            SourceStamp stamp = customer.stampOf(field);
            differences.add(
                    new FieldDifference(
                            field,
                            here,
                            there,
                            stamp.system(),
                            stamp.at(),
                            row.updatedAt(),
                            changedLast(stamp.at(), row.updatedAt())));
        }
        return differences;
    }

    /** The newer side; UNKNOWN without a stamp there, or when both are the same instant. */
    public static Side changedLast(Instant here, Instant there) {
        if (there == null || here == null || here.equals(there)) {
            return Side.UNKNOWN;
        }
        return there.isAfter(here) ? Side.THERE : Side.HERE;
    }

    /**
     * Every record's line in the report: each export row in file order, then each customer of the
     * system that no row reached (by external id order).
     *
     * @param rows the export
     * @param resolutions one per row, in the same order
     * @param customers the customers resolutions and {@code systemHolders} name, by id
     * @param systemHolders the system's external id claims: customer id by claim key
     */
    public static List<ReportRow> classify(
            List<ExportRow> rows,
            List<Resolution> resolutions,
            Map<String, Customer> customers,
            Map<String, String> systemHolders) {
        Map<String, Integer> rowsPerCustomer = new HashMap<>();
        Set<String> reached = new java.util.HashSet<>();
        for (Resolution resolution : resolutions) {
            if (resolution.matched()) {
                rowsPerCustomer.merge(resolution.customerId(), 1, Integer::sum);
                reached.add(resolution.customerId());
                reached.addAll(resolution.others());
            }
        }
        List<ReportRow> report = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Resolution resolution = resolutions.get(i);
            Customer customer =
                    resolution.matched() ? customers.get(resolution.customerId()) : null;
            boolean shared =
                    resolution.matched()
                            && rowsPerCustomer.getOrDefault(resolution.customerId(), 0) > 1;
            report.add(rowOf(i + 1L, rows.get(i), resolution, customer, shared));
        }
        List<Map.Entry<String, String>> missingThere =
                systemHolders.entrySet().stream()
                        .filter(claim -> !reached.contains(claim.getValue()))
                        .filter(claim -> customers.containsKey(claim.getValue()))
                        .sorted(Map.Entry.comparingByKey())
                        .toList();
        for (Map.Entry<String, String> claim : missingThere) {
            report.add(missingThere(report.size() + 1L, claim.getKey(), claim.getValue()));
        }
        return withSuggestions(report, rows, customers);
    }

    /**
     * One export row's line in the report.
     *
     * @param customer the customer its resolution names, null when none (or it is gone)
     * @param shared whether another row of the export reached the same customer first (a fact of
     *     the whole export: a diff worked in chunks learns it after matching every row, then turns
     *     the row with {@link #shared})
     */
    public static ReportRow rowOf(
            long number, ExportRow row, Resolution resolution, Customer customer, boolean shared) {
        ReportRowBuilder line =
                ReportRow.builder()
                        .number(number)
                        .line(row.line())
                        .externalId(blankToNull(row.externalId()));
        if (customer == null) {
            // no claim, or a claim whose customer is gone: nothing here to compare with
            return line.kind(RowKind.MISSING_HERE).build();
        }
        line.customerId(customer.id()).matchedBy(resolution.by().name());
        if (!resolution.others().isEmpty()) {
            return line.kind(RowKind.DUPLICATE).otherCustomerIds(resolution.others()).build();
        }
        if (shared) {
            return line.kind(RowKind.DUPLICATE).build();
        }
        List<FieldDifference> differences = differences(row, customer);
        return differences.isEmpty()
                ? line.kind(RowKind.MATCHED).build()
                : line.kind(RowKind.MISMATCH).differences(differences).build();
    }

    /**
     * A row as {@link #rowOf} gives it once another row is known to reach its customer too: a
     * MATCHED or MISMATCH row is a DUPLICATE (no differences); the others stay as they are.
     */
    public static ReportRow shared(ReportRow row) {
        if (row.kind() != RowKind.MATCHED && row.kind() != RowKind.MISMATCH) {
            return row;
        }
        return row.toBuilder().kind(RowKind.DUPLICATE).differences(List.of()).build();
    }

    /** The line of a customer holding the system's id {@code claimKey} that no row reached. */
    public static ReportRow missingThere(long number, String claimKey, String customerId) {
        return ReportRow.builder()
                .number(number)
                .kind(RowKind.MISSING_THERE)
                .externalId(externalIdOf(claimKey))
                .customerId(customerId)
                .build();
    }

    /** What a MISSING_HERE row is told of a MISSING_THERE customer of the same name. */
    public static String suggestCustomer(String customerId) {
        return "customer " + customerId;
    }

    /** What a MISSING_THERE customer is told of a MISSING_HERE row of the same name. */
    public static String suggestLine(long line) {
        return "line " + line;
    }

    /**
     * A row missing here and a customer missing there with the same name may be one record whose
     * keys differ (a new phone, no id yet): suggested to each other, for a person to decide.
     */
    private static List<ReportRow> withSuggestions(
            List<ReportRow> report, List<ExportRow> rows, Map<String, Customer> customers) {
        Map<String, List<ReportRow>> missingThereByName = new HashMap<>();
        for (ReportRow line : report) {
            if (line.kind() == RowKind.MISSING_THERE) {
                String name = nameKey(customers.get(line.customerId()).fields().name());
                missingThereByName.computeIfAbsent(name, key -> new ArrayList<>()).add(line);
            }
        }
        if (missingThereByName.isEmpty()) {
            return report;
        }
        Map<Long, List<String>> suggested = new HashMap<>();
        for (ReportRow line : report) {
            if (line.kind() != RowKind.MISSING_HERE) {
                continue;
            }
            String name = nameKey(rows.get((int) line.line() - 1).values().get("name"));
            for (ReportRow there : missingThereByName.getOrDefault(name, List.of())) {
                suggested
                        .computeIfAbsent(line.number(), n -> new ArrayList<>())
                        .add(suggestCustomer(there.customerId()));
                suggested
                        .computeIfAbsent(there.number(), n -> new ArrayList<>())
                        .add(suggestLine(line.line()));
            }
        }
        return report.stream()
                .map(
                        line ->
                                suggested.containsKey(line.number())
                                        ? line.toBuilder()
                                                .suggestions(suggested.get(line.number()))
                                                .build()
                                        : line)
                .sorted(Comparator.comparingLong(ReportRow::number))
                .toList();
    }

    /** Names alike for suggestions: stripped, case folded; no name is "". */
    public static String nameKey(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }

    private static String externalIdOf(String claimKey) {
        String[] parts = claimKey.split("#", 3);
        return parts.length == 3 ? parts[2] : claimKey;
    }

    private static String blankToNull(String value) {
        return present(value) ? value.strip() : null;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
