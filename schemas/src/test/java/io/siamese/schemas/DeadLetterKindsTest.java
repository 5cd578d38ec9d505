package io.siamese.schemas;

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
        for (Field f : DeadLetterKinds.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class
                    && !doc.contains((String) f.get(null))) {
                missing.add((String) f.get(null));
            }
        }
        assertTrue(missing.isEmpty(), "DeadLetter.avsc's errorKind doc does not name " + missing + ": " + doc);
    }
}
