package org.opencrm.core.contract;

import org.opencrm.core.store.ItemTables;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * A {@link MoneyFactItem} as the contract store writes and reads it: the same item (stream readers
 * map it with MoneyFactItem's schema and never see the difference), plus the invoice type of an
 * invoice or credit note, which the fact itself does not carry.
 */
@DynamoDbBean
public class ContractFactItem extends MoneyFactItem {

    private String invoiceType;

    static ContractFactItem from(MoneyFact fact, InvoiceType invoiceType) {
        // the foundation's mapping, attribute for attribute, then what only contracts add
        ContractFactItem item =
                ItemTables.schema(ContractFactItem.class)
                        .mapToItem(
                                ItemTables.schema(MoneyFactItem.class)
                                        .itemToMap(MoneyFactItem.from(fact), true));
        item.invoiceType = invoiceType == null ? null : invoiceType.name();
        return item;
    }

    RecordedFact toRecorded() {
        return new RecordedFact(
                toFact(), invoiceType == null ? null : InvoiceType.valueOf(invoiceType));
    }

    public String getInvoiceType() {
        return invoiceType;
    }

    public void setInvoiceType(String invoiceType) {
        this.invoiceType = invoiceType;
    }
}
