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
 * <p>The first rounds connect every partner, create its accounts and sync all partners at once (the catalog is still
 * empty then, which is when two syncs can race to create a service); the rest are weighted random steps.
 */
record Plan(long seed, List<List<Op>> rounds, List<Delivery> deliveries) {

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

    static Plan generate(long seed, int rounds, Shape shape) {
        return new Generator(seed, shape).plan(rounds);
    }

    /** One line per kind of step: how many of each, so a printed plan can be compared across runs. */
    String summary() {
        java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
        rounds.forEach(r -> r.forEach(op -> kinds.merge(op.getClass().getSimpleName(), 1, Integer::sum)));
        return "seed " + seed + ": " + rounds.size() + " rounds, " + kinds;
    }

    private static final class Generator {
        private static final String EURO = "\u20ac"; // 1 UTF-16 unit, 3 UTF-8 bytes, 9 once percent-encoded
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

        Plan plan(int randomRounds) {
            List<List<Op>> rounds = new ArrayList<>();
            List<Op> connect = new ArrayList<>();
            List<Op> accounts = new ArrayList<>();
            List<Op> syncs = new ArrayList<>();
            for (int p = 0; p < shape.partners(); p++) {
                connect.add(new Op.Put(p, shape.homeOrg(p), false, false));
                accounts.add(new Op.Deliver(accountsOf(p)));
                syncs.add(new Op.Sync(p));
            }
            rounds.add(connect);
            rounds.add(accounts);
            rounds.add(syncs);
            for (int r = 0; r < randomRounds; r++) {
                rounds.add(round());
            }
            return new Plan(seed, rounds, List.copyOf(deliveries));
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
