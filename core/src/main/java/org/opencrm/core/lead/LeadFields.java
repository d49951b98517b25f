package org.opencrm.core.lead;

import java.math.BigDecimal;

/**
 * A lead's canonical fields, normalised: phone in E.164, email lower-cased, budget in CNY. Any of
 * them may be missing; intake makes sure at least one contact is usable.
 *
 * @param interactions30d interactions with the prospect in the last 30 days, as the channel
 *     reported them
 */
public record LeadFields(
        String name,
        String phone,
        String email,
        String wechatId,
        String company,
        String region,
        BigDecimal budget,
        String notes,
        Integer interactions30d,
        String nationalId) {

    /** The canonical field names, which are also the alias map's targets. */
    public static final java.util.List<String> NAMES =
            java.util.List.of(
                    "name",
                    "phone",
                    "email",
                    "wechatId",
                    "company",
                    "region",
                    "budget",
                    "notes",
                    "interactions30d",
                    "nationalId");

    public boolean hasContact() {
        return phone != null || email != null || wechatId != null;
    }

    /** New fields, every component named; what is left unset is missing. */
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
                .company(company)
                .region(region)
                .budget(budget)
                .notes(notes)
                .interactions30d(interactions30d)
                .nationalId(nationalId);
    }

    /** Names every component; {@link #build()} is the one caller of the canonical constructor. */
    public static final class Builder {
        private String name;
        private String phone;
        private String email;
        private String wechatId;
        private String company;
        private String region;
        private BigDecimal budget;
        private String notes;
        private Integer interactions30d;
        private String nationalId;

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

        public Builder company(String value) {
            this.company = value;
            return this;
        }

        public Builder region(String value) {
            this.region = value;
            return this;
        }

        public Builder budget(BigDecimal value) {
            this.budget = value;
            return this;
        }

        public Builder notes(String value) {
            this.notes = value;
            return this;
        }

        public Builder interactions30d(Integer value) {
            this.interactions30d = value;
            return this;
        }

        public Builder nationalId(String value) {
            this.nationalId = value;
            return this;
        }

        public LeadFields build() {
            return new LeadFields(
                    name,
                    phone,
                    email,
                    wechatId,
                    company,
                    region,
                    budget,
                    notes,
                    interactions30d,
                    nationalId);
        }
    }
}
