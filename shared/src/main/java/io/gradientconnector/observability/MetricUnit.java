package io.gradientconnector.observability;

/** The CloudWatch units this project records; {@link #cloudWatchName()} is the EMF spelling. */
public enum MetricUnit {
    COUNT("Count"),
    MILLISECONDS("Milliseconds");

    private final String cloudWatchName;

    MetricUnit(String cloudWatchName) {
        this.cloudWatchName = cloudWatchName;
    }

    public String cloudWatchName() {
        return cloudWatchName;
    }
}
