package org.opencrm.core.deal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerFilter;
import org.opencrm.core.customer.CustomerStage;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.money.Fen;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.Pages;
import org.opencrm.core.store.WriteStamp;

/**
 * Issue 14's one-off migration: every customer whose hand-set stage is past NEW gets one deal at
 * that stage, so that the stage, now derived from deals, reads the same afterwards. Paged over the
 * customers' {@code byStage} index, stage by stage, active and archived (never a scan). The deal id
 * derives from the customer id, so a rerun, or a run cut short and started again, creates nothing
 * twice. Its history row says AUTOMATIC, reason {@code migration}.
 */
public final class DealMigration {

    public static final String SYSTEM = "system:deal-migration";
    public static final String REASON = "migration";

    private final DealStore deals;
    private final CustomerStore customers;
    private final ConfigService config;
    private final Clock clock;

    public DealMigration(
            DealStore deals, CustomerStore customers, ConfigService config, Clock clock) {
        this.deals = deals;
        this.customers = customers;
        this.config = config;
        this.clock = clock;
    }

    /** What a run did: customers looked at, deals created. */
    public record Tally(int customers, int created) {}

    public Tally run() {
        Pipeline pipeline = config.current(Pipeline.DEFINITION);
        int seen = 0;
        int created = 0;
        for (CustomerStage stage : CustomerStage.values()) {
            if (stage == CustomerStage.NEW) {
                continue;
            }
            for (boolean archived : new boolean[] {false, true}) {
                CustomerFilter atStage =
                        CustomerFilter.builder().stage(stage).archived(archived).build();
                for (Customer customer :
                        Pages.all(page -> customers.list(atStage, page)).toList()) {
                    seen++;
                    created += migrate(customer, pipeline) ? 1 : 0;
                }
            }
        }
        return new Tally(seen, created);
    }

    /** One customer's deal; false when it has one already (a rerun). */
    private boolean migrate(Customer customer, Pipeline pipeline) {
        String dealId = Keys.migratedDeal(customer.id());
        if (deals.find(dealId).isPresent()) {
            return false;
        }
        DealStage stage = DealStage.valueOf(customer.fields().stage().name());
        Instant now = clock.instant();
        boolean lost =
                pipeline.stage(stage).map(PipelineStage::type).orElse(StageType.OPEN)
                        == StageType.LOST;
        DealStage first = pipeline.firstStage();
        // where it was lost is not known: the funnel counts it as lost from the first stage
        DealProgress progress =
                new DealProgress(
                        stage,
                        now,
                        lost ? first : stage,
                        lost ? first : null,
                        Map.of(),
                        0,
                        Map.of(stage, now));
        Deal deal =
                Deal.builder()
                        .id(dealId)
                        .version(0)
                        .customerId(customer.id())
                        .goldenId(customer.goldenId())
                        .title(customer.fields().name() + " (migrated)")
                        .amountFen(fen(customer.fields().expectedDealAmount()))
                        .ownerId(customer.ownerId())
                        .team(customer.team())
                        .region(customer.fields().region())
                        .progress(progress)
                        .createdAt(now)
                        .updatedAt(now)
                        .build();
        StageChange arrival =
                new StageChange(first, stage, now, SYSTEM, StageChange.AUTOMATIC, REASON, 0);
        try {
            deals.insert(deal, arrival, pipeline, new WriteStamp(SYSTEM, REASON, null, now));
            return true;
        } catch (VersionConflictException concurrentRun) {
            return false; // another run wrote it in between
        }
    }

    private static Long fen(BigDecimal yuan) {
        if (yuan == null) {
            return null;
        }
        return Fen.tryParse(yuan.setScale(2, RoundingMode.HALF_UP).toPlainString()).orElse(null);
    }
}
