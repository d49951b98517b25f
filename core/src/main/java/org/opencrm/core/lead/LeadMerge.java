package org.opencrm.core.lead;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * R-06's merge of a second delivery into the lead it matched. Pure. Each field keeps the most
 * complete value: a missing value is filled (identifiers only ever so), a text another contains is
 * replaced by the longer one ("张" → "张伟"), two different values keep the first one (the later one
 * stays in the merge record and the audit trail). Interaction counts keep the larger, the budget
 * the latest stated, and extras gain the keys they did not have.
 */
public final class LeadMerge {

    private LeadMerge() {}

    /**
     * @param merged the lead after the merge (unchanged fields, same version)
     * @param contributed the canonical fields the incoming record changed
     */
    public record Result(Lead merged, List<String> contributed) {

        public boolean changed() {
            return !contributed.isEmpty();
        }
    }

    public static Result merge(
            Lead existing,
            LeadFields incoming,
            Map<String, Object> incomingExtra,
            String channel,
            Instant at) {
        LeadFields current = existing.fields();
        List<String> contributed = new ArrayList<>();
        LeadFields merged =
                LeadFields.builder()
                        .name(text("name", current.name(), incoming.name(), contributed))
                        .phone(missing("phone", current.phone(), incoming.phone(), contributed))
                        .email(missing("email", current.email(), incoming.email(), contributed))
                        .wechatId(
                                missing(
                                        "wechatId",
                                        current.wechatId(),
                                        incoming.wechatId(),
                                        contributed))
                        .company(
                                text("company", current.company(), incoming.company(), contributed))
                        .region(text("region", current.region(), incoming.region(), contributed))
                        .budget(latest("budget", current.budget(), incoming.budget(), contributed))
                        .notes(text("notes", current.notes(), incoming.notes(), contributed))
                        .interactions30d(
                                larger(
                                        "interactions30d",
                                        current.interactions30d(),
                                        incoming.interactions30d(),
                                        contributed))
                        .nationalId(
                                missing(
                                        "nationalId",
                                        current.nationalId(),
                                        incoming.nationalId(),
                                        contributed))
                        .build();
        Map<String, Object> extra = new LinkedHashMap<>(existing.extra());
        incomingExtra.forEach(
                (key, value) -> {
                    if (!extra.containsKey(key)) {
                        extra.put(key, value);
                        contributed.add("extra." + key);
                    }
                });
        List<String> sources = new ArrayList<>(existing.sources());
        if (!sources.contains(channel)) {
            sources.add(channel);
            contributed.add("sources");
        }
        if (contributed.isEmpty()) {
            return new Result(existing, List.of());
        }
        return new Result(
                existing.withMerged(merged, extra, sources, at), List.copyOf(contributed));
    }

    /**
     * Identifiers are filled when missing, never replaced: "a@b.co" is not a shorter "xa@b.com".
     */
    private static String missing(
            String field, String current, String incoming, List<String> contributed) {
        if (current != null || incoming == null) {
            return current;
        }
        contributed.add(field);
        return incoming;
    }

    private static String text(
            String field, String current, String incoming, List<String> contributed) {
        if (incoming == null || incoming.equals(current)) {
            return current;
        }
        if (current == null
                || (incoming.contains(current) && incoming.length() > current.length())) {
            contributed.add(field);
            return incoming;
        }
        return current;
    }

    private static BigDecimal latest(
            String field, BigDecimal current, BigDecimal incoming, List<String> contributed) {
        if (incoming == null || (current != null && incoming.compareTo(current) == 0)) {
            return current;
        }
        contributed.add(field);
        return incoming;
    }

    private static Integer larger(
            String field, Integer current, Integer incoming, List<String> contributed) {
        if (incoming == null || (current != null && incoming <= current)) {
            return current;
        }
        contributed.add(field);
        return incoming;
    }
}
