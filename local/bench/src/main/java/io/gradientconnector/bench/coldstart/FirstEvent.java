package io.gradientconnector.bench.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The cold-start child: a fresh JVM does what Lambda's Java runtime does for the first event — load the handler class,
 * call its public no-arg constructor (the function's init), read the event JSON into the handler's input type, call
 * {@code handleRequest} — then prints {@value #MARK} (the parent stops its clock there) and exits. The same bootstrap
 * runs the functions and the hello-world baseline, so anything it costs is in both.
 *
 * <p>Usage: {@code java -cp <artifact.jar>:bench-bootstrap.jar io.gradientconnector.bench.coldstart.FirstEvent
 * <handler class> <event.json>}. Only the artifact's own classes (the Lambda libraries, Jackson) are used.
 */
public final class FirstEvent {
    public static final String MARK = "FIRST-EVENT-HANDLED";
    public static final String CLASSES = "FIRST-EVENT-CLASSES";
    /** {@code -Dbench.primed=true}: run the function's SnapStart priming hooks between init and the first event. */
    public static final String PRIMED = "bench.primed";

    private FirstEvent() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Class<?> type = Class.forName(args[0]);
        Object handler = type.getDeclaredConstructor().newInstance();
        long constructed = System.nanoTime();
        long initialised = constructed;
        if (Boolean.getBoolean(PRIMED)) {
            // What SnapStart does at a checkpoint and a restore, run in place (no CRaC JVM here): the function's
            // registered priming hooks. The handle time that follows is the restore proxy.
            try {
                Class.forName("io.gradientconnector.lambda.SnapStartPriming").getMethod("checkpointAndRestoreInPlace")
                        .invoke(null);
            } catch (ClassNotFoundException baseline) {
                // hello-world has no priming: nothing to run
            }
            initialised = System.nanoTime();
        }
        Class<?> input = inputType(type);
        ObjectMapper json = JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES) // SQS's "Records", "eventSourceARN"
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        Object event = json.readValue(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8), input);
        Method handle = type.getMethod("handleRequest", input, Context.class);
        Object result = handle.invoke(handler, event, new BenchContext());
        long handled = System.nanoTime();
        System.out.println(String.format(Locale.ROOT, "%s %s init_ms=%.1f handle_ms=%.1f prime_ms=%.1f", MARK,
                describe(result), (constructed - start) / 1e6, (handled - initialised) / 1e6,
                (initialised - constructed) / 1e6));
        System.out.flush();
        // After the mark: not part of the measured time.
        System.out.println(CLASSES + " " + ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
        System.out.flush();
        System.exit(0);
    }

    /** I of {@code RequestHandler<I, O>}. */
    private static Class<?> inputType(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType().getTypeName()
                        .equals("com.amazonaws.services.lambda.runtime.RequestHandler")) {
                    Type input = p.getActualTypeArguments()[0];
                    return (Class<?>) (input instanceof ParameterizedType generic ? generic.getRawType() : input);
                }
            }
        }
        throw new IllegalArgumentException(type + " does not implement RequestHandler<I, O>");
    }

    private static String describe(Object result) throws Exception {
        if (result == null) {
            return "result=null";
        }
        if (result instanceof java.util.Map<?, ?> map) {
            return "result=" + map.keySet().stream().map(String::valueOf).sorted().toList().toString().replace(" ", "");
        }
        for (String getter : new String[]{"getStatusCode", "getBatchItemFailures"}) {
            try {
                Object value = result.getClass().getMethod(getter).invoke(result);
                return getter.equals("getStatusCode") ? "status=" + value
                        : "batchItemFailures=" + ((java.util.Collection<?>) value).size();
            } catch (NoSuchMethodException e) {
                // try the next shape
            }
        }
        return "result=" + result.getClass().getSimpleName();
    }

    /** A context with Lambda's 30 s template timeout. */
    static final class BenchContext implements Context {
        private final long deadline = System.currentTimeMillis() + 30_000;

        @Override
        public String getAwsRequestId() {
            return "cold-start-bench";
        }

        @Override
        public String getLogGroupName() {
            return "bench";
        }

        @Override
        public String getLogStreamName() {
            return "bench";
        }

        @Override
        public String getFunctionName() {
            return "bench";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:bench";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadline - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.out.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
