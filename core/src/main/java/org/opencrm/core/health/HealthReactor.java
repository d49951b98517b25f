package org.opencrm.core.health;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * HealthFunction's reactor: the customers, activities, deals and tickets streams each name a
 * customer whose health may have changed, and it is recomputed ({@link HealthKeeper}). Idempotent:
 * a redelivered record recomputes the same score and writes nothing; the health table has no
 * stream, so writing a score starts nothing again.
 */
public final class HealthReactor {

    /** The kinds of item whose changes move their customer's activity. */
    private static final Set<String> TOUCHES = Set.of("ACTIVITY", "DEAL", "TICKET");

    private final HealthKeeper keeper;

    public HealthReactor(HealthKeeper keeper) {
        this.keeper = keeper;
    }

    public void onRecord(Record record) {
        if (record.dynamodb() == null) {
            return;
        }
        Set<String> customerIds = new LinkedHashSet<>();
        // before and after: a deal moved to another customer changes both
        customerIdOf(record.dynamodb().oldImage()).ifPresent(customerIds::add);
        customerIdOf(record.dynamodb().newImage()).ifPresent(customerIds::add);
        customerIds.forEach(keeper::recompute);
    }

    /**
     * The customer an image concerns: an activity's or deal's customer, or the customer itself.
     * Customer items are the only ones of the three tables without a {@code kind}; other kinds
     * (reminders, stage entries, history rows) concern no score.
     */
    static Optional<String> customerIdOf(Map<String, AttributeValue> image) {
        if (image == null || image.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue kind = image.get("kind");
        if (kind == null) {
            boolean customer = image.containsKey("ownerId") && image.containsKey("name");
            return customer ? text(image, "id") : Optional.empty();
        }
        return TOUCHES.contains(kind.s()) ? text(image, "customerId") : Optional.empty();
    }

    private static Optional<String> text(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        return value == null || value.s() == null || value.s().isEmpty()
                ? Optional.empty()
                : Optional.of(value.s());
    }
}
