package io.gradientconnector.localrun.bootstrap;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The main class of a function's JVM (what the Lambda Java runtime does, reduced to one process per function
 * instance): loads the function's artifact in its own class loader, constructs the handler once with its public
 * no-arg constructor (the "init" phase), then serves invocations one at a time over {@link Frames}. Events become
 * the handler's input type the way the Lambda runtime does it, with {@code aws-lambda-java-serialization}: the
 * event classes ({@code SQSEvent}, {@code APIGatewayProxyRequestEvent}, ...) through its event mixins, anything
 * else through its Jackson.
 *
 * <p>The process's stdout carries the protocol, so {@code System.out} is pointed at stderr before any function
 * code runs: what the function prints becomes its log, like on Lambda.
 *
 * <p>Arguments: {@code <artifact classpath> <Class::method> <function name> <memory MB>}.
 */
public final class FunctionBootstrap {

    private final Object handler;
    private final Method method;
    private final Kind kind;
    private final PojoSerializer<Object> input;
    private final PojoSerializer<Object> output;
    private final String functionName;
    private final int memoryMb;
    private final String region;
    private final PrintStream log;

    private enum Kind { STREAM, ONE_ARGUMENT, WITH_CONTEXT, NO_ARGUMENT }

    private FunctionBootstrap(Object handler, Method method, Kind kind, PojoSerializer<Object> input,
                              PojoSerializer<Object> output, String functionName, int memoryMb, PrintStream log) {
        this.handler = handler;
        this.method = method;
        this.kind = kind;
        this.input = input;
        this.output = output;
        this.functionName = functionName;
        this.memoryMb = memoryMb;
        this.region = System.getenv().getOrDefault("AWS_REGION", "us-east-1");
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        DataOutputStream protocol = new DataOutputStream(new BufferedOutputStream(
                new FileOutputStream(FileDescriptor.out)));
        PrintStream log = System.err;
        System.setOut(log);
        DataInputStream requests = new DataInputStream(new BufferedInputStream(System.in));
        if (args.length != 4) {
            Frames.writeFrame(protocol, Frames.INIT_ERROR, Frames.errorJson("Runtime.BadArguments",
                    "usage: FunctionBootstrap <classpath> <Class::method> <function name> <memory MB>",
                    new StackTraceElement[0]));
            System.exit(2);
        }
        FunctionBootstrap bootstrap;
        try {
            bootstrap = init(args[0], args[1], args[2], Integer.parseInt(args[3]), log);
        } catch (Throwable e) {
            Throwable cause = unwrap(e);
            cause.printStackTrace(log);
            Frames.writeFrame(protocol, Frames.INIT_ERROR, Frames.errorJson(
                    cause.getClass().getName(), String.valueOf(cause.getMessage()), cause.getStackTrace()));
            log.flush();
            System.exit(1);
            return;
        }
        Frames.writeFrame(protocol, Frames.READY, new byte[0]);
        while (true) {
            Frames.Request request;
            try {
                request = Frames.readRequest(requests);
            } catch (EOFException e) {
                return; // the runner closed our stdin: shut down
            }
            bootstrap.serve(request, protocol);
        }
    }

    private void serve(Frames.Request request, DataOutputStream protocol) throws Exception {
        byte[] result;
        try {
            result = invoke(request);
        } catch (Throwable e) {
            Throwable cause = unwrap(e);
            log.println("[" + request.requestId() + "] " + cause.getClass().getName() + ": " + cause.getMessage());
            cause.printStackTrace(log);
            log.flush();
            Frames.writeFrame(protocol, Frames.ERROR, Frames.errorJson(
                    cause.getClass().getName(), String.valueOf(cause.getMessage()), cause.getStackTrace()));
            return;
        } finally {
            System.out.flush();
        }
        Frames.writeFrame(protocol, Frames.RESULT, result);
    }

    private byte[] invoke(Frames.Request request) throws Exception {
        Context context = new LocalContext(request.requestId(), functionName, request.deadlineMillis(), memoryMb,
                region, log);
        if (kind == Kind.STREAM) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            method.invoke(handler, new ByteArrayInputStream(request.event()), out, context);
            return out.toByteArray();
        }
        Object event = kind == Kind.NO_ARGUMENT ? null : input.fromJson(new ByteArrayInputStream(request.event()));
        Object result = switch (kind) {
            case WITH_CONTEXT -> method.invoke(handler, event, context);
            case ONE_ARGUMENT -> method.invoke(handler, event);
            default -> method.invoke(handler);
        };
        if (output == null || result == null) {
            return "null".getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        output.toJson(result, out);
        return out.toByteArray();
    }

    private static FunctionBootstrap init(String classpath, String handlerSpec, String functionName, int memoryMb,
                                          PrintStream log) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getSystemClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        int separator = handlerSpec.indexOf("::");
        String className = separator < 0 ? handlerSpec : handlerSpec.substring(0, separator);
        String methodName = separator < 0 ? "handleRequest" : handlerSpec.substring(separator + 2);
        Class<?> type = Class.forName(className, true, loader);
        Object handler = type.getConstructor().newInstance();
        Method method = chooseMethod(type, methodName);
        Kind kind = kindOf(method);
        PojoSerializer<Object> input = null;
        if (kind == Kind.ONE_ARGUMENT || kind == Kind.WITH_CONTEXT) {
            input = serializerFor(method.getGenericParameterTypes()[0], loader);
        }
        PojoSerializer<Object> output = null;
        if (kind != Kind.STREAM && method.getReturnType() != void.class) {
            output = serializerFor(method.getGenericReturnType(), loader);
        }
        method.setAccessible(true);
        return new FunctionBootstrap(handler, method, kind, input, output, functionName, memoryMb, log);
    }

    /** Like Lambda: a public, non-bridge method of that name; with several, the one taking the most arguments. */
    private static Method chooseMethod(Class<?> type, String name) {
        if (RequestStreamHandler.class.isAssignableFrom(type) && name.equals("handleRequest")) {
            try {
                return type.getMethod(name, InputStream.class, OutputStream.class, Context.class);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type.getName() + " is a RequestStreamHandler without handleRequest", e);
            }
        }
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && !m.isBridge() && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getParameterCount() <= 3)
                .max(Comparator.<Method>comparingInt(Method::getParameterCount)
                        .thenComparing(m -> m.getParameterTypes().length > 0
                                && m.getParameterTypes()[0] != Object.class))
                .orElseThrow(() -> new IllegalStateException("no public method " + name + " in " + type.getName()));
    }

    private static Kind kindOf(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        if (parameters.length == 3 && parameters[0] == InputStream.class && parameters[1] == OutputStream.class) {
            return Kind.STREAM;
        }
        return switch (parameters.length) {
            case 0 -> Kind.NO_ARGUMENT;
            case 1 -> Kind.ONE_ARGUMENT;
            case 2 -> {
                if (!Context.class.isAssignableFrom(parameters[1])) {
                    throw new IllegalStateException(method + ": the second parameter must be a Context");
                }
                yield Kind.WITH_CONTEXT;
            }
            default -> throw new IllegalStateException(method + " is not a handler signature Lambda supports");
        };
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializerFor(Type type, ClassLoader loader) {
        if (type instanceof Class<?> cls && LambdaEventSerializers.isLambdaSupportedEvent(cls.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(cls, loader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof InvocationTargetException || current instanceof ExceptionInInitializerError)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
