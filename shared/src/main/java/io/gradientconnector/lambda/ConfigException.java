package io.gradientconnector.lambda;

/**
 * A missing or malformed environment variable. The message names the variable and what is
 * expected, never the value it had (a misplaced secret must not reach the logs).
 */
public final class ConfigException extends RuntimeException {
    private final String variable;

    public ConfigException(String variable, String problem) {
        super(variable + " " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
