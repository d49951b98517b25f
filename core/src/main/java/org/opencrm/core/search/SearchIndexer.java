package org.opencrm.core.search;

import java.util.Map;
import java.util.Optional;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.deal.DealStore;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadStore;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The stream reaction that keeps search tokens in step with customers, leads, deals and users: the
 * record's new image decides its tokens, the old ones it no longer has are removed, and a removed
 * (deleted, merged) or archived record loses them all. One function reads the four streams; the
 * image's {@code entityType} says which kind of record it is, and items that are not records (a
 * deal's stage rows, claims) carry none and are skipped. Idempotent: a replay writes what the index
 * already holds, i.e. nothing.
 */
public final class SearchIndexer {

    private final SearchIndexStore store;

    public SearchIndexer(SearchIndexStore store) {
        this.store = store;
    }

    public void onRecord(Record record) {
        var change = record.dynamodb();
        Map<String, AttributeValue> image =
                change.hasNewImage()
                        ? change.newImage()
                        : change.hasOldImage() ? change.oldImage() : null;
        if (image == null) {
            return;
        }
        Optional<SearchType> type = typeOf(image);
        if (type.isEmpty()) {
            return;
        }
        String id = image.get("id") == null ? null : image.get("id").s();
        if (id == null) {
            return;
        }
        Map<String, AttributeValue> now = change.hasNewImage() ? change.newImage() : null;
        store.replace(type.get(), id, now == null ? Optional.empty() : documentOf(type.get(), now));
    }

    /**
     * Indexes one record as it is now: the bench's and the re-index's way in, same as the stream.
     */
    public void index(SearchDocument document) {
        store.replace(document.type(), document.id(), Optional.of(document));
    }

    private static Optional<SearchType> typeOf(Map<String, AttributeValue> image) {
        AttributeValue entityType = image.get("entityType");
        if (entityType == null || entityType.s() == null) {
            return Optional.empty();
        }
        return switch (entityType.s()) {
            case "CUSTOMER" -> Optional.of(SearchType.CUSTOMER);
            case "LEAD" -> Optional.of(SearchType.LEAD);
            case "DEAL" -> Optional.of(SearchType.DEAL);
            case "USER" -> Optional.of(SearchType.USER);
            default -> Optional.empty();
        };
    }

    private static Optional<SearchDocument> documentOf(
            SearchType type, Map<String, AttributeValue> image) {
        return switch (type) {
            case CUSTOMER -> {
                Customer customer = CustomerStore.fromImage(image);
                yield customer == null ? Optional.empty() : SearchDocuments.of(customer);
            }
            case LEAD -> {
                Lead lead = LeadStore.fromImage(image);
                yield lead == null ? Optional.empty() : SearchDocuments.of(lead);
            }
            case DEAL -> DealStore.fromImage(image).flatMap(SearchDocuments::of);
            case USER -> {
                User user = UserStore.fromImage(image);
                yield user == null ? Optional.empty() : SearchDocuments.of(user);
            }
        };
    }
}
