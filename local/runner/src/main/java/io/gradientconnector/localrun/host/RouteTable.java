package io.gradientconnector.localrun.host;

import io.gradientconnector.localrun.template.ApiRoute;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's API routes, matched like API Gateway: {@code {name}} is one path segment, {@code {name+}} the rest
 * of the path; a route with more literal segments wins over one with parameters, and a greedy one comes last.
 * Immutable; thread-safe.
 */
public final class RouteTable {

    /** A request's route and its path parameters. */
    public record Match(ApiRoute route, Map<String, String> pathParameters) {
    }

    private record Compiled(ApiRoute route, Pattern pattern, List<String> names, int parameters, boolean greedy) {
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}/]+?)(\\+?)}");

    private final List<Compiled> routes;

    public RouteTable(List<ApiRoute> routes) {
        List<Compiled> compiled = new ArrayList<>();
        for (ApiRoute route : routes) {
            compiled.add(compile(route));
        }
        compiled.sort(Comparator.comparing(Compiled::greedy).thenComparingInt(Compiled::parameters));
        this.routes = List.copyOf(compiled);
    }

    /** The route serving {@code method} on the decoded {@code path}. */
    public Optional<Match> match(String method, String path) {
        for (Compiled candidate : routes) {
            if (!candidate.route().method().equals("ANY") && !candidate.route().method().equals(method)) {
                continue;
            }
            Optional<Map<String, String>> parameters = parameters(candidate, path);
            if (parameters.isPresent()) {
                return Optional.of(new Match(candidate.route(), parameters.get()));
            }
        }
        return Optional.empty();
    }

    /** Whether some route serves {@code path} with another method (405 rather than 404). */
    public List<String> methodsFor(String path) {
        return routes.stream().filter(c -> parameters(c, path).isPresent()).map(c -> c.route().method()).distinct()
                .toList();
    }

    public List<ApiRoute> routes() {
        return routes.stream().map(Compiled::route).toList();
    }

    private static Optional<Map<String, String>> parameters(Compiled compiled, String path) {
        String normalized = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Matcher matcher = compiled.pattern().matcher(normalized);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < compiled.names().size(); i++) {
            values.put(compiled.names().get(i), matcher.group(i + 1));
        }
        return Optional.of(values);
    }

    private static Compiled compile(ApiRoute route) {
        Matcher matcher = PARAMETER.matcher(route.path());
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        boolean greedy = false;
        int last = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(route.path().substring(last, matcher.start())));
            names.add(matcher.group(1));
            boolean plus = !matcher.group(2).isEmpty();
            greedy |= plus;
            regex.append(plus ? "(.+)" : "([^/]+)");
            last = matcher.end();
        }
        regex.append(Pattern.quote(route.path().substring(last)));
        return new Compiled(route, Pattern.compile(regex.toString()), List.copyOf(names), names.size(), greedy);
    }
}
