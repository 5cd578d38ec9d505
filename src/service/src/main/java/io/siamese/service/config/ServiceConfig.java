package io.siamese.service.config;

import io.siamese.encoder.model.InferencePrecision;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of the service, under the prefix {@code siamese}. Set them in
 * {@code application.properties}, as system properties ({@code -Dsiamese.batch.max-size=64}) or
 * as environment variables ({@code SIAMESE_BATCH_MAX_SIZE=64}).
 */
@ConfigMapping(prefix = "siamese")
public interface ServiceConfig {

    /**
     * A Kafka client properties file, as {@code publish}, {@code tail} and the trainer read it: Kafka security
     * ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}) for every Kafka client of the service, and the
     * registry's {@code basic.auth.user.info} and {@code schema.registry.ssl.truststore.*}
     * ({@link ClientConfigFileSource} reads it before the rest; explicit settings win). Usually set as
     * {@code SIAMESE_CLIENT_CONFIG} to a mounted Secret; only a system property or the environment can name it,
     * since the file is read before the rest of the configuration.
     */
    Optional<String> clientConfig();

    /** The model served. */
    Model model();

    /** Micro-batching. */
    Batch batch();

    /** Topic names. */
    Topics topics();

    /** Limits on incoming images. */
    Image image();

    /** The Confluent-compatible schema registry. */
    Registry registry();

    /** How result keys are written. */
    Output output();

    /** Hot-swapping checkpoints announced on the checkpoint topic. */
    Checkpoints checkpoints();

    /** The admin API (pin, unpin, roll back). */
    Admin admin();

    /** The live page at {@code /}. */
    Live live();

    /** What happens when a stream thread dies of an error nothing else handled. */
    Recovery recovery();

    /** Stream thread recovery settings. */
    interface Recovery {
        /**
         * Stream threads replaced within {@link #window()} after an error nothing else handled (a broker
         * error that outlasted {@code task.timeout.ms}, an input that cannot be read back after a crash, a
         * bug). A replacement aborts the dead thread's transaction and resumes its tasks from their last
         * commit, so nothing is lost. One more failure within the window shuts the instance down instead
         * (Kafka Streams ERROR: liveness goes DOWN and the orchestrator restarts the process) rather than
         * retrying the same failure forever. 0 never replaces.
         */
        @WithDefault("3")
        int maxThreadReplacements();

        /** The window {@link #maxThreadReplacements()} is counted over. */
        @WithDefault("10m")
        Duration window();
    }

    /** Live page settings. */
    interface Live {
        /**
         * URL of the trainer's Prometheus text endpoint (e.g. {@code http://trainer:9464/metrics}), polled
         * for the gauge {@code siamese_trainer_loss} to draw the loss curve. When unset, the page shows
         * "no trainer connected".
         */
        Optional<String> trainerMetricsUrl();

        /** How often the trainer's endpoint is polled. */
        @WithDefault("5s")
        Duration trainerPollInterval();
    }

    /** Checkpoint following settings. */
    interface Checkpoints {
        /**
         * Directory of the checkpoint store ({@code <store>/<version>/}). When set, the service follows
         * the checkpoint topic and hot-swaps each accepted version; models are loaded only from here,
         * never from a location named in an event.
         */
        Optional<String> store();

        /** Compacted topic announcing checkpoints (key = version; key {@code pin} = operator pin). */
        @WithDefault(io.siamese.schemas.Topics.MODEL_CHECKPOINTS)
        String topic();
    }

    /** Admin API settings. */
    interface Admin {
        /**
         * Bearer token required by the admin endpoints. When unset, the admin endpoints are off:
         * pinning and rollback change what every user gets.
         */
        Optional<String> token();
    }

    /** Model settings. */
    interface Model {
        /** Checkpoint directory served at start (a directory holding manifest.json and parameters). */
        @WithDefault("models/default")
        String path();

        /** {@code cpu} or {@code cuda}; cuda needs the service built with {@code -Pcuda}. */
        @WithDefault("cpu")
        String device();

        /** Batch sizes run once at start so the first real batches do not pay for kernel selection. */
        @WithDefault("1,8,32")
        java.util.List<Integer> warmupBatchSizes();

        /**
         * Number format of CPU forward passes: {@code auto}, {@code fp32}, {@code bf16} or
         * {@code int8}. {@code auto} runs the compact network's convolutions in bfloat16 where the CPU
         * has bfloat16 instructions (AVX512-BF16 or AMX; else fp32) and the seed network's first
         * linear layer in int8 (FBGEMM, on CPUs with AVX2), each the fastest format whose accuracy
         * and EER {@code evaluate --precision} measured unchanged. Weights stay FP32 in checkpoints.
         */
        @WithDefault(InferencePrecision.DEFAULT)
        String precision();

        /**
         * PyTorch intra-op threads of a forward pass ({@code ai.djl.pytorch.num_threads}); unset, the
         * cores divided by {@code siamese.batch.inference-threads} (at least 1; all the cores when not
         * pipelined), so the passes that run at once share the machine instead of contending for it.
         */
        Optional<Integer> threads();
    }

    /** Micro-batching settings. */
    interface Batch {
        /** A batch is scored as soon as it holds this many pairs. */
        @WithDefault("32")
        int maxSize();

        /** A batch is scored once its oldest pair has waited this long, full or not. */
        @WithDefault("10ms")
        Duration maxLinger();

        /**
         * Threads that decode a batch's images when it is flushed, shared by every stream thread;
         * 0 means one per CPU core. 1 decodes on the stream thread itself.
         */
        @WithDefault("0")
        int decodeThreads();

        /**
         * Score each full batch on a separate inference thread while the stream thread reads, decodes
         * and commits the next (at most {@code inference-threads} batches in flight per stream thread); a batch flushed by the linger is
         * scored at once, for latency. Off: the stream thread waits for every forward pass.
         */
        @WithDefault("true")
        boolean pipelined();

        /**
         * After forwarding the results of a batch flushed by the linger (the encoder is keeping up),
         * ask Kafka Streams to commit now rather than at the next {@code commit.interval.ms}: under
         * {@code exactly_once_v2} results become visible to {@code read_committed} readers only at a
         * commit, so this takes the commit interval out of their latency. Full batches (a backlog)
         * still commit on the interval, so it does not cost throughput.
         */
        @WithDefault("true")
        boolean eagerCommit();

        /**
         * Least time between two such early commits of a stream thread, whichever of its tasks (partitions)
         * asks: each is a transaction under {@code exactly_once_v2} that commits all of the thread's tasks,
         * and a stream thread committing after every small batch has no time left to read. A commit owed
         * inside the gap is made when it ends, so a result waits at most this long for it. 0 commits after
         * every lingered batch.
         */
        @WithDefault("20ms")
        Duration eagerCommitMinGap();

        /**
         * Forward passes that may run at once when pipelined, each on its own inference thread and DJL
         * predictor (process-wide), each with its share of the cores ({@code siamese.model.threads}).
         * Two by default: PyTorch's intra-op threads wait for each other after every operator, so one
         * pass over all the cores stalls whenever Kafka or the JIT takes one of them; two passes with
         * half the cores each do not stall together. 1 runs one pass at a time over every core.
         * Must match {@code ForwardPasses.DEFAULT_CONCURRENT}, which the benchmark uses.
         */
        @WithDefault("2")
        int inferenceThreads();

        /**
         * One set of batches per Kafka Streams thread, filled from all the partitions it holds, instead of
         * one per partition: an instance with several lightly loaded partitions then scores fuller batches
         * (exactly-once and per-key order unchanged), and fuller batches cost fewer forward passes and
         * commits per pair (docs/performance.md, "Batches across partitions"). Off: one set per partition.
         */
        @WithDefault("true")
        boolean acrossPartitions();
    }

    /** Topic names (defaults are the contract's). */
    interface Topics {
        /** Image pairs to score (Avro ImagePair). */
        @WithDefault(io.siamese.schemas.Topics.IMAGE_PAIRS)
        String input();

        /** Results (Avro PairDissimilarity), keyed by pair id. */
        @WithDefault(io.siamese.schemas.Topics.PAIR_DISSIMILARITIES)
        String output();

        /** Records that could not be scored (Avro DeadLetter), with the original bytes and the reason. */
        @WithDefault(io.siamese.schemas.Topics.IMAGE_PAIRS_DLQ)
        String deadLetter();
    }

    /** Image limits: anything larger goes to the dead-letter topic as TOO_LARGE. */
    interface Image {
        /** Largest encoded image accepted, in bytes. */
        @WithDefault("8388608")
        long maxBytes();

        /** Largest decoded image accepted, in pixels (decompression-bomb guard, checked before decoding). */
        @WithDefault("16777216")
        long maxPixels();

        /** Smallest width or height accepted, in pixels; smaller images are BAD_DIMENSIONS. */
        @WithDefault("8")
        int minSide();

        /**
         * Most heap, in bytes, that image decodes may hold at once in the whole process (stream and
         * {@code POST /api/v1/verify} together). Each decode reserves its estimate from the header
         * before a pixel is decoded (raster, gray conversion, reader buffers; a large image is decoded
         * subsampled toward the model's size, so a 4000x4000 PNG for a 32-pixel model takes about 5 MB)
         * and releases it once its tensor is made; beyond this, decodes wait for each other instead of
         * running the heap out (OutOfMemoryError). An image whose decode alone needs more is TOO_LARGE.
         * 128 MiB is a sixth of the deployment's heap (-XX:MaxRAMPercentage=40 of 2 GiB).
         */
        @WithDefault("134217728")
        long maxDecodedBytes();

        /**
         * How long {@code POST /api/v1/verify} waits for its share of {@code max-decoded-bytes} before
         * answering 503 with Retry-After. The stream always waits: giving up would dead-letter valid pairs.
         */
        @WithDefault("10s")
        Duration decodeWait();
    }

    /** Schema registry settings (any registry speaking the Confluent REST API). */
    interface Registry {
        /** Base URL of the Confluent API, e.g. http://registry:8080/apis/ccompat/v7 for Apicurio. */
        @WithDefault("http://localhost:8081/apis/ccompat/v7")
        String url();

        /** Register the output schemas on first use; off means they must be registered beforehand. */
        @WithDefault("true")
        boolean autoRegister();

        /** {@code user:password} for HTTP basic authentication. */
        Optional<String> basicAuthUserInfo();

        /** Truststore (PKCS12 or JKS) for a registry served over TLS. */
        Optional<String> truststoreLocation();

        /** Password of the truststore. */
        Optional<String> truststorePassword();

        /**
         * Limit for connecting to the registry and for each request. A lookup that misses the cache runs on a
         * stream thread, whose transaction times out after 10 s under exactly_once_v2: a hung registry must
         * cost far less than that before the service declares it unavailable and holds pairs instead.
         */
        @WithDefault("3s")
        Duration requestTimeout();
    }

    /** Output settings. */
    interface Output {
        /**
         * Result key format: {@code mirror} (as the input key: Avro-framed keys from Confluent's Avro
         * producers get Avro-framed result keys, plain keys get plain UTF-8), {@code string} or {@code avro}.
         */
        @WithDefault("mirror")
        String keyFormat();
    }
}
