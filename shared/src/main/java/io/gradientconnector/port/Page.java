package io.gradientconnector.port;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing. {@code nextCursor} is opaque; pass it back to get the next page. A page
 * may hold fewer items than asked for (a filtered listing may even return an empty page) while a
 * cursor remains: only an empty cursor means the end.
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
    public static final int MAX_LIMIT = 1000;

    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }

    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, Optional.empty());
    }

    public boolean hasMore() {
        return nextCursor.isPresent();
    }

    public static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}
