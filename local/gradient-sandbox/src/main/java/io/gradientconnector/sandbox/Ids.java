package io.gradientconnector.sandbox;

import java.time.Clock;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

/** Generates Mongo-style ObjectIds (24 hex) and GUIDs. Not thread-safe: callers lock. */
final class Ids {

    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-fA-F]{24}");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Clock clock;
    private final Random random = new Random();
    private final long processPart = random.nextLong() & 0xff_ffff_ffffL;
    private int counter = random.nextInt(0x100_0000);

    Ids(Clock clock) {
        this.clock = clock;
    }

    /** timestamp (4 bytes) + random per sandbox (5 bytes) + counter (3 bytes), like a Mongo ObjectId. */
    String objectId() {
        counter = (counter + 1) & 0xff_ffff;
        long seconds = clock.instant().getEpochSecond() & 0xffff_ffffL;
        return String.format("%08x%010x%06x", seconds, processPart, counter);
    }

    String uuid() {
        return new UUID(random.nextLong() & ~0xf000L | 0x4000L,
                random.nextLong() & 0x3fff_ffff_ffff_ffffL | 0x8000_0000_0000_0000L).toString();
    }

    static boolean isObjectId(String text) {
        return text != null && OBJECT_ID.matcher(text).matches();
    }

    static boolean isUuid(String text) {
        return text != null && UUID_TEXT.matcher(text).matches();
    }
}
