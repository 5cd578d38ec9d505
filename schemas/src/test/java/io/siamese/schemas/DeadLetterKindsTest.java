package io.siamese.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterKindsTest {

    @Test
    void shouldNameEveryKnownKindInTheContractsDoc() throws IllegalAccessException {
        // The .avsc doc is what people reading the registry see: a kind missing there is undocumented.
        String doc = DeadLetter.getClassSchema().getField("errorKind").doc();
        List<String> missing = new ArrayList<>();
        for (String kind : constants()) {
            if (!doc.contains(kind)) {
                missing.add(kind);
            }
        }
        assertTrue(missing.isEmpty(), "DeadLetter.avsc's errorKind doc does not name " + missing + ": " + doc);
    }

    @Test
    void shouldListEveryKindInAll() throws IllegalAccessException {
        // ALL is what the metrics pre-register: a kind added without it would read "no data" until its first use.
        assertEquals(constants(), DeadLetterKinds.ALL);
    }

    private static List<String> constants() throws IllegalAccessException {
        List<String> kinds = new ArrayList<>();
        for (Field f : DeadLetterKinds.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                kinds.add((String) f.get(null));
            }
        }
        return kinds;
    }
}
