package io.siamese.schemas.registry;

/** The compatibility levels of the Confluent schema registry API, checked when a new version is registered. */
public enum CompatibilityLevel {
    /** No check. */
    NONE,
    /** New readers can read data written with the previous version (consumers upgrade first). */
    BACKWARD,
    /** {@link #BACKWARD} against every earlier version. */
    BACKWARD_TRANSITIVE,
    /** Previous readers can read data written with the new version (producers upgrade first). */
    FORWARD,
    /** {@link #FORWARD} against every earlier version. */
    FORWARD_TRANSITIVE,
    /** Both {@link #BACKWARD} and {@link #FORWARD} against the previous version. */
    FULL,
    /** {@link #FULL} against every earlier version. */
    FULL_TRANSITIVE
}
