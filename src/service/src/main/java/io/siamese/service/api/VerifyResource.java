package io.siamese.service.api;

import io.siamese.encoder.image.DecodeBudget;
import io.siamese.encoder.image.ImageLimits;
import io.siamese.schemas.DeadLetterKinds;
import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.service.config.ServiceConfig;
import io.siamese.service.model.BatchEncoder;
import io.siamese.service.model.BatchScores;
import io.siamese.service.stream.DecodedPair;
import io.siamese.service.stream.PairDecoder;
import io.siamese.service.stream.RejectedRecord;
import io.siamese.service.stream.Results;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * {@code POST /api/v1/verify}: two images as multipart fields {@code left} and {@code right};
 * returns what the stream would publish for the same pair. Bad images get a 4xx naming the problem
 * (413 for one whose decode alone exceeds {@code siamese.image.max-decoded-bytes}). Images share the
 * process-wide decode budget with the stream: a request waits for its share up to
 * {@code siamese.image.decode-wait}, then answers 503 with Retry-After (busy) rather than running
 * the heap out.
 */
@Path("/api/v1/verify")
public class VerifyResource {

    /** Seconds a client told 503 (decode budget busy) should wait: about one large decode. */
    static final String RETRY_AFTER_S = "1";

    private final BatchEncoder encoder;
    private final PairDecoder decoder;

    @Inject
    VerifyResource(BatchEncoder encoder, ServiceConfig config, DecodeBudget budget) {
        // Bytes arrive as files, not Avro: the decoder's deserializer is never used here.
        this(encoder, new PairDecoder(null, new ImageLimits(config.image().maxBytes(), config.image().maxPixels()),
                config.image().minSide(), budget, config.image().decodeWait()));
    }

    VerifyResource(BatchEncoder encoder, PairDecoder decoder) {
        this.encoder = encoder;
        this.decoder = decoder;
    }

    @POST
    @Blocking
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify(@RestForm("left") FileUpload left, @RestForm("right") FileUpload right) throws IOException {
        if (left == null || right == null) {
            return error(400, DeadLetterKinds.INVALID, "send two multipart files named 'left' and 'right'");
        }
        long now = System.currentTimeMillis();
        ImagePair pair = ImagePair.newBuilder()
                .setPairId("verify-" + UUID.randomUUID())
                .setLeft(image(left))
                .setRight(image(right))
                .setEventTime(Instant.ofEpochMilli(now))
                .build();
        DecodedPair decoded;
        try {
            decoded = decoder.decode(pair, encoder.current().preprocessing());
        } catch (RejectedRecord e) {
            return error(statusOf(e.kind()), e.kind(), e.getMessage());
        } catch (DecodeBudget.BusyException e) {
            // Too many large images are being decoded at once: the request is fine, come back soon.
            return Response.fromResponse(error(503, "BUSY", e.getMessage())).header("Retry-After", RETRY_AFTER_S)
                    .build();
        }
        BatchScores scores = encoder.score(new float[][] {decoded.left()}, new float[][] {decoded.right()});
        PairDissimilarity r = Results.result(pair, scores, 0, 0, System.currentTimeMillis());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pairId", r.getPairId());
        body.put("distance", r.getDistance());
        body.put("metric", r.getMetric());
        body.put("threshold", r.getThreshold());
        body.put("decision", r.getDecision().name());
        body.put("modelVersion", r.getModelVersion());
        body.put("inferenceMs", r.getTimings().getBatchInferenceMs());
        return Response.ok(body).build();
    }

    private static Image image(FileUpload upload) throws IOException {
        String type = upload.contentType() == null || upload.contentType().equals(MediaType.APPLICATION_OCTET_STREAM)
                ? "" : upload.contentType();
        return Image.newBuilder().setData(ByteBuffer.wrap(Files.readAllBytes(upload.uploadedFile())))
                .setMediaType(type).build();
    }

    private static int statusOf(String kind) {
        return switch (kind) {
            case DeadLetterKinds.TOO_LARGE -> 413;
            case DeadLetterKinds.UNSUPPORTED_FORMAT -> 415;
            case DeadLetterKinds.BAD_DIMENSIONS -> 422;
            default -> 400;
        };
    }

    private static Response error(int status, String kind, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", kind, "message", message)).build();
    }
}
