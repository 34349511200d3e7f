package io.gradientconnector.adapter.aws;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An AWS SDK client (any of the generated client interfaces) whose every service call throws the given exception,
 * for showing that an adapter turns SDK failures into its port's failure. Records the operations called.
 */
public final class ThrowingClient {

    private ThrowingClient() {
    }

    public static <T> T of(Class<T> clientInterface, RuntimeException failure) {
        return of(clientInterface, failure, Collections.synchronizedList(new ArrayList<>()));
    }

    public static <T> T of(Class<T> clientInterface, RuntimeException failure, List<String> calls) {
        Object proxy = Proxy.newProxyInstance(clientInterface.getClassLoader(), new Class<?>[] {clientInterface},
                (self, method, args) -> switch (method.getName()) {
                    case "serviceName" -> "throwing";
                    case "close" -> null;
                    case "toString" -> "ThrowingClient(" + clientInterface.getSimpleName() + ")";
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> {
                        calls.add(method.getName());
                        throw failure;
                    }
                });
        return clientInterface.cast(proxy);
    }
}
