package io.siamese.cli;

import io.siamese.encoder.Distance;
import io.siamese.encoder.data.Datasets;
import io.siamese.encoder.data.ImageSizeSurvey;
import io.siamese.encoder.data.LabelledImages;
import io.siamese.encoder.data.Split;
import io.siamese.encoder.data.SplitSummary;
import io.siamese.encoder.data.Splits;
import io.siamese.encoder.loss.LossKind;
import io.siamese.encoder.loss.Mining;
import io.siamese.encoder.model.Architecture;
import io.siamese.encoder.model.Mode;
import io.siamese.encoder.model.ModelSpec;
import io.siamese.trainer.train.ArchitectureChoice;
import io.siamese.trainer.train.Augmentation;
import io.siamese.trainer.train.SiameseTraining;
import io.siamese.trainer.train.SiameseTrainingConfig;
import io.siamese.trainer.train.SiameseTrainingResult;
import io.siamese.trainer.train.TrainingRecipe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code siamese train}: trains an encoder offline and writes {@code best/}, {@code final/}, {@code loss.png}. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train a Siamese encoder with contrastive (or triplet) loss.",
            "Writes OUT/best (lowest validation EER), OUT/final and OUT/loss.png. Each checkpoint carries a",
            "decision threshold calibrated on a held-out validation split of the training data.",
            "Runs for a time budget (--max-minutes); the learning-rate schedule spans it."
        })
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true,
            description = "fashion-mnist, or a folder with one sub-folder of images per class.")
    String data;

    @Option(names = "--arch", defaultValue = "auto",
            description = "seed, compact, or auto: compact at 32x32 for small images, seed at 100x100 for images"
                    + " of 64 pixels or more a side. Default: ${DEFAULT-VALUE}.")
    String arch;

    @Option(names = "--mode", defaultValue = "siamese",
            description = "siamese (shared weights) or pseudo (two towers). Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--loss", defaultValue = "contrastive", description = "contrastive or triplet. Default: ${DEFAULT-VALUE}.")
    String loss;

    @Option(names = "--distance", defaultValue = "cosine",
            description = "euclidean, cosine (the embeddings normalised) or exponential. Default: ${DEFAULT-VALUE}.")
    String distance;

    @Option(names = "--margin",
            description = "Loss margin. Default: 2.0 (contrastive; 1.0 on cosine distance), 1.0 (triplet).")
    Float margin;

    @Option(names = "--epochs", defaultValue = "0",
            description = "Stop after this many epochs (one epoch = as many pairs as images); 0: no cap. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--steps", defaultValue = "0", description = "Stop after this many optimiser steps; 0: no cap.")
    long steps;

    @Option(names = "--batch", defaultValue = "64", description = "Pairs per step. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--lr", defaultValue = "0.001",
            description = "Adam learning rate (the peak of the schedule). Default: ${DEFAULT-VALUE}.")
    float lr;

    @Option(names = "--schedule", defaultValue = DEFAULT_SCHEDULE,
            description = "constant, or cosine (warm-up, then decay to 0 at the end of the run). Default: ${DEFAULT-VALUE}.")
    String schedule;

    @Option(names = "--warmup", defaultValue = "0.05",
            description = "Share of the run spent warming the rate up (cosine schedule). Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(names = "--mining", defaultValue = DEFAULT_MINING,
            description = "none (random pairs, the seed's) or batch-hard (hardest pairs of P x K batches). Default: ${DEFAULT-VALUE}.")
    String mining;

    @Option(names = "--augment", defaultValue = DEFAULT_AUGMENT,
            description = "none, or a list of shift, crop, rotate, flip (flip only if a mirror image keeps its class)."
                    + " Default: ${DEFAULT-VALUE}.")
    String augment;

    @Option(names = "--input-size", description = "Square input size in pixels. Default: 100 (seed), 32 (compact).")
    Integer inputSize;

    @Option(names = "--embedding", description = "Embedding size. Default: 5 (seed), 16 (compact).")
    Integer embedding;

    @Option(names = "--invert", description = "Invert gray levels before encoding (the seed's option).")
    boolean invert;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--validation-fraction", defaultValue = "0.1",
            description = "Share of training images held out for validation. Default: ${DEFAULT-VALUE}.")
    double validationFraction;

    @Option(names = "--validation-pairs", defaultValue = "2000", description = "Validation pairs. Default: ${DEFAULT-VALUE}.")
    int validationPairs;

    @Option(names = "--max-minutes", defaultValue = "30",
            description = "Training time budget in minutes (the current epoch is cut short). Default: ${DEFAULT-VALUE}.")
    double maxMinutes;

    @Option(names = "--out", description = "Output directory. Default: runs/train-<time>.")
    Path out;

    @Option(names = "--resume", description = "Warm-start from this checkpoint (its architecture is used).")
    Path resume;

    @Mixin
    CommonOptions common;

    static final String DEFAULT_SCHEDULE = "cosine";
    static final String DEFAULT_MINING = "none";
    static final String DEFAULT_AUGMENT = "none";

    @Override
    public Integer call() {
        String why = "";
        Architecture architecture;
        int size;
        if (arch.trim().equalsIgnoreCase("auto") && resume == null) {
            ArchitectureChoice choice = ArchitectureChoice.forImages(ImageSizeSurvey.of(data));
            architecture = choice.architecture();
            size = choice.inputSize();
            why = " (--arch auto: " + choice.reason() + ")";
        } else {
            architecture = arch.trim().equalsIgnoreCase("auto") ? Architecture.COMPACT : Architecture.parse(arch);
            size = architecture.defaultInputSize();
        }
        ModelSpec spec = new ModelSpec(architecture, Mode.parse(mode), inputSize != null ? inputSize : size,
                embedding != null ? embedding : architecture.defaultEmbeddingDim(), invert);
        if (resume != null) {
            spec = io.siamese.encoder.checkpoint.Checkpoints.specOf(
                    io.siamese.encoder.checkpoint.Checkpoints.readManifest(resume));
        }
        LossKind lossKind = LossKind.parse(loss);
        Path outDir = out != null ? out : Path.of("runs", "train-" + System.currentTimeMillis() / 1000);
        TrainingRecipe recipe = new TrainingRecipe(Mining.parse(mining), Augmentation.parse(augment),
                scheduleIsCosine() ? warmup : 0, scheduleIsCosine());
        Distance distanceKind = Distance.parse(distance);
        SiameseTrainingConfig cfg = new SiameseTrainingConfig(spec, lossKind, distanceKind,
                margin != null ? margin : lossKind.defaultMargin(distanceKind), epochs, batch, lr, seed, validationPairs,
                Optional.of(Duration.ofMillis((long) (maxMinutes * 60_000))), outDir, Optional.ofNullable(resume),
                recipe, steps);
        LabelledImages all = Datasets.open(data, Split.TRAIN, spec.preprocessing());
        Splits.Result split = Splits.stratified(all, validationFraction, seed);
        SplitSummary splitSummary = SplitSummary.of(split);
        System.out.printf("training %s (%s, input %dx%d, embedding %d)%s on %s%n%s%n%s loss (margin %s) on %s distance, %s, for up to %s%n",
                spec.architecture().id(), spec.mode().id(), spec.inputSize(), spec.inputSize(), spec.embeddingDim(),
                why, all.description(), splitSummary, lossKind.id(), cfg.margin(), cfg.distance().id(), recipe.describe(lr),
                limits());
        SiameseTrainingResult result = new SiameseTraining(common.device())
                .run(cfg, split.train(), split.validation(), new EpochConsole(!common.json));
        System.out.printf("best: %s (validation accuracy %.4f, threshold %.4f)%nfinal: %s%nloss curve: %s%n",
                result.best(), result.bestManifest().metrics().get("validation_accuracy"),
                result.bestManifest().threshold(), result.last(), result.lossCurve());
        if (common.json) {
            JsonResult.print(System.out, TrainSummaryJson.of(result, splitSummary));
        }
        return 0;
    }

    private boolean scheduleIsCosine() {
        return switch (schedule.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "cosine" -> true;
            case "constant" -> false;
            default -> throw new IllegalArgumentException("unknown schedule '" + schedule + "'; known: constant, cosine");
        };
    }

    private String limits() {
        String text = String.format("%.4g min", maxMinutes);
        text += epochs > 0 ? ", " + epochs + " epochs" : "";
        return text + (steps > 0 ? ", " + steps + " steps" : "");
    }
}
