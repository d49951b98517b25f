package org.opencrm.core.testing;

import java.math.BigDecimal;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.customer.CustomerLevel;
import org.opencrm.core.customer.CustomerStage;

/**
 * Builds a {@link CustomerInput} naming only the fields a test sets, so a test says {@code
 * patch().serviceNotes("called back").build()} instead of a row of nulls.
 */
public final class CustomerPatch {

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

    private CustomerPatch() {}

    /** An input that writes nothing until fields are set. */
    public static CustomerPatch patch() {
        return new CustomerPatch();
    }

    /** A new customer with a name and a fresh mobile number. */
    public static CustomerPatch newCustomer(String name) {
        return patch().name(name).phone(TestCallers.uniqueMobile());
    }

    public CustomerPatch name(String value) {
        name = value;
        return this;
    }

    public CustomerPatch phone(String value) {
        phone = value;
        return this;
    }

    public CustomerPatch email(String value) {
        email = value;
        return this;
    }

    public CustomerPatch wechatId(String value) {
        wechatId = value;
        return this;
    }

    public CustomerPatch stage(CustomerStage value) {
        stage = value;
        return this;
    }

    public CustomerPatch level(CustomerLevel value) {
        level = value;
        return this;
    }

    public CustomerPatch remark(String value) {
        remark = value;
        return this;
    }

    public CustomerPatch region(String value) {
        region = value;
        return this;
    }

    public CustomerPatch nationalId(String value) {
        nationalId = value;
        return this;
    }

    public CustomerPatch expectedDealAmount(String value) {
        expectedDealAmount = new BigDecimal(value);
        return this;
    }

    public CustomerPatch contractAmount(String value) {
        contractAmount = new BigDecimal(value);
        return this;
    }

    public CustomerPatch serviceNotes(String value) {
        serviceNotes = value;
        return this;
    }

    public CustomerPatch ownerId(String value) {
        ownerId = value;
        return this;
    }

    public CustomerPatch serviceAgentId(String value) {
        serviceAgentId = value;
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
