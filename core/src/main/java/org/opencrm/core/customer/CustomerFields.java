package org.opencrm.core.customer;

import java.util.Objects;

/**
 * The validated, normalised, user-editable fields of a customer. Only name, one contact
 * and stage are required.
 */
public record CustomerFields(
        String name,
        String phone,
        String email,
        String wechatId,
        CustomerStage stage,
        String remark,
        String region) {

    public CustomerFields {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stage, "stage");
        if (phone == null && email == null && wechatId == null) {
            throw new IllegalArgumentException("a customer needs one contact");
        }
    }
}
