package org.opencrm.core.customer;

/**
 * Raw customer fields as a client sent them, before normalisation and validation. For a
 * create, null means "not given"; for an update, null means "unchanged" and an empty
 * string clears an optional field.
 */
public record CustomerInput(
        String name,
        String phone,
        String email,
        String wechatId,
        CustomerStage stage,
        String remark,
        String region) {
}
