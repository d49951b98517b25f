package org.opencrm.core.intake;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/**
 * A slice of an import's rows (as JSON objects, header → cell), small enough for one item. Its
 * INSERT on the intake stream is what makes the import function process it; its status turns DONE
 * in the same transaction that adds its tally to the job, so it counts once. Not a domain record:
 * no entity type, so the audit trail leaves it out.
 */
@DynamoDbBean
public class ImportChunkItem {

    static final String KIND = "IMPORT_CHUNK";
    static final String PENDING = "PENDING";
    static final String DONE = "DONE";

    private String id;
    private String kind;
    private String importId;
    private String channel;
    private Long firstRow;
    private Integer rowCount;
    private String rowsJson;
    private String status;
    private String createdBy;
    private String requestId;

    @DynamoDbPartitionKey
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getImportId() {
        return importId;
    }

    public void setImportId(String importId) {
        this.importId = importId;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public Long getFirstRow() {
        return firstRow;
    }

    public void setFirstRow(Long firstRow) {
        this.firstRow = firstRow;
    }

    public Integer getRowCount() {
        return rowCount;
    }

    public void setRowCount(Integer rowCount) {
        this.rowCount = rowCount;
    }

    public String getRowsJson() {
        return rowsJson;
    }

    public void setRowsJson(String rowsJson) {
        this.rowsJson = rowsJson;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public void setCreatedBy(String createdBy) {
        this.createdBy = createdBy;
    }

    public String getRequestId() {
        return requestId;
    }

    public void setRequestId(String requestId) {
        this.requestId = requestId;
    }
}
