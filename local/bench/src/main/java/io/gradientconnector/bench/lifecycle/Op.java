package io.gradientconnector.bench.lifecycle;

import java.util.List;

/**
 * One step of the plan. Partners and organizations are indexes into the {@link World}'s shape; a delivery is generated
 * in full up front (so a seed fixes every body), while keys are drawn when the step runs (a key is whatever the
 * organization's key is at that moment).
 */
sealed interface Op {

    /** {@code PUT /partners/{id}/gradient} with the current key of {@code org} (regenerated first if asked). */
    record Put(int partner, String org, boolean regenerateFirst, boolean move) implements Op {
    }

    /** {@code PUT} for a throw-away partner whose id is long and multi-byte but within the documented 256 characters. */
    record PutLongPartnerId(String partnerId) implements Op {
    }

    /** {@code DELETE /partners/{id}/gradient}. */
    record Delete(int partner) implements Op {
    }

    /** {@code GET /partners/{id}/gradient}. */
    record Get(int partner) implements Op {
    }

    /** The MSP regenerates its key in Gradient; the connector is not told. */
    record Regenerate(String org) implements Op {
    }

    /** The MSP disconnects in Gradient (accounts and counts deleted, integration inactive); the connector is not told. */
    record MspDisconnect(String org) implements Op {
    }

    /** One sync-queue message for the partner, handled by the account-sync worker. */
    record Sync(int partner) implements Op {
    }

    /** A signed webhook delivery (new, or a re-send of an earlier one: duplicates and reordering). */
    record Deliver(Delivery delivery) implements Op {
    }

    /**
     * Several deliveries for one ledger row, sent one after another by one container: more adds than a row keeps one
     * by one, then late events older than the folded ones (docs/GUARANTEES.md item 9). Each is recorded as a
     * {@link Deliver} of its own.
     */
    record Burst(List<Delivery> deliveries) implements Op {
    }

    /** The account-sync schedule target: the fan-out, then (in the fixed code) the pending-delivery sweep. */
    record Schedule() implements Op {
    }

    /** Receive up to ten usage-queue messages and hand them to the usage-push worker. */
    record DrainUsage() implements Op {
    }

    /** Receive up to ten sync-queue messages (those the portal queued) and hand them to the sync worker one by one. */
    record DrainSync() implements Op {
    }

    /** Turn sandbox faults on for this round (the driver lifts them after the round). */
    record Faults(double rate429, double rate5xx, double dropRate, double slowRate, int outageSeconds) implements Op {
    }
}
