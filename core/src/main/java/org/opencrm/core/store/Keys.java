package org.opencrm.core.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.opencrm.core.input.InputRules;
import org.opencrm.core.signing.Sha256;

/**
 * Every key and index key the stores write, in one place.
 *
 * <p>Sort keys start with a fixed-width UTC time so that string order is time order. Index
 * partitions with few distinct values (a region, a stage, "all") are write-sharded into {@link
 * #SHARDS} partitions so none of them takes more than its share of writes; readers query every
 * shard and merge.
 */
public final class Keys {

    public static final int SHARDS = 4;
    private static final String ACTIVE = "A";
    private static final String ARCHIVED = "X";
    // the prefix whose ObjectCreated events the template delivers to FileArrivedFunction
    private static final String UPLOADS = "uploads/";
    private static final DateTimeFormatter SORTABLE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Keys() {}

    public enum IdentityKind {
        PHONE,
        EMAIL,
        WECHAT
    }

    public static String identity(IdentityKind kind, String normalisedValue) {
        return kind + "#" + normalisedValue;
    }

    /**
     * A lead's claim on a contact, apart from customers' claims: a lead and its customer may share
     * a phone.
     */
    public static String leadIdentity(IdentityKind kind, String normalisedValue) {
        return "LEAD#" + kind + "#" + normalisedValue;
    }

    /** One external system's id of a customer (R-08): one external id belongs to one customer. */
    public static String externalId(String system, String externalId) {
        return "EXT#" + system + "#" + externalId;
    }

    /**
     * A golden id (R-07) and the customer it names: claimed with the customer, never released, so
     * an id is never given to a second customer; a lead's id absorbed by an existing customer is
     * claimed for that customer too.
     */
    public static String goldenId(String goldenId) {
        return "GOLDEN#" + goldenId;
    }

    /** Newest-first list order for leads and intake records; unique because it ends with the id. */
    public static String listKey(Instant at, String id) {
        return sortableTime(at) + "#" + id;
    }

    /** The lowest list key at {@code at}: an inclusive lower bound. */
    public static String listKeyFrom(Instant at) {
        return sortableTime(at);
    }

    /** Above every list key at {@code at}: an inclusive upper bound. */
    public static String listKeyUpTo(Instant at) {
        return sortableTime(at) + "~";
    }

    public static String leadStatus(String status, String id) {
        return "STATUS#" + status + "#" + shardOf(id);
    }

    public static List<String> leadStatusShards(String status) {
        return shards("STATUS#" + status);
    }

    public static String leadChannel(String channel, String id) {
        return "CHANNEL#" + channel + "#" + shardOf(id);
    }

    public static List<String> leadChannelShards(String channel) {
        return shards("CHANNEL#" + channel);
    }

    public static String leadRegion(String region, String id) {
        return "REGION#" + region + "#" + shardOf(id);
    }

    public static List<String> leadRegionShards(String region) {
        return shards("REGION#" + region);
    }

    public static String leadTeam(String team) {
        return "TEAM#" + team;
    }

    public static String leadAll(String id) {
        return "ALL#" + shardOf(id);
    }

    public static List<String> leadAllShards() {
        return shards("ALL");
    }

    /** Leads with an SLA step pending: the sweep's work list, sharded. */
    public static String slaDue(String leadId) {
        return "DUE#" + shardOf(leadId);
    }

    public static List<String> slaDueShards() {
        return shards("DUE");
    }

    /** The unassigned pool of a region (R-12); leads without a region wait in NONE. */
    public static String leadPool(String region) {
        return "POOL#" + (region == null ? "NONE" : region);
    }

    /**
     * Pooled leads by the reminders their pool stay has sent, sharded: partition {@code n} holds
     * the stays whose next reminder is the {@code n+1}-th, sorted by when the stay began.
     */
    public static String poolAge(int remindersSent, String leadId) {
        return "POOLAGE#" + remindersSent + "#" + shardOf(leadId);
    }

    public static List<String> poolAgeShards(int remindersSent) {
        return shards("POOLAGE#" + remindersSent);
    }

    /** Open leads a rep carries now: the load the assignment weighs. */
    public static String repLoad(String userId) {
        return "LOAD#" + userId;
    }

    /** SLA steps a rep missed in a row (R-14). */
    public static String slaMisses(String userId) {
        return "MISSES#" + userId;
    }

    /**
     * Notifications with a delivery due (new, retry, or a lapsed attempt): the re-drive's work
     * list.
     */
    public static String deliveryDue(String notificationId) {
        return "RETRY#" + shardOf(notificationId);
    }

    public static List<String> deliveryDueShards() {
        return shards("RETRY");
    }

    /** Notifications with a failed delivery, by the failure's time (admins' deliveryFailures). */
    public static String deliveryFailed(String notificationId) {
        return "FAILED#" + shardOf(notificationId);
    }

    public static List<String> deliveryFailedShards() {
        return shards("FAILED");
    }

    /** One user's own notification channels per kind. */
    public static String notificationPreferences(String userId) {
        return "PREFS#" + userId;
    }

    /** A pending upload's item in the counters table, found by id when its object arrives. */
    public static String upload(String uploadId) {
        return "UPLOAD#" + uploadId;
    }

    /**
     * The object key of an upload: ours, by purpose and a fresh id, never the client's file name
     * (which could collide, traverse or leak into logs). {@code uploads/} is the prefix whose
     * ObjectCreated events the template delivers.
     */
    public static String uploadObject(String purpose, String uploadId) {
        return UPLOADS + purpose.toLowerCase(java.util.Locale.ROOT) + "/" + uploadId;
    }

    /** The upload id of an object key {@link #uploadObject} made; empty for any other key. */
    public static java.util.Optional<String> uploadIdOf(String objectKey) {
        if (objectKey == null || !objectKey.startsWith(UPLOADS)) {
            return java.util.Optional.empty();
        }
        String[] parts = objectKey.substring(UPLOADS.length()).split("/", -1);
        // an object put under uploads/ by anyone but a presigned URL of ours has no upload, and
        // its name may be no id a key could hold
        if (parts.length != 2 || !InputRules.isId(parts[1])) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(parts[1]);
    }

    /** The files-table index partition of one record's attachments (the record's id). */
    public static String attachmentsOf(String entityId) {
        return entityId;
    }

    /** The latest finance push of one customer (its notification id), beside the counters. */
    public static String financeSyncLatest(String customerId) {
        return "FINSYNC#" + customerId;
    }

    /** SMS sent to one phone on one local day (the daily cap). */
    public static String smsDaily(String phone, java.time.LocalDate day) {
        return "SMS#" + phone + "#" + day;
    }

    /** Quarantined records waiting for a fix, per channel. */
    public static String quarantine(String channel, String id) {
        return "QUARANTINE#" + channel + "#" + shardOf(id);
    }

    public static List<String> quarantineShards(String channel) {
        return shards("QUARANTINE#" + channel);
    }

    /** The rows of one import that need attention, in row order (zero-padded). */
    public static String importRow(long row) {
        return String.format(Locale.ROOT, "%09d", row);
    }

    public static String sortableTime(Instant at) {
        return SORTABLE_TIME.format(at);
    }

    /** Newest-first list order for customers; unique because it ends with the id. */
    public static String customerListKey(Instant createdAt, String id) {
        return sortableTime(createdAt) + "#" + id;
    }

    public static String customerOwner(String ownerId, boolean archived) {
        return ownerId + "#" + lifecycle(archived);
    }

    public static String customerRegion(String region, boolean archived, String id) {
        return "REGION#" + region + "#" + lifecycle(archived) + "#" + shardOf(id);
    }

    public static String customerStage(String stage, boolean archived, String id) {
        return "STAGE#" + stage + "#" + lifecycle(archived) + "#" + shardOf(id);
    }

    public static String customerAll(boolean archived, String id) {
        return "ALL#" + lifecycle(archived) + "#" + shardOf(id);
    }

    public static List<String> customerRegionShards(String region, boolean archived) {
        return shards("REGION#" + region + "#" + lifecycle(archived));
    }

    public static List<String> customerStageShards(String stage, boolean archived) {
        return shards("STAGE#" + stage + "#" + lifecycle(archived));
    }

    public static List<String> customerAllShards(boolean archived) {
        return shards("ALL#" + lifecycle(archived));
    }

    public static String customerTeam(String team, boolean archived) {
        return "TEAM#" + team + "#" + lifecycle(archived);
    }

    public static String customerServiceAgent(String agentId, boolean archived) {
        return agentId + "#" + lifecycle(archived);
    }

    /** The one partition of the org-wide user list: users are few and rarely written. */
    public static String userOrg() {
        return "ORG";
    }

    public static String userTeam(String team) {
        return "TEAM#" + team;
    }

    public static String userRegion(String region) {
        return "REGION#" + region;
    }

    /** Users list by name; unique because it ends with the id. */
    public static String userName(String name, String id) {
        return name.toLowerCase(Locale.ROOT) + "#" + id;
    }

    /** Rows one user exported on one UTC day (R-29). */
    public static String exportCounter(String userId, LocalDate day) {
        return "EXPORT#" + userId + "#" + day;
    }

    /**
     * The object of one large customer export, under {@code tmp/}: the bucket's lifecycle deletes
     * it after a day, long after its download URL expired. The id is random, never user input.
     */
    public static String exportObject(String exportId) {
        return "tmp/exports/" + exportId + ".csv";
    }

    /** Level changes of one customer by one user (R-29). */
    public static String levelChangeCounter(String userId, String customerId) {
        return "LEVEL#" + userId + "#" + customerId;
    }

    /** Audit rows sort by the change's time, then the stream event id. */
    public static String auditTime(Instant at, String eventId) {
        return sortableTime(at) + "#" + eventId;
    }

    /** The lowest audit time key at {@code at}: an inclusive lower bound. */
    public static String auditTimeFrom(Instant at) {
        return sortableTime(at);
    }

    /** Above every audit time key at {@code at} ('~' sorts after '#'): an inclusive upper bound. */
    public static String auditTimeUpTo(Instant at) {
        return sortableTime(at) + "~";
    }

    /**
     * The deal the one-off migration gives a customer that had a stage before deals existed:
     * derived from the customer id, so a rerun finds it instead of creating a second.
     */
    public static String migratedDeal(String customerId) {
        return "migrated-" + customerId;
    }

    /** Deals of one customer, newest first (a customer may have many deals). */
    public static String dealCustomer(String customerId) {
        return "CUST#" + customerId;
    }

    public static String dealOwner(String ownerId) {
        return "OWNER#" + ownerId;
    }

    public static String dealTeam(String team) {
        return "TEAM#" + team;
    }

    public static String dealRegion(String region, String dealId) {
        return "REGION#" + region + "#" + shardOf(dealId);
    }

    public static List<String> dealRegionShards(String region) {
        return shards("REGION#" + region);
    }

    public static String dealAll(String dealId) {
        return "ALL#" + shardOf(dealId);
    }

    public static List<String> dealAllShards() {
        return shards("ALL");
    }

    public static String dealStage(String stage, String dealId) {
        return "STAGE#" + stage + "#" + shardOf(dealId);
    }

    public static List<String> dealStageShards(String stage) {
        return shards("STAGE#" + stage);
    }

    /**
     * Deals that will go stale (R-17), sharded: set only while the deal's stage has a stale-after
     * and the deal is not flagged yet, sorted by when it is due ({@link #dealStaleAt}).
     */
    public static String dealStaleDue(String dealId) {
        return "STALE#" + shardOf(dealId);
    }

    public static List<String> dealStaleDueShards() {
        return shards("STALE");
    }

    /** A deal flagged stale, for the org-wide stale list; absent while it is not. */
    public static String dealFlaggedStale(String dealId) {
        return "FLAGGED#" + shardOf(dealId);
    }

    public static List<String> dealFlaggedStaleShards() {
        return shards("FLAGGED");
    }

    /** When a deal is due to go stale; unique because it ends with the id. */
    public static String dealStaleAt(Instant due, String dealId) {
        return sortableTime(due) + "#" + dealId;
    }

    /**
     * A stage-history row of a deal, beside the deal: one per move, numbered by the deal version
     * the move wrote, so a repeated write of the same move is the same row.
     */
    public static String dealHistoryRow(String dealId, long dealVersion) {
        return dealId + "#H#" + String.format(Locale.ROOT, "%09d", dealVersion);
    }

    /** A deal's history rows, newest first by the move's time. */
    public static String dealHistory(String dealId) {
        return "HIST#" + dealId;
    }

    public static String dealHistorySort(Instant at, long dealVersion) {
        return sortableTime(at) + "#" + String.format(Locale.ROOT, "%09d", dealVersion);
    }

    /** A deal's stay in one stage as the funnel counts it: one row per deal and stage. */
    public static String stageEntry(String dealId, String stage) {
        return dealId + "#" + stage;
    }

    /** The funnel's entries of a stage across the org, sharded, by first-entered time. */
    public static String funnelAll(String stage, String dealId) {
        return "FUNNEL#" + stage + "#" + shardOf(dealId);
    }

    public static List<String> funnelAllShards(String stage) {
        return shards("FUNNEL#" + stage);
    }

    /** The funnel's entries of a stage in one region, sharded. */
    public static String funnelRegion(String stage, String region, String dealId) {
        return "FUNNEL#" + stage + "#REGION#" + region + "#" + shardOf(dealId);
    }

    public static List<String> funnelRegionShards(String stage, String region) {
        return shards("FUNNEL#" + stage + "#REGION#" + region);
    }

    /** The funnel's entries of a stage for one owner (few: one partition). */
    public static String funnelOwner(String stage, String ownerId) {
        return "FUNNEL#" + stage + "#OWNER#" + ownerId;
    }

    /** A stage entry's range key: first-entered time, unique because it ends with the deal id. */
    public static String funnelEnteredAt(Instant firstEnteredAt, String dealId) {
        return sortableTime(firstEnteredAt) + "#" + dealId;
    }

    /**
     * A customer's activities (issue 15), newest first by {@code occurredAt}: one partition, so the
     * timeline is one key query. An activity on a lead with no customer files under the lead.
     */
    public static String activityCustomer(String customerId) {
        return "CUST#" + customerId;
    }

    public static String activityLead(String leadId) {
        return "LEAD#" + leadId;
    }

    /** The follow-up reminder of an activity, beside it: one per activity, replaced on edit. */
    public static String followUpReminder(String activityId) {
        return activityId + "#FOLLOWUP";
    }

    /** Pending follow-up reminders, sharded, sorted by when they fall due. */
    public static String followUpDue(String activityId) {
        return "FOLLOWUP#" + shardOf(activityId);
    }

    public static List<String> followUpDueShards() {
        return shards("FOLLOWUP");
    }

    public static String followUpAt(Instant due, String activityId) {
        return sortableTime(due) + "#" + activityId;
    }

    /** A customer's high-potential mark (R-18), in the activities table. */
    public static String highPotential(String customerId) {
        return "HIGHPOTENTIAL#" + customerId;
    }

    /** The 72 h keyword auto-move claim of a customer (R-16), in the activities table. */
    public static String autoMoveClaim(String customerId) {
        return "AUTOMOVE#" + customerId;
    }

    /**
     * A user's latest activity (R-17 idle reps), an item of its own in the counters table beside
     * their open-lead count and notification preferences.
     */
    public static String repActivity(String userId) {
        return "ACTIVITY#" + userId;
    }

    /** The user id of a {@link #repActivity} item's key. */
    public static String userIdOfRepActivity(String activityKey) {
        return activityKey.substring("ACTIVITY#".length());
    }

    /** Sparse work list of the idle sweep: reps whose idle time is due, sharded. */
    public static String repIdleDue(String userId) {
        return "IDLE#" + shardOf(userId);
    }

    public static List<String> repIdleDueShards() {
        return shards("IDLE");
    }

    /** Oldest due first; unique because it ends with the user id. */
    public static String repIdleAt(Instant due, String userId) {
        return sortableTime(due) + "#" + userId;
    }

    /** Above every idle sort key at {@code at} ('~' sorts after '#'): an inclusive upper bound. */
    public static String repIdleUpTo(Instant at) {
        return sortableTime(at) + "~";
    }

    /** The search table's partition of one record's tokens (issue 15). */
    public static String searchRecord(String type, String recordId) {
        return type + "#" + recordId;
    }

    /** One token of a record, unique within the record's partition. */
    public static String searchToken(String kind, String value) {
        return kind + "#" + value;
    }

    /**
     * The byToken partition of a token or of a search text: the record type, text or pinyin, and
     * the first character. Partitioning by the first character keeps a prefix query inside one
     * partition whatever the text's length; the query reads only matching sort keys, so its cost
     * follows the page it asks for, not the partition's size. Pinyin has partitions of its own so
     * text matches are read, and ranked, before pinyin ones.
     */
    public static String searchPartition(String type, boolean pinyin, String text) {
        String first = new String(Character.toChars(text.codePointAt(0)));
        return "S#" + type + "#" + (pinyin ? "P" : "T") + "#" + first;
    }

    /**
     * The inclusive upper bound of the sort keys that start with {@code prefix}: the prefix and
     * U+10FFFF, the largest code point, which sorts after every other character (DynamoDB orders
     * strings by their UTF-8 bytes) and is a noncharacter no normalised key holds. A range query
     * from the prefix to this bound reads what begins_with reads; DynamoDB Local serves a range
     * from its index but a begins_with by walking the whole partition (60,000 keys: 54-76 ms per
     * query against 5-7 ms), and real DynamoDB serves both the same.
     */
    public static String prefixUpperBound(String prefix) {
        return prefix + new String(Character.toChars(Character.MAX_CODE_POINT));
    }

    /**
     * A token's sort key in byToken: the token, then the record id. '#' sorts before every
     * character a normalised token holds, so an exact match sorts before the longer tokens it
     * prefixes.
     */
    public static String searchSort(String value, String recordId) {
        return value + "#" + recordId;
    }

    /** A money fact of a contract (issue 16), in the contracts table beside its contract. */
    public static String contractFact(String factId) {
        return "FACT#" + factId;
    }

    /** byContractFacts: a contract's facts, by business date. */
    public static String contractFacts(String contractId) {
        return "FACTS#" + contractId;
    }

    public static String contractFactSort(LocalDate date, String factId) {
        return date + "#" + factId;
    }

    /**
     * byFactPeriod: the facts of one month (yyyy-MM, in the offices' time zone), write-sharded; the
     * sort key groups them by caliber, then date, so reconciliation pages one caliber and month.
     */
    public static String factPeriod(String yearMonth, String factId) {
        return "PERIOD#" + yearMonth + "#" + shardOf(factId);
    }

    /** Every shard of a month's facts, for readers to query and merge. */
    public static List<String> factPeriodShards(String yearMonth) {
        return shards("PERIOD#" + yearMonth);
    }

    public static String factPeriodSort(String caliber, LocalDate date, String factId) {
        return caliber + "#" + date + "#" + factId;
    }

    /** The first sort key of one caliber's facts in a month, for begins_with. */
    public static String factPeriodCaliber(String caliber) {
        return caliber + "#";
    }

    /**
     * bySigningCustomer (sparse: signings and voidings only): a customer's signed money by date,
     * for split-order detection (R-22).
     */
    public static String signingCustomer(String customerId) {
        return "SIGNED#" + customerId;
    }

    public static String signingSort(LocalDate date, String factId) {
        return date + "#" + factId;
    }

    /**
     * A contract number's claim in the identity table (issue 16): claimed with the contract, never
     * released, so a number names one contract for good, voided or not.
     */
    public static String contractNumber(String normalisedNumber) {
        return "CONTRACT#" + normalisedNumber;
    }

    /** A VAT invoice number's claim (an invoice or a credit note): one document, one number. */
    public static String invoiceNumber(String normalisedNumber) {
        return "INVOICE#" + normalisedNumber;
    }

    /** Contracts of one owner, newest first (contracts list, row scope OWN). */
    public static String contractOwner(String ownerId) {
        return "OWNER#" + ownerId;
    }

    public static String contractTeam(String team) {
        return "TEAM#" + team;
    }

    public static String contractRegion(String region, String contractId) {
        return "REGION#" + region + "#" + shardOf(contractId);
    }

    public static List<String> contractRegionShards(String region) {
        return shards("REGION#" + region);
    }

    /** Contracts of one customer (its golden customer after a merge): one partition. */
    public static String contractCustomer(String customerId) {
        return "CUST#" + customerId;
    }

    public static String contractStatus(String status, String contractId) {
        return "STATUS#" + status + "#" + shardOf(contractId);
    }

    public static List<String> contractStatusShards(String status) {
        return shards("STATUS#" + status);
    }

    public static String contractAll(String contractId) {
        return "ALL#" + shardOf(contractId);
    }

    public static List<String> contractAllShards() {
        return shards("ALL");
    }

    /**
     * The revenue aggregates of one caliber and month (issue 16, reports table): one item per group
     * ({@link #revenueGroup}), so a whole month is one key query of O(groups) items.
     */
    public static String revenueMonth(String caliber, String yearMonth) {
        return "AGG#M#" + caliber + "#" + yearMonth;
    }

    /**
     * The daily revenue aggregates of one caliber and month, sorted by date ({@link
     * #revenueDayGroup}): a range that cuts the month reads only its days.
     */
    public static String revenueDays(String caliber, String yearMonth) {
        return "AGG#D#" + caliber + "#" + yearMonth;
    }

    /** What an aggregate adds up: one region, team, owner and fact kind ("-" for none). */
    public static String revenueGroup(String region, String team, String ownerId, String factKind) {
        return orDash(region) + "#" + orDash(team) + "#" + orDash(ownerId) + "#" + factKind;
    }

    public static String revenueDayGroup(LocalDate date, String group) {
        return date + "#" + group;
    }

    /** The lowest daily sort key of {@code date}: an inclusive lower bound. */
    public static String revenueDayFrom(LocalDate date) {
        return date + "#";
    }

    /** Above every daily sort key of {@code date} ('~' sorts after '#'): an inclusive bound. */
    public static String revenueDayUpTo(LocalDate date) {
        return date + "#~";
    }

    /** The marker that a money fact was added to its aggregates: at most once per fact. */
    public static String revenueApplied(String factId) {
        return "APPLIED#" + factId;
    }

    /** The one sort key of items that are alone in their partition. */
    public static final String ONLY = "-";

    /** The nightly reconciliation reports, newest first by run date (yyyy-MM-dd). */
    public static final String RECONCILIATION_REPORTS = "RECONCILIATION";

    /** The monthly caliber-difference reports, by month (yyyy-MM). */
    public static final String CALIBER_DIFFERENCE_REPORTS = "CALIBER_DIFFERENCE";

    private static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }

    /** An anomaly for review (R-22), in the anomalies table. */
    public static String anomaly(String anomalyId) {
        return "ANOMALY#" + anomalyId;
    }

    /**
     * The claim a split-order anomaly holds on a signed contract: a contract belongs to at most one
     * group, so two evaluations that see overlapping groups meet on it and extend one anomaly.
     */
    public static String splitOrderClaim(String contractId) {
        return "SPLIT_CLAIM#" + contractId;
    }

    /** byKind: every anomaly of a kind, newest first (sort key {@link #listKey}). */
    public static String anomalyKind(String kind) {
        return "KIND#" + kind;
    }

    /** byKindRegion: a region's anomalies of a kind, for its managers' row scope. */
    public static String anomalyKindRegion(String kind, String region) {
        return "KIND#" + kind + "#REGION#" + region;
    }

    /** byKindTeam: a team's anomalies of a kind, for its team lead's row scope. */
    public static String anomalyKindTeam(String kind, String team) {
        return "KIND#" + kind + "#TEAM#" + team;
    }

    /** Service tickets of one customer (issue 17), newest first: one partition. */
    public static String ticketCustomer(String customerId) {
        return "CUST#" + customerId;
    }

    /** Tickets assigned to one person. */
    public static String ticketAssignee(String assigneeId) {
        return "ASSIGNEE#" + assigneeId;
    }

    /** Tickets of the customers one agent serves. */
    public static String ticketAgent(String serviceAgentId) {
        return "AGENT#" + serviceAgentId;
    }

    /** A team's tickets in one status: a supervisor's queue is one partition. */
    public static String ticketTeamStatus(String team, String status) {
        return "TEAM#" + team + "#" + status;
    }

    public static String ticketAll(String ticketId) {
        return "ALL#" + shardOf(ticketId);
    }

    public static List<String> ticketAllShards() {
        return shards("ALL");
    }

    /**
     * Resolved (or closed) tickets of one three-level category, newest resolution first (sparse:
     * present only while resolved or closed), for ticketSuggestions.
     */
    public static String ticketCategoryResolved(List<String> categoryPath) {
        return "CAT#" + String.join("/", categoryPath);
    }

    /** Tickets whose escalation falls due, sharded, sorted by when (sparse). */
    public static String ticketEscalationDue(String ticketId) {
        return "ESCALATE#" + shardOf(ticketId);
    }

    public static List<String> ticketEscalationDueShards() {
        return shards("ESCALATE");
    }

    /** Resolved tickets whose satisfaction survey falls due, sharded, sorted by when (sparse). */
    public static String ticketSurveyDue(String ticketId) {
        return "SURVEY#" + shardOf(ticketId);
    }

    public static List<String> ticketSurveyDueShards() {
        return shards("SURVEY");
    }

    /** One event of a ticket (opened, resolved, reopened, closed) beside it: one per version. */
    public static String ticketEvent(String ticketId, long ticketVersion) {
        return "EVENT#" + ticketId + "#" + String.format(Locale.ROOT, "%09d", ticketVersion);
    }

    /** A customer's ticket events for the timeline, newest first. */
    public static String ticketEventCustomer(String customerId) {
        return "TEVENTS#" + customerId;
    }

    /**
     * bySystem on the identity table (issue 17, R-09): the shard of an external id's claim among
     * its system's claims, so the customers known to one system are an index query, never a scan.
     */
    public static String externalSystemShard(String system, String externalId) {
        return "EXT#" + system + "#" + shardOf(externalId);
    }

    /** Every shard of one system's external id claims ({@link #externalSystemShard}). */
    public static List<String> externalSystemShards(String system) {
        return shards("EXT#" + system);
    }

    /** The bySystem shard of an external id's claim key; null for any other claim. */
    public static String externalSystemShardOf(String identityKey) {
        if (identityKey == null || !identityKey.startsWith("EXT#")) {
            return null;
        }
        String[] parts = identityKey.split("#", 3);
        return parts.length == 3 ? externalSystemShard(parts[1], parts[2]) : null;
    }

    /** A consistency report's partition in the reports table (issue 17, R-09). */
    public static String consistencyReport(String reportId) {
        return "CONSISTENCY#" + reportId;
    }

    /** The sort key of a consistency report's own item, before its rows. */
    public static final String CONSISTENCY_HEAD = "#HEAD";

    /** A report row's sort key: zero-padded, so rows page in the export's order. */
    public static String consistencyRow(long number) {
        return String.format(java.util.Locale.ROOT, "ROW#%09d", number);
    }

    /**
     * The one partition of the sparse index of reports whose apply is QUEUED or RUNNING: present
     * only while pending, and few at a time (an admin's request each), so it needs no shards.
     */
    public static final String CONSISTENCY_APPLY_PENDING = "APPLY_PENDING";

    /** A pending apply's place in that index: oldest request first, unique by the report id. */
    public static String consistencyApplyPendingAt(Instant requestedAt, String reportId) {
        return sortableTime(requestedAt) + "#" + reportId;
    }

    /**
     * The one partition of the sparse index of consistency diffs still RUNNING (their work cut into
     * chunks, continued by the schedule): present only while running, few at a time.
     */
    public static final String CONSISTENCY_DIFF_PENDING = "DIFF_PENDING";

    /** A running diff's place in that index: oldest start first, unique by the report id. */
    public static String consistencyDiffPendingAt(Instant startedAt, String reportId) {
        return sortableTime(startedAt) + "#" + reportId;
    }

    /** Where a diff's items recording which export rows reached which customer begin. */
    public static final String CONSISTENCY_REACH_PREFIX = "REACH#";

    /**
     * An export row's reach of a customer, kept while its diff runs: sorted by customer, then line,
     * so one walk finds the customers more than one row reached.
     */
    public static String consistencyReach(String customerId, long line) {
        return String.format(Locale.ROOT, "REACH#%s#%09d", customerId, line);
    }

    /** The mark that some export row reached a customer: looked up by key, for MISSING_THERE. */
    public static String consistencyReached(String customerId) {
        return "REACHED#" + customerId;
    }

    /** Where a diff's items grouping records by name for suggestions begin. */
    public static final String CONSISTENCY_NAME_PREFIX = "NAME#";

    /** The group of records of one name (stripped, case folded), hashed so any name fits a key. */
    public static String consistencyNameGroup(String nameKey) {
        return CONSISTENCY_NAME_PREFIX + Sha256.hex(nameKey);
    }

    /**
     * A MISSING_HERE row ({@code here}, by line) or a MISSING_THERE customer (by report number) in
     * its name group: equal names sort together, the rows before the customers.
     */
    public static String consistencyName(String group, boolean here, long number) {
        return String.format(Locale.ROOT, "%s#%s#%09d", group, here ? "H" : "T", number);
    }

    /** Where a consistency report's CSV is written in the files bucket (not under uploads/). */
    public static String consistencyCsvObject(String reportId) {
        return "reports/consistency/" + reportId + ".csv";
    }

    static int shardOf(String id) {
        return Math.floorMod(id.hashCode(), SHARDS);
    }

    private static List<String> shards(String prefix) {
        return IntStream.range(0, SHARDS).mapToObj(shard -> prefix + "#" + shard).toList();
    }

    private static String lifecycle(boolean archived) {
        return archived ? ARCHIVED : ACTIVE;
    }

    /** A customer's stored health score (R-26), in the health table. */
    public static String health(String customerId) {
        return "HEALTH#" + customerId;
    }

    /** A customer listed by score in one health partition (byScore). */
    public static String healthEntry(String partition, String customerId) {
        return "HEALTH_ENTRY#" + partition + "#" + customerId;
    }

    /** A health partition's score sum and count (byGroup). */
    public static String healthAggregate(String partition) {
        return "HEALTH_AGG#" + partition;
    }

    /**
     * byScore's sort key: the score zero-padded to three digits, so keys sort as scores do, then
     * the customer id.
     */
    public static String healthScoreKey(int score, String customerId) {
        return String.format(java.util.Locale.ROOT, "%03d#%s", score, customerId);
    }

    /**
     * The upper edge of the scores below {@code threshold} in byScore (inclusive, matches none).
     */
    public static String healthScoresBelow(int threshold) {
        return String.format(java.util.Locale.ROOT, "%03d#", threshold);
    }

    /** The shard of the org-wide health list a customer is in. */
    public static String healthAllShard(String customerId) {
        return "ALL#" + shardOf(customerId);
    }

    /** The shards of the org-wide health list. */
    public static List<String> healthAllShards() {
        return shards("ALL");
    }

    /** Where the nightly health pass continues. */
    public static final String HEALTH_PASS = "HEALTH_PASS";

    // ---- issue 18 items 5-6: request budgets, idempotency, persisted queries (counters table)

    /** A user's request budget (token bucket state). */
    public static String userBudget(String userId) {
        return "RATE#USER#" + userId;
    }

    /** A webhook channel's delivery budget (token bucket state). */
    public static String channelBudget(String channel) {
        return "RATE#CHANNEL#" + channel;
    }

    /** A user's mutation by its {@code Idempotency-Key}: one key per user, not across users. */
    public static String idempotencyKey(String userId, String idempotencyKey) {
        return "IDEM#" + userId + "#" + idempotencyKey;
    }

    /** A webhook delivery by its channel and delivery id, answered once. */
    public static String webhookDelivery(String channel, String deliveryId) {
        return "DELIVERY#" + channel + "#" + deliveryId;
    }

    /** An automatic persisted query by the SHA-256 (lower-case hex) of its text. */
    public static String persistedQuery(String sha256Hex) {
        return "APQ#" + sha256Hex;
    }
}
