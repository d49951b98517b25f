package org.opencrm.core.search;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.deal.Deal;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.user.User;

/**
 * Which fields of each kind of record are searchable, and how a hit shows it. Pure. Subtitles carry
 * no field the field matrix restricts (a rep who may not read a phone must not read it in a hit),
 * only stage, region, company and role. An archived customer is not searchable: its document is
 * empty, which removes its tokens.
 */
public final class SearchDocuments {

    private SearchDocuments() {}

    public static Optional<SearchDocument> of(Customer customer) {
        if (customer.archived()) {
            return Optional.empty();
        }
        Set<SearchToken> tokens = new LinkedHashSet<>();
        tokens.addAll(SearchTokens.ofName(customer.fields().name()));
        tokens.addAll(SearchTokens.ofPhone(customer.fields().phone()));
        tokens.addAll(SearchTokens.ofEmail(customer.fields().email()));
        tokens.addAll(SearchTokens.ofExternalIds(customer.externalIds().values()));
        if (customer.goldenId() != null) {
            tokens.addAll(SearchTokens.ofExternalIds(Set.of(customer.goldenId())));
        }
        return Optional.of(
                new SearchDocument(
                        SearchType.CUSTOMER,
                        customer.id(),
                        customer.fields().name(),
                        joined(customer.fields().stage().name(), customer.fields().region()),
                        customer.ownership(),
                        tokens));
    }

    public static Optional<SearchDocument> of(Lead lead) {
        Set<SearchToken> tokens = new LinkedHashSet<>();
        tokens.addAll(SearchTokens.ofName(lead.fields().name()));
        tokens.addAll(SearchTokens.ofName(lead.fields().company()));
        tokens.addAll(SearchTokens.ofPhone(lead.fields().phone()));
        tokens.addAll(SearchTokens.ofEmail(lead.fields().email()));
        String title =
                lead.fields().name() != null ? lead.fields().name() : lead.fields().company();
        return Optional.of(
                new SearchDocument(
                        SearchType.LEAD,
                        lead.id(),
                        title == null ? lead.id() : title,
                        joined(lead.fields().company(), lead.status().name()),
                        lead.ownership(),
                        tokens));
    }

    public static Optional<SearchDocument> of(Deal deal) {
        Set<SearchToken> tokens = new LinkedHashSet<>(SearchTokens.ofName(deal.title()));
        return Optional.of(
                new SearchDocument(
                        SearchType.DEAL,
                        deal.id(),
                        deal.title(),
                        deal.stage().name(),
                        deal.ownership(),
                        tokens));
    }

    public static Optional<SearchDocument> of(User user) {
        Set<SearchToken> tokens = new LinkedHashSet<>();
        tokens.addAll(SearchTokens.ofName(user.name()));
        tokens.addAll(SearchTokens.ofEmail(user.email()));
        return Optional.of(
                new SearchDocument(
                        SearchType.USER,
                        user.id(),
                        user.name(),
                        joined(user.role().name(), user.team()),
                        user.ownership(),
                        tokens));
    }

    private static String joined(String first, String second) {
        if (first == null) {
            return second;
        }
        return second == null ? first : first + " · " + second;
    }
}
