package io.gradientconnector.domain;

/** How usage-push sends counts: the absolute count (default) or the net change since the last push. */
public enum PushMode {
    ABSOLUTE, DELTA
}
