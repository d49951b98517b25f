package org.opencrm.core.customer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.breaker.SensitiveOperationBreaker;
import org.opencrm.core.store.Pages;

/**
 * Customer export to CSV: only customers in the caller's scope, only the columns the caller
 * may read, and every row counted by the breaker before any is returned.
 */
public final class CustomerExport {

    /** A CSV export: how many rows, and the document (header line first). */
    public record Csv(int rowCount, String csv) {}

    private static final CsvMapper CSV = new CsvMapper();
    private static final String FORMULA_STARTS = "=+-@\t\r";
    private static final Map<String, Function<Customer, Object>> COLUMNS = columns();

    private final CustomerService customers;
    private final AccessPolicy policy;
    private final SensitiveOperationBreaker breaker;

    public CustomerExport(
            CustomerService customers, AccessPolicy policy, SensitiveOperationBreaker breaker) {
        this.customers = customers;
        this.policy = policy;
        this.breaker = breaker;
    }

    public Csv export(CustomerFilter filter, Caller caller) {
        List<Customer> rows = breaker.chargeExport(caller, cap -> collect(filter, caller, cap));
        List<String> readable =
                COLUMNS.keySet().stream()
                        .filter(
                                column ->
                                        policy.mayReadField(
                                                CustomerService.TYPE, column, caller.role()))
                        .toList();
        return new Csv(rows.size(), write(rows, readable));
    }

    private List<Customer> collect(CustomerFilter filter, Caller caller, int cap) {
        return Pages.all(page -> customers.list(filter, page, caller)).limit(cap).toList();
    }

    private static String write(List<Customer> rows, List<String> columns) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        List<Map<String, String>> lines = new ArrayList<>();
        for (Customer customer : rows) {
            Map<String, String> line = new LinkedHashMap<>();
            columns.forEach(column -> line.put(column, text(COLUMNS.get(column).apply(customer))));
            lines.add(line);
        }
        try {
            return CSV.writer(schema.build()).writeValueAsString(lines);
        } catch (JsonProcessingException unwritable) {
            throw new IllegalStateException(
                    "customer export could not be written as CSV", unwritable);
        }
    }

    /**
     * Spreadsheet-safe text: instants in ISO-8601, amounts in plain notation, nothing as an empty
     * cell. A cell a spreadsheet would run as a formula (= + - @, tab, CR) is quoted with a leading
     * apostrophe (OWASP CSV injection), which also keeps +86 phones as text.
     */
    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        String text =
                value instanceof BigDecimal amount ? amount.toPlainString() : value.toString();
        return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private static Map<String, Function<Customer, Object>> columns() {
        Map<String, Function<Customer, Object>> columns = new LinkedHashMap<>();
        columns.put("id", Customer::id);
        columns.put("name", c -> c.fields().name());
        columns.put("phone", c -> c.fields().phone());
        columns.put("email", c -> c.fields().email());
        columns.put("wechatId", c -> c.fields().wechatId());
        columns.put("stage", c -> c.fields().stage());
        columns.put("level", c -> c.fields().level());
        columns.put("region", c -> c.fields().region());
        columns.put("team", Customer::team);
        columns.put("ownerId", Customer::ownerId);
        columns.put("serviceAgentId", Customer::serviceAgentId);
        columns.put("nationalId", c -> c.fields().nationalId());
        columns.put("expectedDealAmount", c -> c.fields().expectedDealAmount());
        columns.put("contractAmount", c -> c.fields().contractAmount());
        columns.put("remark", c -> c.fields().remark());
        columns.put("serviceNotes", c -> c.fields().serviceNotes());
        columns.put("createdAt", Customer::createdAt);
        columns.put("updatedAt", Customer::updatedAt);
        // insertion order is the column order
        return Collections.unmodifiableMap(columns);
    }
}
