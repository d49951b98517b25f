package org.opencrm.core.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerFields;
import org.opencrm.core.customer.CustomerStage;
import org.opencrm.core.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Which lists a customer counts in, and which customer a stream image names: pure. */
class HealthPartitionsTest {

    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");

    private static Customer customer(String team, String region) {
        return Customer.builder()
                .id("c1")
                .fields(
                        CustomerFields.builder()
                                .name("n")
                                .email("a@qq.com")
                                .region(region)
                                .stage(CustomerStage.NEW)
                                .build())
                .ownerId("rep-1")
                .team(team)
                .createdAt(AT)
                .updatedAt(AT)
                .build();
    }

    @Test
    void aCustomerWithTeamAndRegion_countsInTheOrgsItsRegionsAndItsTeamsGroups() {
        List<String> partitions = HealthPartitions.of(customer("t1", "华东"), "WEB_FORM");

        assertEquals(
                List.of(
                        "ALL|" + Keys.healthAllShard("c1"),
                        "ALL|REGION#华东",
                        "ALL|OWNER#rep-1",
                        "ALL|TEAM#t1",
                        "ALL|CHANNEL#WEB_FORM",
                        "REGION#华东|OWNER#rep-1",
                        "REGION#华东|TEAM#t1",
                        "REGION#华东|CHANNEL#WEB_FORM",
                        "TEAM#t1|OWNER#rep-1",
                        "TEAM#t1|TEAM#t1",
                        "TEAM#t1|CHANNEL#WEB_FORM"),
                partitions);
    }

    @Test
    void anArchivedCustomer_countsNowhere() {
        assertEquals(
                List.of(),
                HealthPartitions.of(customer("t1", "华东").withArchived(true, "r", AT), "X"));
    }

    @Test
    void aPartition_splitsIntoItsFamilyAndValue_asByGroupListsThem() {
        String[] split = HealthPartitions.split("REGION#华东|OWNER#rep-1");

        assertEquals("REGION#华东|OWNER", split[0]);
        assertEquals("rep-1", split[1]);
    }

    @Test
    void streamImages_nameTheCustomerOfACustomerActivityOrDeal_andNothingElse() {
        Map<String, AttributeValue> customer =
                Map.of(
                        "id", AttributeValue.fromS("c1"),
                        "ownerId", AttributeValue.fromS("rep-1"),
                        "name", AttributeValue.fromS("n"));
        Map<String, AttributeValue> activity =
                Map.of(
                        "id", AttributeValue.fromS("a1"),
                        "kind", AttributeValue.fromS("ACTIVITY"),
                        "customerId", AttributeValue.fromS("c2"));
        Map<String, AttributeValue> deal =
                Map.of(
                        "id", AttributeValue.fromS("d1"),
                        "kind", AttributeValue.fromS("DEAL"),
                        "customerId", AttributeValue.fromS("c3"));
        Map<String, AttributeValue> reminder =
                Map.of(
                        "id", AttributeValue.fromS("r1"),
                        "kind", AttributeValue.fromS("FOLLOW_UP"),
                        "customerId", AttributeValue.fromS("c4"));

        assertEquals(Optional.of("c1"), HealthReactor.customerIdOf(customer));
        assertEquals(Optional.of("c2"), HealthReactor.customerIdOf(activity));
        assertEquals(Optional.of("c3"), HealthReactor.customerIdOf(deal));
        assertTrue(HealthReactor.customerIdOf(reminder).isEmpty());
        assertTrue(HealthReactor.customerIdOf(null).isEmpty());
    }
}
