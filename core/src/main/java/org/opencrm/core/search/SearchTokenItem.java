package org.opencrm.core.search;

import java.util.Objects;
import org.opencrm.core.access.Ownership;
import org.opencrm.core.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * One token of one record in the search table. The table key (record, token) keeps a record's
 * tokens in one partition, so the indexer reads and replaces them with one query; the byToken index
 * (token partition, token#id) serves prefix queries (a key range). The hit's title, subtitle and
 * the record's row-scope facts ride on the item, so a search reads no record.
 */
@DynamoDbBean
public class SearchTokenItem {

    public static final String BY_TOKEN = "byToken";

    private String recordKey;
    private String token;
    private String tokenKey;
    private String tokenSort;
    private String type;
    private String recordId;
    private String kind;
    private String value;
    private String title;
    private String subtitle;
    private String ownerId;
    private String team;
    private String region;
    private String serviceAgentId;

    static SearchTokenItem of(SearchDocument document, SearchToken token) {
        SearchTokenItem item = new SearchTokenItem();
        item.recordKey = Keys.searchRecord(document.type().name(), document.id());
        item.token = Keys.searchToken(token.kind().name(), token.value());
        item.tokenKey =
                Keys.searchPartition(document.type().name(), token.kind().pinyin(), token.value());
        item.tokenSort = Keys.searchSort(token.value(), document.id());
        item.type = document.type().name();
        item.recordId = document.id();
        item.kind = token.kind().name();
        item.value = token.value();
        item.title = document.title();
        item.subtitle = document.subtitle();
        item.ownerId = document.ownership().ownerId();
        item.team = document.ownership().team();
        item.region = document.ownership().region();
        item.serviceAgentId = document.ownership().serviceAgentId();
        return item;
    }

    SearchToken searchToken() {
        return new SearchToken(TokenKind.valueOf(kind), value);
    }

    Ownership ownership() {
        return new Ownership(ownerId, team, region, serviceAgentId);
    }

    /** Whether writing {@code other} over this item would change nothing. */
    boolean sameAs(SearchTokenItem other) {
        return Objects.equals(tokenKey, other.tokenKey)
                && Objects.equals(tokenSort, other.tokenSort)
                && Objects.equals(title, other.title)
                && Objects.equals(subtitle, other.subtitle)
                && Objects.equals(ownership(), other.ownership());
    }

    @DynamoDbPartitionKey
    public String getRecordKey() {
        return recordKey;
    }

    public void setRecordKey(String recordKey) {
        this.recordKey = recordKey;
    }

    @DynamoDbSortKey
    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_TOKEN)
    public String getTokenKey() {
        return tokenKey;
    }

    public void setTokenKey(String tokenKey) {
        this.tokenKey = tokenKey;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_TOKEN)
    public String getTokenSort() {
        return tokenSort;
    }

    public void setTokenSort(String tokenSort) {
        this.tokenSort = tokenSort;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getRecordId() {
        return recordId;
    }

    public void setRecordId(String recordId) {
        this.recordId = recordId;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getSubtitle() {
        return subtitle;
    }

    public void setSubtitle(String subtitle) {
        this.subtitle = subtitle;
    }

    public String getOwnerId() {
        return ownerId;
    }

    public void setOwnerId(String ownerId) {
        this.ownerId = ownerId;
    }

    public String getTeam() {
        return team;
    }

    public void setTeam(String team) {
        this.team = team;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getServiceAgentId() {
        return serviceAgentId;
    }

    public void setServiceAgentId(String serviceAgentId) {
        this.serviceAgentId = serviceAgentId;
    }
}
