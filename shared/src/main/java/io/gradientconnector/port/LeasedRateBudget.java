package io.gradientconnector.port;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link RateBudget} shared through a store: each scope has one schedule of send slots spaced {@link #interval()}
 * apart, kept as "the next free slot" in the store. A container leases a slice of up to {@code sliceSize}
 * consecutive slots at once ({@link #lease}, atomic in the store) and hands them to its own callers, each of whom
 * sends at its slot. A slot not used within {@link #TOLERANCE} of its time is dropped, never used late.
 *
 * <p>Why that keeps the limit, in any one-second window, across every container: slots of all containers are
 * disjoint and spaced exactly {@code interval} apart, and every request is sent in {@code [slot, slot + TOLERANCE]};
 * so the requests sent in any window {@code [t, t + 1 s)} have slots in {@code [t - TOLERANCE, t + 1 s)}, at most
 * {@code ceil((1 s + TOLERANCE) / interval)} of them. {@code interval} is
 * {@code (1 s + TOLERANCE + NETWORK_ALLOWANCE) / limit}, which leaves {@link #NETWORK_ALLOWANCE} for the time from
 * our send to Gradient's receipt varying between requests. The price: at most {@code limit / 1.025} permits per
 * second (97.5 of 100), and the slots of a slice its container did not use. A lease takes only as many slots as
 * callers are waiting without one (at most {@code sliceSize}): a slice spans {@code permits * interval} of the
 * schedule, so slots nobody waits for would go unused.
 *
 * <p>A lease asks for slots starting a little after now (twice the recent lease time, 5 to 250 ms), so the slots it
 * returns are not already late by the time the store answered.
 *
 * <p>A 429 ({@link #backOff}) moves the scope's next free slot past the pause, for every container, and drops this
 * container's slots before it.
 *
 * <p>Thread-safe. Callers of one scope in one container queue on that scope's lock while a slice is leased.
 */
public abstract class LeasedRateBudget implements RateBudget {

    /** How late a slot may still be used. */
    public static final Duration TOLERANCE = Duration.ofMillis(10);
    /** Headroom for the spread between sending a request and Gradient receiving it. */
    public static final Duration NETWORK_ALLOWANCE = Duration.ofMillis(15);

    /** The least and most a lease asks ahead of now (twice the recent lease time, within these). */
    static final Duration MIN_LEAD = Duration.ofMillis(5);
    static final Duration MAX_LEAD = Duration.ofMillis(250);

    /** How one waits; injected so tests can run on a fake clock. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;

        Pause SYSTEM = Thread::sleep;
    }

    /**
     * @param limitPerSecond the most requests Gradient may receive in any one second, from every container together
     * @param sliceSize      the most slots one lease takes (fewer when fewer callers wait)
     */
    public record Settings(int limitPerSecond, int sliceSize) {
        public Settings {
            if (limitPerSecond < 1 || limitPerSecond > 10_000) {
                throw new IllegalArgumentException("limitPerSecond must be 1..10000, was " + limitPerSecond);
            }
            if (sliceSize < 1 || sliceSize > 1_000) {
                throw new IllegalArgumentException("sliceSize must be 1..1000, was " + sliceSize);
            }
        }
    }

    private final Settings settings;
    private final Duration interval;
    private final Clock clock;
    private final Pause pause;
    private final ConcurrentHashMap<String, Local> scopes = new ConcurrentHashMap<>();
    private final AtomicLong granted = new AtomicLong();
    private final AtomicLong leasedSlots = new AtomicLong();
    private final AtomicLong lateSlots = new AtomicLong();

    protected LeasedRateBudget(Settings settings, Clock clock, Pause pause) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pause = Objects.requireNonNull(pause, "pause");
        long windowNanos = Duration.ofSeconds(1).plus(TOLERANCE).plus(NETWORK_ALLOWANCE).toNanos();
        this.interval = Duration.ofNanos((windowNanos + settings.limitPerSecond() - 1) / settings.limitPerSecond());
    }

    /**
     * Atomically reserves {@code permits} consecutive slots of {@code scope}'s schedule: the first is the later of
     * the scope's next free slot and {@code notBefore}; the next free slot becomes {@code first + permits * interval}.
     *
     * @return the first slot
     */
    protected abstract Instant lease(String scope, int permits, Duration interval, Instant notBefore);

    /** Atomically moves {@code scope}'s next free slot to {@code until} if it is earlier. */
    protected abstract void holdUntil(String scope, Instant until);

    public Settings settings() {
        return settings;
    }

    /**
     * This container's slots so far: leased, granted (sent), and dropped because their caller woke too late; the
     * rest of the leased ones went unused (no caller was waiting when their time came).
     */
    public record SlotCounts(long leased, long granted, long late) {
    }

    public SlotCounts slotCounts() {
        return new SlotCounts(leasedSlots.get(), granted.get(), lateSlots.get());
    }

    /** The spacing of consecutive slots of one scope. */
    public Duration interval() {
        return interval;
    }

    @Override
    public Optional<Duration> acquire(String scope, Duration maxWait) throws InterruptedException {
        Objects.requireNonNull(scope, "scope");
        Local local = scopes.computeIfAbsent(scope, k -> new Local());
        Instant start = clock.instant();
        Instant deadline = maxWait == null ? null : start.plus(maxWait);
        while (true) {
            Instant slot;
            local.waiting.incrementAndGet();
            try {
                slot = local.next(scope);
            } finally {
                local.waiting.decrementAndGet();
            }
            if (deadline != null && slot.isAfter(deadline)) {
                return Optional.empty(); // the slot is forfeited: never sent early, never after the deadline
            }
            Duration wait = Duration.between(clock.instant(), slot);
            if (wait.isPositive()) {
                pause.sleep(wait);
            }
            Instant now = clock.instant();
            if (!now.isAfter(slot.plus(TOLERANCE))) {
                granted.incrementAndGet();
                return Optional.of(Duration.between(start, now));
            }
            lateSlots.incrementAndGet(); // woke too late for this slot (a busy machine): dropped, the next one taken
        }
    }

    @Override
    public void backOff(String scope, Duration pauseFor) {
        Objects.requireNonNull(scope, "scope");
        if (!pauseFor.isPositive()) {
            return;
        }
        Instant until = clock.instant().plus(pauseFor);
        holdUntil(scope, until);
        Local local = scopes.get(scope);
        if (local != null) {
            local.dropBefore(until);
        }
    }

    /** This container's leased, unused slots of one scope. */
    private final class Local {
        /** Callers of this scope waiting for a slot (not those holding one and sleeping until it). */
        private final AtomicInteger waiting = new AtomicInteger();
        private final ArrayDeque<Instant> slots = new ArrayDeque<>(); // guarded by this
        private long leaseNanos; // guarded by this: a moving average of how long a lease takes

        /** Twice the usual lease time, between {@link #MIN_LEAD} and {@link #MAX_LEAD}. */
        private Duration lead() {
            long nanos = Math.max(MIN_LEAD.toNanos(), Math.min(MAX_LEAD.toNanos(), 2 * leaseNanos));
            return Duration.ofNanos(nanos);
        }

        synchronized Instant next(String scope) {
            Instant now = clock.instant();
            dropBefore(now.minus(TOLERANCE));
            if (slots.isEmpty()) {
                int permits = Math.max(1, Math.min(settings.sliceSize(), waiting.get()));
                // Slots are asked for from a little ahead, so they are not already late when the lease returns.
                Instant first = lease(scope, permits, interval, now.plus(lead()));
                Instant leased = clock.instant();
                leaseNanos = (leaseNanos * 3 + Math.max(0, Duration.between(now, leased).toNanos())) / 4;
                for (int i = 0; i < permits; i++) {
                    slots.addLast(first.plus(interval.multipliedBy(i)));
                }
                leasedSlots.addAndGet(permits);
            }
            return slots.pollFirst();
        }

        synchronized void dropBefore(Instant limit) {
            while (!slots.isEmpty() && slots.peekFirst().isBefore(limit)) {
                slots.pollFirst();
            }
        }
    }
}
