package io.gradientconnector.app.sync;

import io.gradientconnector.port.gradient.PartnerSession;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/** Races service syncs: sessions whose first vendor read waits for every other racer's first read. */
final class ReadingTogether {

    private ReadingTogether() {
    }

    /** {@code real}, whose first {@code getVendor} waits (at most {@code timeout}) on {@code barrier}. */
    static PartnerSession session(PartnerSession real, CyclicBarrier barrier, Duration timeout) {
        boolean[] waited = {false};
        return (PartnerSession) Proxy.newProxyInstance(PartnerSession.class.getClassLoader(),
                new Class<?>[] {PartnerSession.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(real, args);
                        if (method.getName().equals("getVendor") && !waited[0]) {
                            waited[0] = true;
                            barrier.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
