package io.gradientconnector.localrun.function;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which built artifact holds each function: the root Makefile's {@code FUNCTION_MODULE_<LogicalId> := <module>}
 * lines, the same mapping {@code sam build} uses (docs/DEPLOY.md), so it is not written twice. The artifact is
 * {@code functions/<module>/target/<module>.jar}. Immutable.
 */
public final class FunctionArtifacts {

    private static final Pattern MODULE_LINE = Pattern.compile("^FUNCTION_MODULE_(\\w+)\\s*:?=\\s*(\\S+)\\s*$",
            Pattern.MULTILINE);

    private final Path root;
    private final Map<String, String> modules;

    private FunctionArtifacts(Path root, Map<String, String> modules) {
        this.root = root;
        this.modules = Map.copyOf(modules);
    }

    public static FunctionArtifacts fromMakefile(Path root) {
        try {
            return parse(root, Files.readString(root.resolve("Makefile")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root.resolve("Makefile"), e);
        }
    }

    static FunctionArtifacts parse(Path root, String makefile) {
        Map<String, String> modules = new LinkedHashMap<>();
        Matcher matcher = MODULE_LINE.matcher(makefile);
        while (matcher.find()) {
            modules.put(matcher.group(1), matcher.group(2));
        }
        return new FunctionArtifacts(root, modules);
    }

    /** The artifact path of {@code logicalId}, whether built or not; empty when the Makefile does not map it. */
    public Optional<Path> artifact(String logicalId) {
        String module = modules.get(logicalId);
        return module == null ? Optional.empty()
                : Optional.of(root.resolve("functions").resolve(module).resolve("target").resolve(module + ".jar"));
    }

    /** The function's code when its artifact is built. */
    public Optional<FunctionCode> code(String logicalId) {
        return artifact(logicalId).filter(Files::isRegularFile).map(FunctionCode::jar);
    }

    /** Why {@link #code} is empty, for the banner and the 503 answer. */
    public String whyMissing(String logicalId) {
        return artifact(logicalId)
                .map(jar -> root.relativize(jar) + " is not built (run `make build`)")
                .orElse("the Makefile has no FUNCTION_MODULE_" + logicalId + " line");
    }
}
