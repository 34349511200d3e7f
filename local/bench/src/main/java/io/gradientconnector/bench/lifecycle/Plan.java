package io.gradientconnector.bench.lifecycle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The whole schedule, generated from the seed before anything runs: rounds of at most one step per container. The
 * driver runs a round's steps at once (one per container, so every Gradient call is attributable to one step) and
 * waits for all of them before the next round. Thread timing inside a round is the only thing the seed does not fix.
 *
 * <p>The first rounds connect every partner, create its accounts with one count each, sync all partners at once (the
 * catalog is still empty then, which is when two syncs can race to create a service; the syncs push the first counts,
 * which turn Gradient's integrations active) and read every view right after (item 5: it must say ACTIVE then, not
 * only after a later sync); the rest are weighted random steps. Beside the random rounds, each on a container of its
 * own, the driver sends the {@link #burst} and the {@link #slow} delivery (through the slow table).
 */
record Plan(long seed, List<List<Op>> rounds, List<Delivery> deliveries, Op.Burst burst, Delivery slow) {
    /** Connect; accounts (and one count each); sync all at once; read every view. */
    static final int SETUP_ROUNDS = 4;
    /** The service index of the slow delivery's rows and of the burst's: random usage only uses indexes 0 and 1. */
    static final int SLOW_SERVICE = 2;
    static final int BURST_SERVICE = 3;

    /** The simulated world's fixed shape. */
    record Shape(int partners, int accountsPerPartner, List<String> services, int containers) {
        String partnerId(int p) {
            return "partner-" + p;
        }

        /** The organization a partner connects to first. */
        String homeOrg(int p) {
            return "org-" + p;
        }

        /** Another organization of the same vendor, whose key is sometimes submitted for the partner by mistake. */
        String otherOrg(int p) {
            return "alt-" + p;
        }

        String accountId(int p, int a) {
            return "acct-" + p + "-" + a;
        }
    }

    /** @param foldInside whether the burst also sends a late set inside a row's folded deltas */
    static Plan generate(long seed, int rounds, Shape shape, boolean foldInside) {
        return new Generator(seed, shape).plan(rounds, foldInside);
    }

    /** One line per kind of step: how many of each, so a printed plan can be compared across runs. */
    String summary() {
        java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
        rounds.forEach(r -> r.forEach(op -> kinds.merge(op.getClass().getSimpleName(), 1, Integer::sum)));
        return "seed " + seed + ": " + rounds.size() + " rounds, " + kinds;
    }

    private static final class Generator {
        private static final String EURO = "\u20ac"; // 1 UTF-16 unit, 3 UTF-8 bytes, 9 once percent-encoded
        /** More than LedgerState.MAX_DELTAS (100), so the oldest 10 are folded; each costs a write, so not many more. */
        private static final int BURST_ADDS = 110;
        private static final int SLOW_EVENTS = 40;
        /** Minutes after the base: random events use 1..600, and the base is a day ago (1440). */
        private static final int BURST_START = 800;
        private final long seed;
        private final Random random;
        private final Shape shape;
        private final List<Delivery> deliveries = new ArrayList<>();
        private final List<List<String>> eventIdsByPartner = new ArrayList<>();
        private int nextEvent;

        Generator(long seed, Shape shape) {
            this.seed = seed;
            this.random = new Random(seed);
            this.shape = shape;
            for (int p = 0; p < shape.partners(); p++) {
                eventIdsByPartner.add(new ArrayList<>());
            }
        }

        Plan plan(int randomRounds, boolean foldInside) {
            List<List<Op>> rounds = new ArrayList<>();
            List<Op> connect = new ArrayList<>();
            List<Op> accounts = new ArrayList<>();
            List<Op> syncs = new ArrayList<>();
            List<Op> views = new ArrayList<>();
            for (int p = 0; p < shape.partners(); p++) {
                connect.add(new Op.Put(p, shape.homeOrg(p), false, false));
                accounts.add(new Op.Deliver(accountsOf(p)));
                syncs.add(new Op.Sync(p));
                views.add(new Op.Get(p));
            }
            rounds.add(connect);
            rounds.add(accounts);
            rounds.add(syncs);
            rounds.add(views);
            for (int r = 0; r < randomRounds; r++) {
                rounds.add(round());
            }
            // Drawn after the random rounds, so adding them left every seed's random steps as they were.
            int steady = steadiestPartner(rounds);
            Op.Burst burst = burst(steady, foldInside);
            return new Plan(seed, rounds, List.copyOf(deliveries), burst, slow(steady));
        }

        /**
         * The partner with the fewest steps that may leave it disconnected: only a partner connected at the end has its
         * counts compared, so the burst and the slow delivery go to the one most likely to be.
         */
        private int steadiestPartner(List<List<Op>> rounds) {
            int[] risk = new int[shape.partners()];
            rounds.forEach(r -> r.forEach(op -> {
                switch (op) {
                    case Op.Delete d -> risk[d.partner()] += 2;
                    case Op.Put put when !put.org().equals(shape.homeOrg(put.partner())) -> risk[put.partner()]++;
                    default -> {
                    }
                }
            }));
            int best = 0;
            for (int p = 1; p < risk.length; p++) {
                best = risk[p] < risk[best] ? p : best;
            }
            return best;
        }

        private List<Op> round() {
            List<Op> ops = new ArrayList<>();
            int size = 1 + random.nextInt(shape.containers());
            // A "race" round puts two portal steps for one partner side by side: the lock and fencing must hold.
            if (random.nextInt(5) == 0 && size >= 2) {
                int p = random.nextInt(shape.partners());
                ops.add(portalStep(p));
                ops.add(portalStep(p));
            }
            while (ops.size() < size) {
                ops.add(step());
            }
            Collections.shuffle(ops, random);
            return ops;
        }

        private Op portalStep(int p) {
            return switch (random.nextInt(5)) {
                case 0 -> new Op.Put(p, shape.homeOrg(p), true, false);
                case 1 -> new Op.Delete(p);
                case 2 -> new Op.Put(p, shape.homeOrg(p), false, false);
                case 3 -> new Op.Sync(p);
                default -> new Op.Get(p);
            };
        }

        private Op step() {
            int p = random.nextInt(shape.partners());
            int roll = random.nextInt(100);
            if (roll < 30) {
                return new Op.Deliver(usage(p));
            } else if (roll < 38) {
                return deliveries.isEmpty() ? new Op.Deliver(usage(p)) : new Op.Deliver(resend());
            } else if (roll < 41) {
                return new Op.Deliver(special(p, Delivery.Kind.LONG_ID));
            } else if (roll < 43) {
                return new Op.Deliver(special(p, Delivery.Kind.CONTROL_CHAR));
            } else if (roll < 56) {
                return new Op.DrainUsage();
            } else if (roll < 62) {
                return new Op.Sync(p);
            } else if (roll < 64) {
                return new Op.DrainSync();
            } else if (roll < 69) {
                return new Op.Put(p, shape.homeOrg(p), false, false);
            } else if (roll < 75) {
                return new Op.Put(p, shape.homeOrg(p), true, false);
            } else if (roll < 78) {
                return new Op.Regenerate(shape.homeOrg(p));
            } else if (roll < 81) {
                return new Op.Put(p, shape.otherOrg(p), false, random.nextBoolean());
            } else if (roll < 84) {
                return new Op.Delete(p);
            } else if (roll < 86) {
                return new Op.MspDisconnect(shape.homeOrg(p));
            } else if (roll < 92) {
                return new Op.Get(p);
            } else if (roll < 93) {
                return new Op.PutLongPartnerId("partner-" + EURO.repeat(200 + random.nextInt(50)));
            } else {
                return faults();
            }
        }

        private Op faults() {
            return switch (random.nextInt(4)) {
                case 0 -> new Op.Faults(0.3, 0, 0, 0, 0);
                case 1 -> new Op.Faults(0, 0.3, 0.05, 0, 0);
                case 2 -> new Op.Faults(0, 0, 0, 0.2, 0);
                default -> new Op.Faults(0, 0, 0, 0, 2);
            };
        }

        private Delivery accountsOf(int p) {
            List<Delivery.Event> events = new ArrayList<>();
            for (int a = 0; a < shape.accountsPerPartner(); a++) {
                events.add(new Delivery.Event(eventId(p), "account.upserted", p, 0, shape.accountId(p, a), null, 0,
                        "Customer " + p + "-" + a));
            }
            // One count, older than every random event: the setup sync pushes it, so Gradient turns active then.
            events.add(new Delivery.Event(eventId(p), "usage.set", p, 0, shape.accountId(p, 0), shape.services().get(0),
                    5, null));
            return add(Delivery.Kind.NORMAL, -1, events);
        }

        private Delivery usage(int p) {
            List<Delivery.Event> events = new ArrayList<>();
            int n = 1 + random.nextInt(6);
            for (int i = 0; i < n; i++) {
                events.add(usageEvent(p, shape.accountId(p, random.nextInt(shape.accountsPerPartner()))));
            }
            return add(Delivery.Kind.NORMAL, -1, events);
        }

        private Delivery.Event usageEvent(int p, String account) {
            String service = shape.services().get(random.nextInt(Math.min(2, shape.services().size())));
            int kind = random.nextInt(10);
            String type = kind < 4 ? "usage.set" : kind < 8 ? "usage.add" : "usage.subtract";
            long quantity = type.equals("usage.set") ? random.nextInt(40) : 1 + random.nextInt(9);
            // Now and then reuse another partner's event id: de-duplication must be per partner.
            String id = random.nextInt(8) == 0 ? borrowedId(p) : eventId(p);
            return new Delivery.Event(id, type, p, 1 + random.nextInt(600), account, service, quantity, null);
        }

        private String borrowedId(int p) {
            int other = (p + 1 + random.nextInt(shape.partners() - 1)) % shape.partners();
            List<String> ids = eventIdsByPartner.get(other);
            if (ids.isEmpty() || eventIdsByPartner.get(p).containsAll(ids)) {
                return eventId(p);
            }
            String id;
            do {
                id = ids.get(random.nextInt(ids.size()));
            } while (eventIdsByPartner.get(p).contains(id));
            eventIdsByPartner.get(p).add(id);
            return id;
        }

        private Delivery special(int p, Delivery.Kind kind) {
            List<Delivery.Event> events = new ArrayList<>();
            String account = shape.accountId(p, random.nextInt(shape.accountsPerPartner()));
            events.add(usageEvent(p, account)); // an ordinary event first: a half-written delivery would keep it
            if (kind == Delivery.Kind.LONG_ID) {
                String longAccount = "acct-" + p + "-" + EURO.repeat(150 + random.nextInt(100));
                events.add(new Delivery.Event(eventId(p), "account.upserted", p, 0, longAccount, null, 0, "Long " + p));
                events.add(usageEvent(p, longAccount));
            } else {
                events.add(new Delivery.Event(eventId(p), "account.upserted", p, 1 + random.nextInt(600), account,
                        null, 0, "Customer\u0007" + p));
            }
            return add(kind, -1, events);
        }

        /**
         * 110 adds of 1 to one row in deliveries of at most 60 (LedgerState keeps 100 one by one and folds the oldest
         * 10), then a set and an add older than all of them, which must count exactly: 10 + 7 + 110. With
         * {@code foldInside}, a second row gets the same adds and then a set <em>inside</em> the folded ones (between
         * the 3rd and 4th add): 50 + 107 in event order.
         */
        private Op.Burst burst(int p, boolean foldInside) {
            String service = shape.services().get(BURST_SERVICE);
            List<String> rows = foldInside ? List.of(shape.accountId(p, 0), shape.accountId(p, 1))
                    : List.of(shape.accountId(p, 0));
            List<Delivery.Event> adds = new ArrayList<>();
            for (String account : rows) {
                for (int i = 0; i < BURST_ADDS; i++) {
                    adds.add(new Delivery.Event(eventId(p), "usage.add", p, BURST_START + 2 * i, account, service, 1, null));
                }
            }
            List<Delivery> sent = new ArrayList<>();
            for (int from = 0; from < adds.size(); from += 60) {
                sent.add(add(Delivery.Kind.BURST, -1, adds.subList(from, Math.min(adds.size(), from + 60))));
            }
            sent.add(add(Delivery.Kind.BURST, -1, List.of(
                    new Delivery.Event(eventId(p), "usage.set", p, BURST_START - 10, rows.get(0), service, 10, null),
                    new Delivery.Event(eventId(p), "usage.add", p, BURST_START - 5, rows.get(0), service, 7, null))));
            if (foldInside) {
                sent.add(add(Delivery.Kind.FOLD_INSIDE, -1, List.of(
                        new Delivery.Event(eventId(p), "usage.set", p, BURST_START + 5, rows.get(1), service, 50, null))));
            }
            return new Op.Burst(List.copyOf(sent));
        }

        /**
         * 40 adds over the partner's accounts on a service no other step uses, so its rows are its alone. Through the
         * slow table each event takes over a second to apply (several DynamoDB calls at 300-500 ms), so 40 need well
         * over 29 s; more would only lengthen the run.
         */
        private Delivery slow(int p) {
            String service = shape.services().get(SLOW_SERVICE);
            List<Delivery.Event> events = new ArrayList<>();
            for (int i = 0; i < SLOW_EVENTS; i++) {
                events.add(new Delivery.Event(eventId(p), "usage.add", p, 1 + random.nextInt(600),
                        shape.accountId(p, random.nextInt(shape.accountsPerPartner())), service, 1 + random.nextInt(3), null));
            }
            return add(Delivery.Kind.SLOW_TABLE, -1, events);
        }

        private Delivery resend() {
            Delivery original = deliveries.get(random.nextInt(deliveries.size()));
            List<Delivery.Event> events = new ArrayList<>(original.events());
            Collections.shuffle(events, random);
            if (events.size() > 1 && random.nextBoolean()) {
                events = events.subList(0, 1 + random.nextInt(events.size()));
            }
            return add(original.kind(), original.number(), events);
        }

        private String eventId(int p) {
            String id = "ev-" + (nextEvent++);
            eventIdsByPartner.get(p).add(id);
            return id;
        }

        private Delivery add(Delivery.Kind kind, int resendOf, List<Delivery.Event> events) {
            Delivery d = new Delivery(deliveries.size(), resendOf, kind, List.copyOf(events));
            deliveries.add(d);
            return d;
        }
    }
}
