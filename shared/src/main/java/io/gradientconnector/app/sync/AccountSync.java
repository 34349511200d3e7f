package io.gradientconnector.app.sync;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.port.gradient.AccountQuery;
import io.gradientconnector.port.gradient.ConflictException;
import io.gradientconnector.port.gradient.GradientAccount;
import io.gradientconnector.port.gradient.NewAccount;
import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.port.gradient.UpdateAccountRequest;
import io.gradientconnector.domain.AccountRecord;
import io.gradientconnector.port.AccountStore;
import io.gradientconnector.domain.GradientAccountState;
import io.gradientconnector.port.Page;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Brings Gradient's accounts of one partner in step with the vendor's: one listing of Gradient's
 * accounts, bulk creates for the missing ones, one update per renamed one. Writes to the account
 * store only what differs from what it holds, so an unchanged partner costs one Gradient request
 * and no account writes. Thread-safe (stateless apart from its thread-safe collaborators).
 */
final class AccountSync {
    private final AccountStore store;
    private final int chunkSize;

    AccountSync(AccountStore store, int chunkSize) {
        this.store = store;
        this.chunkSize = chunkSize;
    }

    /** What {@link #reconcile} found and did. */
    record Result(int created, int renamed, int mapped, int unmapped, boolean recreated, Set<AccountId> mappedIds) {
        Result {
            mappedIds = Set.copyOf(mappedIds);
        }
    }

    /** What Gradient should hold for one account, and holds once this sync is done. */
    private record Target(AccountRecord account, String name, Optional<String> description, boolean mapped) {
    }

    /** What {@link #reconcile} would do, read with one listing and no write anywhere. */
    record Plan(List<AccountRecord> toCreate, List<Rename> toRename, boolean recreate, Set<AccountId> mappedIds) {
        Plan {
            toCreate = List.copyOf(toCreate);
            toRename = List.copyOf(toRename);
            mappedIds = Set.copyOf(mappedIds);
        }
    }

    /** An account whose name or description Gradient holds differently. */
    record Rename(AccountRecord account, GradientAccount there) {
    }

    /** The dry run of {@link #reconcile}: lists Gradient's accounts (a read) and compares; changes nothing. */
    Plan plan(PartnerId partnerId, PartnerSession session) {
        Map<String, GradientAccount> inGradient = new LinkedHashMap<>();
        for (GradientAccount account : session.listAccounts(AccountQuery.all())) {
            inGradient.put(account.id(), account);
        }
        List<AccountRecord> missing = new ArrayList<>();
        List<Rename> renames = new ArrayList<>();
        for (AccountRecord account : liveAccounts(partnerId)) {
            GradientAccount there = inGradient.get(account.accountId().value());
            if (there == null) {
                missing.add(account);
            } else if (differs(account, there)) {
                renames.add(new Rename(account, there));
            }
        }
        Set<AccountId> mappedIds = new HashSet<>();
        inGradient.values().stream().filter(GradientAccount::mapped)
                .forEach(account -> mappedIds.add(AccountId.of(account.id())));
        boolean recreate = missing.stream().anyMatch(a -> a.gradientState() == GradientAccountState.CREATED);
        return new Plan(missing, renames, recreate, mappedIds);
    }

    Result reconcile(PartnerId partnerId, PartnerSession session) {
        Map<String, GradientAccount> inGradient = new LinkedHashMap<>();
        for (GradientAccount account : session.listAccounts(AccountQuery.all())) {
            inGradient.put(account.id(), account);
        }
        List<AccountRecord> live = liveAccounts(partnerId);

        List<AccountRecord> missing = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        int renamed = 0;
        for (AccountRecord account : live) {
            GradientAccount there = inGradient.get(account.accountId().value());
            if (there == null) {
                missing.add(account);
                continue;
            }
            if (differs(account, there)) {
                session.updateAccount(there.id(), UpdateAccountRequest.rename(account.name().orElseThrow(),
                        account.description().orElse("")));
                renamed++;
            }
            targets.add(new Target(account, account.name().orElseThrow(), account.description(), there.mapped()));
        }
        // Gradient deletes every account when the MSP disconnects; ours come back as plain creates.
        boolean recreated = missing.stream().anyMatch(a -> a.gradientState() == GradientAccountState.CREATED);
        Set<String> foundByConflict = create(session, missing, inGradient);
        for (AccountRecord account : missing) {
            GradientAccount there = inGradient.get(account.accountId().value());
            boolean mapped = there != null && there.mapped(); // only accounts found by a 409 can be mapped already
            targets.add(new Target(account, account.name().orElseThrow(), account.description(), mapped));
        }

        int mapped = 0;
        Set<AccountId> mappedIds = new HashSet<>();
        for (Target target : targets) {
            record(partnerId, target);
            if (target.mapped()) {
                mapped++;
            }
        }
        // Rows of accounts the vendor deleted may still be mapped in Gradient (they are pushed as zero).
        inGradient.values().stream().filter(GradientAccount::mapped)
                .forEach(account -> mappedIds.add(AccountId.of(account.id())));
        int created = missing.size() - foundByConflict.size();
        return new Result(created, renamed, mapped, targets.size() - mapped, recreated, mappedIds);
    }

    /** The vendor's accounts that should exist in Gradient: named by an upsert, not deleted. */
    private List<AccountRecord> liveAccounts(PartnerId partnerId) {
        List<AccountRecord> live = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<AccountRecord> page = store.list(partnerId, cursor, Page.MAX_LIMIT);
            page.items().stream().filter(a -> a.hasVendorDetails() && !a.deleted()).forEach(live::add);
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return live;
    }

    /**
     * Creates {@code missing} in chunks. A 409 on a chunk means some of its accounts exist already
     * (a concurrent sync, or a listing that raced a create): that chunk's ids are listed, only the
     * ones still absent are created, and the rest carry on. Returns the ids found to exist already
     * (added to {@code inGradient}).
     */
    private Set<String> create(PartnerSession session, List<AccountRecord> missing, Map<String, GradientAccount> inGradient) {
        List<NewAccount> remaining = missing.stream()
                .map(a -> new NewAccount(a.accountId().value(), a.name().orElseThrow(), a.description().orElse(null), null))
                .toList();
        Set<String> existing = new HashSet<>();
        while (!remaining.isEmpty()) {
            try {
                session.createAccounts(remaining);
                return existing;
            } catch (ConflictException conflict) {
                int start = conflict.chunkStartIndex().orElse(0);
                int end = Math.min(remaining.size(), start + chunkSize);
                List<NewAccount> chunk = remaining.subList(start, end);
                for (GradientAccount found : session.listAccounts(AccountQuery.ids(chunk.stream().map(NewAccount::id).toList()))) {
                    inGradient.put(found.id(), found);
                    existing.add(found.id());
                }
                List<NewAccount> stillMissing = chunk.stream().filter(a -> !existing.contains(a.id())).toList();
                if (!stillMissing.isEmpty()) {
                    session.createAccounts(stillMissing); // a second conflict fails the sync; redelivery retries it
                }
                remaining = remaining.subList(end, remaining.size());
            }
        }
        return existing;
    }

    private static boolean differs(AccountRecord account, GradientAccount there) {
        return !account.name().orElseThrow().equals(there.name())
                || !account.description().orElse("").equals(there.description() == null ? "" : there.description());
    }

    private void record(PartnerId partnerId, Target target) {
        AccountRecord account = target.account();
        if (account.gradientState() != GradientAccountState.CREATED
                || !account.gradientName().equals(Optional.of(target.name()))
                || !account.gradientDescription().equals(target.description())) {
            store.recordCreatedInGradient(partnerId, account.accountId(), target.name(), target.description());
        }
        if (account.mapped() != target.mapped()) {
            store.recordMapped(partnerId, account.accountId(), target.mapped());
        }
    }
}
