package io.siamese.encoder.model;

import java.util.Locale;

/** Whether the two branches share weights. */
public enum Mode {
    /** One tower applied to both inputs (weights shared): inputs of the same kind. */
    SIAMESE,
    /** Two towers with separate weights: inputs that differ in kind (e.g. a sketch and a photo). */
    PSEUDO;

    /** The lower-case name used on the command line and in manifests. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code siamese} or {@code pseudo} (also {@code pseudo-siamese}). */
    public static Mode parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("siamese")) {
            return SIAMESE;
        }
        if (n.equals("pseudo") || n.equals("pseudo-siamese")) {
            return PSEUDO;
        }
        throw new IllegalArgumentException("unknown mode '" + name + "'; known: siamese, pseudo");
    }
}
