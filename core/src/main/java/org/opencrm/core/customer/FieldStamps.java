package org.opencrm.core.customer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-field source stamps of a customer: the fields another system may hold too, and the
 * rule that keeps their stamps. Pure.
 *
 * <p>Why stamps on the customer rather than its audit rows: audit rows arrive later through the
 * stream, and a consistency diff of 50,000 customers would need one trail query per customer; the
 * stamps are written in the same item as the value, so they are never behind it.
 */
public final class FieldStamps {

    /** The fields a consistency diff compares and stamps, in report order. */
    public static final List<String> COMPARED =
            List.of("name", "phone", "email", "wechatId", "region");

    private FieldStamps() {}

    /** The field's value, by its name in {@link #COMPARED}; null for any other name. */
    public static String valueOf(CustomerFields fields, String field) {
        return switch (field) {
            case "name" -> fields.name();
            case "phone" -> fields.phone();
            case "email" -> fields.email();
            case "wechatId" -> fields.wechatId();
            case "region" -> fields.region();
            default -> null;
        };
    }

    /**
     * The stamps after a write from {@code before} to {@code after}: each compared field whose
     * value changed gets {@code source}; the others keep theirs.
     */
    public static Map<String, SourceStamp> after(
            Map<String, SourceStamp> stamps,
            CustomerFields before,
            CustomerFields after,
            SourceStamp source) {
        Map<String, SourceStamp> next = new HashMap<>(stamps);
        for (String field : COMPARED) {
            if (!Objects.equals(valueOf(before, field), valueOf(after, field))) {
                next.put(field, source);
            }
        }
        return next;
    }
}
