package io.gradientconnector.bench.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ColdStartBenchTest {

    @Test
    void median_shouldTakeTheMiddle_whenCountIsOdd() {
        assertEquals(5.0, ColdStartBench.median(new double[]{9, 1, 5}));
    }

    @Test
    void median_shouldAverageTheMiddleTwo_whenCountIsEven() {
        assertEquals(4.0, ColdStartBench.median(new double[]{9, 1, 3, 5}));
    }
}
