package io.siamese.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siamese.cli.JsonResult;
import io.siamese.cli.tail.StreamStats;
import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.Decision;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.Timings;
import io.siamese.schemas.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoSummaryTest {

    @Test
    void jsonHasTheDocumentedFieldsInOrder() throws Exception {
        StreamStats stats = new StreamStats();
        stats.recordResult(PairDissimilarity.newBuilder().setPairId("p-1").setDistance(0.2).setMetric("euclidean")
                .setThreshold(1).setDecision(Decision.SAME).setModelVersion("v7")
                .setTimings(new Timings(0L, 0L, 0L, 1)).setLabel(0).setEventTime(1_000).setMetadata(Map.of())
                .build(), 1_040);
        stats.recordDeadLetter(DeadLetter.newBuilder().setSourceTopic(Topics.IMAGE_PAIRS).setPartition(0).setOffset(3)
                .setErrorKind("TOO_LARGE").setErrorMessage("bomb").setFailedAt(Instant.EPOCH).build());
        DemoSummary summary = new DemoSummary(DemoSummary.Outcome.COMPLETE, "", 2, 1, 1, stats.snapshot(),
                Path.of("work/demo-1"));

        String line = JsonResult.toJson(summary.toJson());
        JsonNode json = new ObjectMapper().readTree(line);

        assertTrue(line.startsWith("{\"pairs\":2,\"results\":1,\"dead_letters\":1,\"accuracy\":1.0,"
                + "\"model_versions\":[\"v7\"],\"pairs_per_s\":"), line);
        assertEquals(40, json.get("latency_ms").get("p50").asLong());
        assertEquals(40, json.get("latency_ms").get("p99").asLong());
        assertEquals("complete", json.get("outcome").asText());
        assertEquals(1, json.get("dead_letter_kinds").get("TOO_LARGE").asLong());
        assertTrue(summary.toText().contains("accuracy 1.0000 on 1 labelled results"), summary.toText());
    }

    @Test
    void withTheTrainerItListsEveryAnnouncedVersionAndTheAccuracyUnderEach() throws Exception {
        StreamStats stats = new StreamStats();
        for (String version : new String[] {"v1", "v2", "v2"}) {
            stats.recordResult(PairDissimilarity.newBuilder().setPairId("p-" + version).setDistance(0.2)
                    .setMetric("euclidean").setThreshold(1).setDecision(Decision.SAME).setModelVersion(version)
                    .setTimings(new Timings(0L, 0L, 0L, 1)).setLabel(0).setEventTime(1_000).setMetadata(Map.of())
                    .build(), 1_040);
        }
        Map<String, Object> first = new java.util.LinkedHashMap<>();
        first.put("version", "v1");
        first.put("parent", null);
        Map<String, Object> second = new java.util.LinkedHashMap<>();
        second.put("version", "v2");
        second.put("parent", "v1");
        second.put("holdout_accuracy", 0.84);
        second.put("serving_holdout_accuracy", 0.78);
        DemoSummary summary = new DemoSummary(DemoSummary.Outcome.COMPLETE, "", 3, 3, 0, stats.snapshot(),
                Path.of("work/demo-2")).withVersions(java.util.List.of(first, second));

        JsonNode json = new ObjectMapper().readTree(JsonResult.toJson(summary.toJson()));

        assertEquals("[\"v1\",\"v2\"]", json.get("model_versions").toString());
        assertEquals(1.0, json.get("accuracy_by_version").get("v2").asDouble());
        assertEquals("v1", json.get("checkpoints").get(1).get("parent").asText());
        assertTrue(summary.toText().contains("checkpoint v2 (parent v1): holdout accuracy 0.8400 vs the serving"
                + " model's 0.7800"), summary.toText());
        assertTrue(summary.toText().contains("checkpoint v1 (the first version)"), summary.toText());
    }

    @Test
    void shouldReportTheWarmUpApartAsTheColdStart() throws Exception {
        StreamStats measured = new StreamStats();
        measured.recordResult(PairDissimilarity.newBuilder().setPairId("p-1").setDistance(0.2).setMetric("euclidean")
                .setThreshold(1).setDecision(Decision.SAME).setModelVersion("v7")
                .setTimings(new Timings(0L, 0L, 0L, 1)).setLabel(0).setEventTime(1_000).setMetadata(Map.of())
                .build(), 1_050);
        StreamStats cold = new StreamStats();
        cold.recordResult(PairDissimilarity.newBuilder().setPairId("p-w-0").setDistance(0.2).setMetric("euclidean")
                .setThreshold(1).setDecision(Decision.SAME).setModelVersion("v7")
                .setTimings(new Timings(0L, 0L, 0L, 1)).setLabel(0).setEventTime(1_000).setMetadata(Map.of())
                .build(), 3_000);
        DemoSummary summary = new DemoSummary(DemoSummary.Outcome.COMPLETE, "", 1, 1, 0, measured.snapshot(),
                Path.of("work/demo-3")).withColdStart(cold.snapshot());

        JsonNode json = new ObjectMapper().readTree(JsonResult.toJson(summary.toJson()));

        assertEquals(50, json.get("latency_ms").get("p99").asLong(), "the measured pairs only");
        assertEquals(2000, json.get("cold_start_latency_ms").get("p99").asLong());
        assertEquals(1, json.get("cold_start_latency_ms").get("pairs").asLong());
        assertTrue(summary.toText().contains("cold start (the 1 warm-up pairs before): p50 2000 ms"), summary.toText());
    }
}
