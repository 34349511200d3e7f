package io.gradientconnector.app.partner;

import io.gradientconnector.app.alerts.AlertTotals;
import io.gradientconnector.port.AlertStore;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.AccountRecord;
import io.gradientconnector.port.AccountStore;
import io.gradientconnector.domain.GradientAccountState;
import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.port.Page;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.port.UsageLedger;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds {@link PartnerView}s: the partner record plus account and usage totals counted from the stores (one pass
 * over the partner's accounts and ledger rows, a page of {@value #PAGE} at a time). Thread-safe (stateless).
 */
final class PartnerViews {
    static final int PAGE = 1000;

    private final AccountStore accounts;
    private final UsageLedger ledger;

    private final AlertStore alerts;

    PartnerViews(AccountStore accounts, UsageLedger ledger) {
        this(accounts, ledger, null);
    }

    /** @param alerts the alerts to count; null shows none (a wiring without alerts, e.g. some tests) */
    PartnerViews(AccountStore accounts, UsageLedger ledger, AlertStore alerts) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.alerts = alerts;
    }

    PartnerView view(PartnerRecord partner, PartnerView.Gradient gradient) {
        return new PartnerView(
                partner.partnerId().value(),
                partner.status().name(),
                gradient,
                partner.organizationName().orElse(null),
                partner.keyFingerprint().orElse(null),
                accountTotals(partner.partnerId()),
                usageTotals(partner.partnerId()),
                time(partner.lastSyncAt()),
                time(partner.lastPushAt()),
                partner.lastError().orElse(null),
                alerts == null ? AlertTotals.NONE : AlertTotals.count(alerts, partner.partnerId()));
    }

    PartnerView.Accounts accountTotals(PartnerId partnerId) {
        long known = 0;
        long created = 0;
        long mapped = 0;
        Optional<String> cursor = Optional.empty();
        do {
            Page<AccountRecord> page = accounts.list(partnerId, cursor, PAGE);
            for (AccountRecord account : page.items()) {
                if (account.deleted()) {
                    continue;
                }
                known++;
                if (account.gradientState() == GradientAccountState.CREATED) {
                    created++;
                }
                if (account.mapped()) {
                    mapped++;
                }
            }
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return new PartnerView.Accounts(known, created, mapped);
    }

    PartnerView.Usage usageTotals(PartnerId partnerId) {
        Map<LedgerRow.Standing, Long> rows = new EnumMap<>(LedgerRow.Standing.class);
        ledger.forEachRow(partnerId, row -> rows.merge(row.standing(), 1L, Long::sum));
        return new PartnerView.Usage(rows.getOrDefault(LedgerRow.Standing.PUSHED, 0L),
                rows.getOrDefault(LedgerRow.Standing.UNMAPPED, 0L), rows.getOrDefault(LedgerRow.Standing.FAILED, 0L),
                rows.getOrDefault(LedgerRow.Standing.PENDING, 0L));
    }

    private static String time(Optional<Instant> value) {
        return value.map(Instant::toString).orElse(null);
    }
}
