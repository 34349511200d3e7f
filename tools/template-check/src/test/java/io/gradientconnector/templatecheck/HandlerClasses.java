package io.gradientconnector.templatecheck;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whether a handler named in the template loads from its function's deployment jar (what
 * {@code sam build} put in {@code .aws-sam/build/<LogicalId>/lib/}). The jar is loaded on its own
 * (parent: the platform class loader), so a class that only resolves through this test's classpath,
 * or a dependency the shade step dropped, is reported too.
 */
final class HandlerClasses {

    private HandlerClasses() {
    }

    /** Problems with {@code handler} ("pkg.Class::method") in {@code jar}; empty when it would run. */
    static List<String> problems(String function, String handler, Path jar) {
        String[] parts = handler.split("::", 2);
        String className = parts[0];
        String methodName = parts.length == 2 ? parts[1] : "handleRequest";
        if (!Files.isRegularFile(jar)) {
            return List.of(function + ": " + className + " cannot be checked: " + jar
                    + " does not exist (run sam build; the module must shade to <finalName>, docs/DEPLOY.md)");
        }
        List<String> problems = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> type = Class.forName(className, false, loader);
            if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
                problems.add(function + ": " + className + " must be a public concrete class");
            }
            try {
                type.getConstructor();
            } catch (NoSuchMethodException e) {
                problems.add(function + ": " + className + " needs a public no-arg constructor (Lambda calls it)");
            }
            // getMethods() resolves every parameter and return type: a dependency missing from the
            // jar (say the events library) fails here as NoClassDefFoundError.
            List<Method> handlers = Arrays.stream(type.getMethods())
                    .filter(m -> m.getName().equals(methodName) && !Modifier.isStatic(m.getModifiers()))
                    .toList();
            if (handlers.isEmpty()) {
                problems.add(function + ": " + className + " has no public instance method " + methodName);
            }
        } catch (ClassNotFoundException e) {
            problems.add(function + ": " + className + " is not in " + jar);
        } catch (LinkageError e) {
            problems.add(function + ": " + className + " does not link from " + jar + ": " + e);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return problems;
    }
}
