package io.gradientconnector.port.gradient;

import java.util.OptionalInt;

/**
 * HTTP 409: a resource with this id already exists. From a chunked bulk create it names the index
 * (into the caller's list) of the first item of the rejected chunk; every earlier chunk was created.
 */
public final class ConflictException extends GradientException {
    private final OptionalInt chunkStartIndex;

    public ConflictException(String route, String gradientMessage) {
        this(route, gradientMessage, OptionalInt.empty());
    }

    private ConflictException(String route, String gradientMessage, OptionalInt chunkStartIndex) {
        super(409, route, gradientMessage,
                chunkStartIndex.isPresent()
                        ? "chunk starting at index " + chunkStartIndex.getAsInt() + "; earlier chunks were created"
                        : null,
                null);
        this.chunkStartIndex = chunkStartIndex;
    }

    /** Index of the first item of the rejected chunk, when this came from a chunked bulk create. */
    public OptionalInt chunkStartIndex() {
        return chunkStartIndex;
    }

    /** A copy naming the chunk that was rejected. */
    public ConflictException withChunkStartIndex(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0");
        }
        ConflictException copy = new ConflictException(route(), gradientMessage(), OptionalInt.of(index));
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
