package org.opencrm.core.deal;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A deal's fields as a caller sends them, for {@code createDeal} (every field may be given) and
 * {@code updateDeal} (null: unchanged; the customer is not changed by an update).
 *
 * @param amount the amount in fen (the API's Money scalar has parsed it)
 */
@RecordBuilder
public record DealInput(
        String customerId,
        String title,
        Long amount,
        LocalDate expectedCloseDate,
        Integer grossMarginPercent,
        String nextStep) {

    /** The deal fields this input writes, as the field matrix names them. */
    public List<String> writtenFields() {
        List<String> written = new ArrayList<>();
        if (customerId != null) {
            written.add("customerId");
        }
        if (title != null) {
            written.add("title");
        }
        if (amount != null) {
            written.add("amount");
        }
        if (expectedCloseDate != null) {
            written.add("expectedCloseDate");
        }
        if (grossMarginPercent != null) {
            written.add("grossMarginPercent");
        }
        if (nextStep != null) {
            written.add("nextStep");
        }
        return written;
    }

    /** A new input, every component named; what is left unset is not given. */
    public static DealInputBuilder builder() {
        return DealInputBuilder.builder();
    }
}
