package io.gradientconnector.domain;

/** Whether the account exists in Gradient (as far as the connector created it). */
public enum GradientAccountState {
    NONE, CREATED
}
