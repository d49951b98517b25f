package org.opencrm.core.activity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.access.Ownership;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An activity as the activities table stores it: its fields, its index keys and the write stamp the
 * audit stream reads ({@code entityType} ACTIVITY). Tags are a list of {tag, matched} maps.
 */
final class ActivityItem {

    static final String KIND = "ACTIVITY";
    static final String ENTITY_TYPE = "ACTIVITY";

    private ActivityItem() {}

    static Map<String, AttributeValue> from(Activity activity, WriteStamp stamp) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(activity.id()));
        item.put("kind", s(KIND));
        item.put("entityType", s(ENTITY_TYPE));
        item.put("version", n(activity.version() + 1));
        item.put("activityKind", s(activity.kind().name()));
        putText(item, "body", activity.body());
        item.put("occurredAt", s(activity.occurredAt().toString()));
        if (activity.durationSeconds() != null) {
            item.put("durationSeconds", n(activity.durationSeconds()));
        }
        putText(item, "outcome", activity.outcome());
        putText(item, "nextFollowUpAt", instant(activity.nextFollowUpAt()));
        putText(item, "actorId", activity.actorId());
        List<AttributeValue> tags = new ArrayList<>();
        for (TagMatch tag : activity.tags()) {
            tags.add(
                    AttributeValue.fromM(Map.of("tag", s(tag.tag()), "matched", s(tag.matched()))));
        }
        item.put("tags", AttributeValue.fromL(tags));
        putText(item, "recordType", activity.recordType());
        putText(item, "recordId", activity.recordId());
        putText(item, "customerId", activity.customerId());
        putText(item, "goldenId", activity.goldenId());
        putText(item, "leadId", activity.leadId());
        putText(item, "dealId", activity.dealId());
        Ownership owner = activity.ownership();
        if (owner != null) {
            putText(item, "ownerId", owner.ownerId());
            putText(item, "team", owner.team());
            putText(item, "region", owner.region());
            putText(item, "serviceAgentId", owner.serviceAgentId());
        }
        item.put("createdAt", s(activity.createdAt().toString()));
        item.put("customerKey", s(timelineKey(activity)));
        item.put("listKey", s(Keys.listKey(activity.occurredAt(), activity.id())));
        item.put("updatedAt", s(stamp.at().toString()));
        putText(item, "updatedBy", stamp.actorId());
        putText(item, "requestId", stamp.requestId());
        putText(item, "sourceIp", stamp.sourceIp());
        return item;
    }

    /** The timeline partition: the customer's, else the lead's until it has a customer. */
    static String timelineKey(Activity activity) {
        return activity.customerId() != null
                ? Keys.activityCustomer(activity.customerId())
                : Keys.activityLead(activity.leadId());
    }

    static boolean isActivity(Map<String, AttributeValue> item) {
        return item != null && KIND.equals(text(item, "kind"));
    }

    static Activity toActivity(Map<String, AttributeValue> item) {
        List<TagMatch> tags = new ArrayList<>();
        AttributeValue stored = item.get("tags");
        if (stored != null && stored.hasL()) {
            for (AttributeValue tag : stored.l()) {
                tags.add(new TagMatch(tag.m().get("tag").s(), tag.m().get("matched").s()));
            }
        }
        return Activity.builder()
                .id(text(item, "id"))
                .version(Long.parseLong(item.get("version").n()))
                .kind(ActivityKind.valueOf(text(item, "activityKind")))
                .body(text(item, "body"))
                .occurredAt(Instant.parse(text(item, "occurredAt")))
                .durationSeconds(
                        item.containsKey("durationSeconds")
                                ? Integer.valueOf(item.get("durationSeconds").n())
                                : null)
                .outcome(text(item, "outcome"))
                .nextFollowUpAt(parse(text(item, "nextFollowUpAt")))
                .actorId(text(item, "actorId"))
                .tags(tags)
                .recordType(text(item, "recordType"))
                .recordId(text(item, "recordId"))
                .customerId(text(item, "customerId"))
                .goldenId(text(item, "goldenId"))
                .leadId(text(item, "leadId"))
                .dealId(text(item, "dealId"))
                .ownership(
                        new Ownership(
                                text(item, "ownerId"),
                                text(item, "team"),
                                text(item, "region"),
                                text(item, "serviceAgentId")))
                .createdAt(Instant.parse(text(item, "createdAt")))
                .updatedAt(Instant.parse(text(item, "updatedAt")))
                .build();
    }

    static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static void putText(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static String instant(Instant at) {
        return at == null ? null : at.toString();
    }

    private static Instant parse(String at) {
        return at == null ? null : Instant.parse(at);
    }
}
