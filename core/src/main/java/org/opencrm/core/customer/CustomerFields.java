package org.opencrm.core.customer;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The validated, normalised, user-editable fields of a customer. Only name, one contact and stage
 * are required. Amounts are CNY. Who may read and write each field is the field matrix's
 * decision (access/policy.yaml), not this record's.
 */
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
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder()
                .name(name)
                .phone(phone)
                .email(email)
                .wechatId(wechatId)
                .stage(stage)
                .level(level)
                .remark(remark)
                .region(region)
                .nationalId(nationalId)
                .expectedDealAmount(expectedDealAmount)
                .contractAmount(contractAmount)
                .serviceNotes(serviceNotes);
    }

    /** Names every component; {@link #build()} is the one caller of the canonical constructor. */
    public static final class Builder {
        private String name;
        private String phone;
        private String email;
        private String wechatId;
        private CustomerStage stage;
        private CustomerLevel level;
        private String remark;
        private String region;
        private String nationalId;
        private BigDecimal expectedDealAmount;
        private BigDecimal contractAmount;
        private String serviceNotes;

        private Builder() {}

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder phone(String value) {
            this.phone = value;
            return this;
        }

        public Builder email(String value) {
            this.email = value;
            return this;
        }

        public Builder wechatId(String value) {
            this.wechatId = value;
            return this;
        }

        public Builder stage(CustomerStage value) {
            this.stage = value;
            return this;
        }

        public Builder level(CustomerLevel value) {
            this.level = value;
            return this;
        }

        public Builder remark(String value) {
            this.remark = value;
            return this;
        }

        public Builder region(String value) {
            this.region = value;
            return this;
        }

        public Builder nationalId(String value) {
            this.nationalId = value;
            return this;
        }

        public Builder expectedDealAmount(BigDecimal value) {
            this.expectedDealAmount = value;
            return this;
        }

        public Builder contractAmount(BigDecimal value) {
            this.contractAmount = value;
            return this;
        }

        public Builder serviceNotes(String value) {
            this.serviceNotes = value;
            return this;
        }

        public CustomerFields build() {
            return new CustomerFields(
                    name,
                    phone,
                    email,
                    wechatId,
                    stage,
                    level,
                    remark,
                    region,
                    nationalId,
                    expectedDealAmount,
                    contractAmount,
                    serviceNotes);
        }
    }
}
