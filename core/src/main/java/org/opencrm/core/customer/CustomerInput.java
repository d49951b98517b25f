package org.opencrm.core.customer;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Raw customer fields as a client sent them, before normalisation and validation. For a create,
 * null means "not given"; for an update, null means "unchanged" and an empty string clears an
 * optional field.
 */
public record CustomerInput(
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
        String serviceNotes,
        String ownerId,
        String serviceAgentId) {

    public CustomerInput(
            String name,
            String phone,
            String email,
            String wechatId,
            CustomerStage stage,
            String remark,
            String region) {
        this(
                name, phone, email, wechatId, stage, null, remark, region, null, null, null, null,
                null, null);
    }

    /** The names of the fields this input writes, for the field matrix. */
    public Set<String> writtenFields() {
        Set<String> written = new LinkedHashSet<>();
        Object[] values = {
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
            serviceNotes,
            ownerId,
            serviceAgentId
        };
        String[] names = {
            "name",
            "phone",
            "email",
            "wechatId",
            "stage",
            "level",
            "remark",
            "region",
            "nationalId",
            "expectedDealAmount",
            "contractAmount",
            "serviceNotes",
            "ownerId",
            "serviceAgentId"
        };
        for (int i = 0; i < names.length; i++) {
            if (values[i] != null) {
                written.add(names[i]);
            }
        }
        return written;
    }

    /** A new input, every component named; what is left unset is not given. */
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
                .serviceNotes(serviceNotes)
                .ownerId(ownerId)
                .serviceAgentId(serviceAgentId);
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
        private String ownerId;
        private String serviceAgentId;

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

        public Builder ownerId(String value) {
            this.ownerId = value;
            return this;
        }

        public Builder serviceAgentId(String value) {
            this.serviceAgentId = value;
            return this;
        }

        public CustomerInput build() {
            return new CustomerInput(
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
                    serviceNotes,
                    ownerId,
                    serviceAgentId);
        }
    }
}
