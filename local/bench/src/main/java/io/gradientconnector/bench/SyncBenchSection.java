package io.gradientconnector.bench;

import java.nio.file.Path;
import java.util.List;

/** Placeholder until functions/account-sync lands. */
final class SyncBenchSection {
    private SyncBenchSection() {
    }

    static List<Table> run(Path root) {
        return List.of(new Table("Account sync", "status").row("account-sync not on this branch yet"));
    }
}
