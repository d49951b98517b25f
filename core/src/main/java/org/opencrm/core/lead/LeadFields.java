package org.opencrm.core.lead;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.math.BigDecimal;

/**
 * A lead's canonical fields, normalised: phone in E.164, email lower-cased, budget in CNY. Any of
 * them may be missing; intake makes sure at least one contact is usable.
 *
 * @param interactions30d interactions with the prospect in the last 30 days, as the channel
 *     reported them
 */
@RecordBuilder
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
    public static LeadFieldsBuilder builder() {
        return LeadFieldsBuilder.builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public LeadFieldsBuilder toBuilder() {
        return LeadFieldsBuilder.builder(this);
    }
}
