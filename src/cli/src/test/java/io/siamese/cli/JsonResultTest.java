package io.siamese.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonResultTest {

    record EvalResult(String command, int pairs, double accuracy, double auc, Path model,
                      Map<String, Object> extra, List<String> notes) {
    }

    private static String printed(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonResult.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), value);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPrintARecordAsOneLineThatParsesBack() throws Exception {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("zeta", 1);
        extra.put("alpha", "two\nlines");
        EvalResult result = new EvalResult("evaluate", 1000, 0.95, 0.99, Path.of("models/best.pt"),
                extra, List.of("a", "b"));

        String text = printed(result);

        assertTrue(text.endsWith(System.lineSeparator()));
        String line = text.strip();
        assertEquals(-1, line.indexOf('\n'), "exactly one line");
        JsonNode node = new ObjectMapper().readTree(line);
        assertEquals("evaluate", node.get("command").asText());
        assertEquals(1000, node.get("pairs").asInt());
        assertEquals(0.95, node.get("accuracy").asDouble());
        assertEquals("models/best.pt", node.get("model").asText());
        assertEquals("two\nlines", node.get("extra").get("alpha").asText());
        assertTrue(line.startsWith("{\"command\":\"evaluate\",\"pairs\":1000,\"accuracy\":0.95,\"auc\":0.99"),
                "record components keep declaration order: " + line);
        assertTrue(line.contains("{\"zeta\":1,\"alpha\":"), "map keeps insertion order: " + line);
    }

    @Test
    void shouldWriteNonFiniteNumbersAsNull() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("nan", Double.NaN);
        result.put("inf", Double.POSITIVE_INFINITY);
        result.put("floatNan", Float.NaN);
        result.put("array", new double[] {1.5, Double.NaN});
        result.put("boxed", new ArrayList<>(List.of(2.0, Double.NEGATIVE_INFINITY)));

        String json = JsonResult.toJson(result);

        assertEquals("{\"nan\":null,\"inf\":null,\"floatNan\":null,\"array\":[1.5,null],\"boxed\":[2.0,null]}",
                json);
        new ObjectMapper().readTree(json);
    }

    @Test
    void shouldWriteDurationsAsIsoText() {
        assertEquals("{\"took\":\"PT1M30S\"}", JsonResult.toJson(Map.of("took", Duration.ofSeconds(90))));
    }

    @Test
    void shouldRejectValuesJacksonCannotWrite() {
        assertThrows(IllegalArgumentException.class, () -> JsonResult.toJson(new Object()));
    }
}
