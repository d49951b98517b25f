package org.opencrm.core.customer;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The validated, normalised, user-editable fields of a customer. Only name, one contact and stage
 * are required. Amounts are CNY. Who may read and write each field is the field matrix's
 * decision (access/policy.yaml), not this record's.
 */
@RecordBuilder
public record CustomerFields(
        String name,
        String phone,
        String email,
        String wechatId,
        CustomerStage stage,
        CustomerLevel level,
        String remark,
        String region,
        String nationalId,
        BigDecimal expectedDealAmount,
        BigDecimal contractAmount,
        String serviceNotes) {

    public CustomerFields {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stage, "stage");
        if (phone == null && email == null && wechatId == null) {
            throw new IllegalArgumentException("a customer needs one contact");
        }
    }

    /** The fields every customer screen shows; the rest start empty. */
    public CustomerFields(
            String name,
            String phone,
            String email,
            String wechatId,
            CustomerStage stage,
            String remark,
            String region) {
        this(name, phone, email, wechatId, stage, null, remark, region, null, null, null, null);
    }

    public CustomerFields withRegion(String value) {
        return toBuilder().region(value).build();
    }

    /** New fields, every component named. */
    public static CustomerFieldsBuilder builder() {
        return CustomerFieldsBuilder.builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public CustomerFieldsBuilder toBuilder() {
        return CustomerFieldsBuilder.builder(this);
    }
}
