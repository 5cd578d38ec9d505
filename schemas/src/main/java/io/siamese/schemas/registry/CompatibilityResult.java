package io.siamese.schemas.registry;

import java.util.List;

/**
 * Answer of a compatibility check.
 *
 * @param compatible whether the candidate schema may be registered under the subject
 * @param messages   the registry's explanations when it gives any (Apicurio gives none; may be empty)
 */
public record CompatibilityResult(boolean compatible, List<String> messages) {

    /** Copies {@code messages} so the result is immutable. */
    public CompatibilityResult {
        messages = List.copyOf(messages);
    }
}
