package org.opencrm.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.opencrm.core.store.StampedItem;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * Enhanced Client mapping of one configuration version; lives only inside the store.
 *
 * <p>A version is written once and never changed, so its stamp's actor and time are its author and
 * time: they are not stored twice.
 */
@DynamoDbBean
public class ConfigItem extends StampedItem {

    static final String ENTITY_TYPE = "CONFIG";
    static final String PARTITION_KEY = "configName";
    static final String SORT_KEY = "version";

    // plain JSON text both ways; validation is the definition's job, not the mapping's
    private static final ObjectMapper JSON = new ObjectMapper();

    private String configName;
    private Long version;
    private String value;
    private String note;
    private Long rolledBackFrom;

    static ConfigItem from(ConfigVersion version, WriteStamp stamp) {
        ConfigItem item = new ConfigItem();
        item.configName = version.name();
        item.version = version.version();
        item.value = json(version);
        item.note = version.note();
        item.rolledBackFrom = version.rolledBackFrom();
        item.stamp(ENTITY_TYPE, stamp);
        // every version is its own item; the trail files them all under the configuration
        item.setAuditEntityId(auditEntityId(version.name()));
        return item;
    }

    static String auditEntityId(String name) {
        return "config:" + name;
    }

    ConfigVersion toVersion() {
        try {
            return new ConfigVersion(
                    configName,
                    version,
                    JSON.readTree(value),
                    getUpdatedBy(),
                    getUpdatedAt(),
                    note,
                    rolledBackFrom);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException(
                    "configuration " + configName + " version " + version + " does not hold JSON",
                    corrupt);
        }
    }

    private static String json(ConfigVersion version) {
        try {
            return JSON.writeValueAsString(version.value());
        } catch (JsonProcessingException unwritable) {
            throw new IllegalStateException(
                    "configuration " + version.name() + " cannot be written as JSON", unwritable);
        }
    }

    @DynamoDbPartitionKey
    public String getConfigName() {
        return configName;
    }

    public void setConfigName(String configName) {
        this.configName = configName;
    }

    @DynamoDbSortKey
    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    public Long getRolledBackFrom() {
        return rolledBackFrom;
    }

    public void setRolledBackFrom(Long rolledBackFrom) {
        this.rolledBackFrom = rolledBackFrom;
    }
}
