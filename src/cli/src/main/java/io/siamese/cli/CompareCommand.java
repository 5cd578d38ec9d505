package io.siamese.cli;

import io.siamese.cli.charts.PairGrid;
import io.siamese.cli.charts.PairTile;
import io.siamese.encoder.checkpoint.Checkpoint;
import io.siamese.encoder.checkpoint.Checkpoints;
import io.siamese.encoder.image.ImageDecoder;
import io.siamese.encoder.image.ImageLimits;
import io.siamese.encoder.image.Preprocessing;
import io.siamese.encoder.model.Embedder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code siamese compare}: dissimilarity of one image against others, and the seed's picture. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Dissimilarity of IMG0 against each other image, with the SAME/DIFFERENT decision at the",
            "checkpoint's threshold. --grid draws each pair side by side captioned \"Dissimilarity: x.xxxx\"."
        })
public final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "The reference image (PNG, JPEG, BMP, GIF, PGM/PPM).")
    Path reference;

    @Parameters(index = "1..*", arity = "1..*", description = "Images to compare with the reference.")
    List<Path> others;

    @Option(names = "--model", description = "Checkpoint directory. Default: the shipped models/default.")
    Path model;

    @Option(names = "--grid", description = "Write the side-by-side picture to this PNG.")
    Path grid;

    @Mixin
    PrecisionOption precision;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Path dir = model != null ? model : CommonOptions.defaultModel();
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
        byte[] refBytes = read(reference);
        List<byte[]> encoded = others.stream().map(CompareCommand::read).toList();
        BufferedImage ref = decode(decoder, reference, refBytes);
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
            images.add(decode(decoder, others.get(i), encoded.get(i)));
        }
        try (Checkpoint ckpt = Checkpoints.load(dir, common.device()); Embedder embedder = ckpt.model().newEmbedder(precision.precision())) {
            Preprocessing pre = ckpt.model().preprocessing();
            // Tensors through the one decode path the service and training use (subsampled when large).
            float[] refTensor = tensor(pre, decoder, reference, refBytes);
            float[][] left = new float[images.size()][];
            float[][] right = new float[images.size()][];
            for (int i = 0; i < images.size(); i++) {
                left[i] = refTensor;
                right[i] = tensor(pre, decoder, others.get(i), encoded.get(i));
            }
            float[][][] emb = embedder.embedPairs(left, right);
            List<Map<String, Object>> results = new ArrayList<>();
            List<PairTile> tiles = new ArrayList<>();
            System.out.printf("model %s, %s distance, threshold %.4f; reference %s%n",
                    ckpt.version(), ckpt.distance().id(), ckpt.threshold(), reference);
            for (int i = 0; i < images.size(); i++) {
                double d = ckpt.distance().compute(emb[0][i], emb[1][i]);
                String decision = d <= ckpt.threshold() ? "SAME" : "DIFFERENT";
                System.out.printf("%-40s dissimilarity %.4f  %s%n", others.get(i), d, decision);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("image", others.get(i).toString());
                r.put("dissimilarity", d);
                r.put("decision", decision);
                results.add(r);
                tiles.add(new PairTile(ref, images.get(i), String.format("Dissimilarity: %.4f", d)));
            }
            if (grid != null) {
                PairGrid.write(grid, tiles);
                System.out.println("grid: " + grid);
            }
            if (common.json) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("model_version", ckpt.version());
                json.put("distance", ckpt.distance().id());
                json.put("threshold", ckpt.threshold());
                json.put("reference", reference.toString());
                json.put("results", results);
                if (grid != null) {
                    json.put("grid", grid.toString());
                }
                JsonResult.print(System.out, json);
            }
        }
        return 0;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static BufferedImage decode(ImageDecoder decoder, Path file, byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static float[] tensor(Preprocessing pre, ImageDecoder decoder, Path file, byte[] bytes) {
        try {
            return pre.toTensor(bytes, decoder);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
