package org.opencrm.core.customer;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Raw customer fields as a client sent them, before normalisation and validation. For a create,
 * null means "not given"; for an update, null means "unchanged" and an empty string clears an
 * optional field.
 */
@RecordBuilder
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
    public static CustomerInputBuilder builder() {
        return CustomerInputBuilder.builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public CustomerInputBuilder toBuilder() {
        return CustomerInputBuilder.builder(this);
    }
}
