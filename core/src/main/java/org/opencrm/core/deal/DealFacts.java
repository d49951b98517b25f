package org.opencrm.core.deal;

import java.util.Map;
import java.util.Set;

/**
 * What the stage machine reads of a deal.
 *
 * @param stage the deal's stage now
 * @param lostIn for a lost deal, the open stage it was lost in (where a reopened deal returns)
 * @param fields the requirable fields that have a value ({@link Pipeline#REQUIRABLE_FIELDS}),
 *     numbers as {@link Number}
 * @param attachmentKinds the kinds of the attachments the deal (or its customer) has
 */
public record DealFacts(
        DealStage stage,
        DealStage lostIn,
        Map<String, Object> fields,
        Set<String> attachmentKinds) {

    public DealFacts {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        attachmentKinds = attachmentKinds == null ? Set.of() : Set.copyOf(attachmentKinds);
    }
}
