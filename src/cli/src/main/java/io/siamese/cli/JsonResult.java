package io.siamese.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Prints a command's result as exactly one line of compact JSON, the last line of stdout
 * under --json, so scripts can read it with {@code tail -n 1 | jq}.
 *
 * <p>Records serialise by component in declaration order and maps keep their iteration
 * order. JSON has no NaN or infinity, so non-finite numbers are written as {@code null}
 * rather than as strings a consumer would have to special-case. Paths, durations and
 * instants are written as their {@code toString()} (a path as typed, ISO-8601 for time).
 */
public final class JsonResult {

    private static final ObjectMapper MAPPER = createMapper();

    private JsonResult() {
    }

    /**
     * Prints {@code result} as one line of JSON followed by a newline, and flushes.
     *
     * @param out    the stream, normally {@code System.out}
     * @param result a record, map, list, string, number or bean
     * @throws IllegalArgumentException when the value cannot be serialised
     */
    public static void print(PrintStream out, Object result) {
        out.println(toJson(result));
        out.flush();
    }

    /**
     * Serialises {@code result} to compact JSON; the text never contains a line break because
     * JSON escapes line breaks inside strings.
     *
     * @param result the value
     * @return the JSON text
     * @throws IllegalArgumentException when the value cannot be serialised
     */
    public static String toJson(Object result) {
        try {
            return MAPPER.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write result of type "
                    + (result == null ? "null" : result.getClass().getName()) + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static ObjectMapper createMapper() {
        SimpleModule module = new SimpleModule("json-result");
        module.addSerializer(Double.class, new FiniteDoubleSerializer());
        module.addSerializer(Double.TYPE, new FiniteDoubleSerializer());
        module.addSerializer(Float.class, new FiniteFloatSerializer());
        module.addSerializer(Float.TYPE, new FiniteFloatSerializer());
        // Primitive arrays have their own fast serializers that bypass the ones above.
        module.addSerializer(double[].class, new FiniteDoubleArraySerializer());
        module.addSerializer(Path.class, new ToStringSerializer(Path.class));
        module.addSerializer(Duration.class, new ToStringSerializer(Duration.class));
        module.addSerializer(Instant.class, new ToStringSerializer(Instant.class));
        return new ObjectMapper().registerModule(module);
    }

    /** Writes finite doubles as numbers and NaN or infinities as null. */
    private static final class FiniteDoubleSerializer extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            writeFinite(value, gen);
        }
    }

    /** Writes finite floats as numbers and NaN or infinities as null. */
    private static final class FiniteFloatSerializer extends JsonSerializer<Float> {
        @Override
        public void serialize(Float value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Float.isFinite(value)) {
                gen.writeNumber(value);
            } else {
                gen.writeNull();
            }
        }
    }

    /** Writes a double array element by element with the same finiteness rule. */
    private static final class FiniteDoubleArraySerializer extends JsonSerializer<double[]> {
        @Override
        public void serialize(double[] values, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartArray(values, values.length);
            for (double value : values) {
                writeFinite(value, gen);
            }
            gen.writeEndArray();
        }
    }

    private static void writeFinite(double value, JsonGenerator gen) throws IOException {
        if (Double.isFinite(value)) {
            gen.writeNumber(value);
        } else {
            gen.writeNull();
        }
    }
}
