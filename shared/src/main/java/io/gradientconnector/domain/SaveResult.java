package io.gradientconnector.domain;

/** What an optimistic save ended with: saved (with the new version) or lost to a concurrent writer. */
public sealed interface SaveResult permits SaveResult.Saved, SaveResult.Conflict {

    /** Stored; {@code partner} carries the new version. */
    record Saved(PartnerRecord partner) implements SaveResult {
    }

    /** Someone else changed the partner since it was read: re-read, re-decide, save again. */
    record Conflict() implements SaveResult {
    }
}
