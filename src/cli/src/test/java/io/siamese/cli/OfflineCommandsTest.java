package io.siamese.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siamese.encoder.data.SyntheticShapes;
import io.siamese.encoder.image.ImageEncoding;
import io.siamese.encoder.image.Preprocessing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, evaluate and compare from the command line, on a small folder-per-class dataset. */
class OfflineCommandsTest {

    @TempDir
    static Path tmp;

    static Path data;

    @BeforeAll
    static void writeFolderDataset() throws Exception {
        data = tmp.resolve("shapes");
        SyntheticShapes shapes = new SyntheticShapes(3, 60, 5, new Preprocessing(20, 20, false));
        for (int i = 0; i < shapes.size(); i++) {
            Path dir = Files.createDirectories(data.resolve(shapes.className(shapes.label(i))));
            Files.write(dir.resolve("img" + i + ".png"), ImageEncoding.png(shapes.tensor(i), 20, 20));
        }
    }

    /** Runs the CLI, returns the last stdout line parsed as JSON. */
    private static JsonNode run(String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try (PrintStream capture = new PrintStream(out, true)) {
            System.setOut(capture);
            code = SiameseCli.commandLine().execute(args);
        } finally {
            System.setOut(original);
        }
        String text = out.toString().trim();
        assertEquals(0, code, text);
        String last = text.substring(text.lastIndexOf('\n') + 1);
        return new ObjectMapper().readTree(last);
    }

    @Test
    void shouldTrainEvaluateAndCompareWithOneJsonLineEach() throws Exception {
        Path out = tmp.resolve("run");
        JsonNode trained = run("train", "--data", data.toString(), "--input-size", "16", "--embedding", "8",
                "--epochs", "2", "--batch", "16", "--lr", "0.002", "--validation-pairs", "40", "--out", out.toString(), "--json");
        assertTrue(Files.isRegularFile(out.resolve("best/manifest.json")));
        assertTrue(Files.isRegularFile(out.resolve("final/manifest.json")));
        assertTrue(Files.isRegularFile(out.resolve("loss.png")));
        assertEquals(2, trained.get("epochs").size());
        assertEquals("validation: 6 images of 3 classes (2 per class), training: 54 images of 3 classes",
                trained.get("split").get("text").asText());

        Path histogram = tmp.resolve("hist.png");
        JsonNode eval = run("evaluate", "--model", out.resolve("best").toString(), "--data", data.toString(),
                "--histogram", histogram.toString(), "--json");
        int images = eval.get("images").asInt();
        assertEquals(images * (images - 1) / 2, eval.get("pairs").asInt(), "a small folder: every distinct pair");
        assertEquals("all_distinct", eval.get("pair_protocol").asText());
        assertEquals(eval.get("pairs").asInt(), eval.get("same_pairs").asInt() + eval.get("different_pairs").asInt());
        assertEquals(eval.get("pairs").asInt(), eval.get("distinct_pairs").asInt());
        for (String key : new String[] {"accuracy", "auc", "eer", "threshold", "accuracy_ci95", "auc_ci95", "eer_ci95"}) {
            assertTrue(eval.has(key), key);
        }
        assertEquals(0.01, eval.get("tar_at_far").get(0).get("far").asDouble());
        assertTrue(eval.get("auc_ci95").get(0).asDouble() <= eval.get("auc").asDouble(), eval.toString());
        assertTrue(eval.get("auc").asDouble() > 0.8, "trained model separates the shapes: " + eval);
        assertTrue(Files.size(histogram) > 0);

        Path grid = tmp.resolve("grid.png");
        Path a = data.resolve("shape-0/img0.png");
        JsonNode cmp = run("compare", "--model", out.resolve("best").toString(), a.toString(), a.toString(),
                data.resolve("shape-1/img1.png").toString(), "--grid", grid.toString(), "--json");
        assertEquals(2, cmp.get("results").size());
        assertEquals(0.0, cmp.get("results").get(0).get("dissimilarity").asDouble(), 1e-6);
        assertEquals("SAME", cmp.get("results").get(0).get("decision").asText());
        assertTrue(Files.size(grid) > 0);
    }

    /** {@code classes} folders of {@code perClass} shape images each (the folder, not the picture, is the class). */
    private static Path writeClasses(String name, int classes, int perClass) throws Exception {
        Path root = tmp.resolve(name);
        SyntheticShapes shapes = new SyntheticShapes(8, classes * perClass, 7, new Preprocessing(16, 16, false));
        for (int i = 0; i < shapes.size(); i++) {
            Path dir = Files.createDirectories(root.resolve("person-" + i / perClass));
            Files.write(dir.resolve("img" + i + ".png"), ImageEncoding.png(shapes.tensor(i), 16, 16));
        }
        return root;
    }

    @Test
    void shouldTrainOnThirtySevenClassesOfTenImagesWithTheDefaultValidationFraction() throws Exception {
        Path faces = writeClasses("faces", 37, 10);
        JsonNode trained = run("train", "--data", faces.toString(), "--input-size", "16", "--embedding", "8",
                "--epochs", "1", "--batch", "32", "--validation-pairs", "40", "--out", tmp.resolve("faces-run").toString(),
                "--json");
        assertEquals("validation: 38 images of 19 classes (2 per class), training: 332 images of 37 classes",
                trained.get("split").get("text").asText());
        assertEquals(1, trained.get("epochs").size());
        // --arch auto: 16x16 images get the compact network; the recipe is recorded.
        assertEquals("compact", trained.get("architecture").asText());
        assertEquals(16, trained.get("input_size").asInt());
        assertTrue(trained.get("recipe").asText().startsWith("mining none, augment none, warm-up 5% + cosine"),
                trained.get("recipe").asText());
    }

    @Test
    void shouldSayWhichImagesAreMissingWhenNoValidationSplitIsPossible() throws Exception {
        Path tiny = writeClasses("tiny", 5, 3);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cl = SiameseCli.commandLine();
        cl.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(err), true));
        int code = cl.execute("train", "--data", tiny.toString(), "--out", tmp.resolve("tiny-run").toString());
        assertEquals(1, code);
        assertTrue(err.toString().startsWith("error: a validation split needs a class with at least 4 images"),
                err.toString());
    }

    @Test
    void shouldExplainAMissingImageInsteadOfPrintingAStackTrace() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cl = SiameseCli.commandLine();
        cl.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(err), true));
        int code = cl.execute("compare", tmp.resolve("nope.png").toString(), tmp.resolve("nope2.png").toString());
        assertEquals(1, code);
        assertTrue(err.toString().startsWith("error: cannot read"), err.toString());
    }
}
