package io.alertstream.topology.rules;

/** Which side of a threshold breaches. */
public enum Direction {
    ABOVE, BELOW
}
