package io.siamese.cli.faults;

import io.siamese.schemas.ImagePair;
import io.siamese.schemas.serde.WireFormat;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The hostile records of the {@code hostile-records} scenario, each labelled with what it is. All but the
 * huge map must become dead letters; the huge map is well-formed and within the broker's record size, so
 * it may be scored or dead-lettered, once.
 *
 * @param imagePairId    the registered ImagePair schema id of the scenario's input subject
 * @param otherSchemaIds registered ids of other contracts (a LabelledPair, a DeadLetter), by name
 * @param template       a valid framed ImagePair to truncate and re-frame
 * @param png            a valid PNG for the hand-written records
 */
record HostileRecords(int imagePairId, Map<String, Integer> otherSchemaIds, byte[] template, byte[] png) {

    /** Distinct schema ids no registry has assigned, each sent once. */
    static final int UNKNOWN_IDS = 1000;
    /** How often one further unknown id is repeated: a service must not ask the registry each time. */
    static final int REPEATS = 200;
    /** The unknown ids start here, far above what a test registry assigns. */
    static final int UNKNOWN_ID_BASE = 1_000_000;
    /** Entries of the huge (but honest) metadata map: about 0.6 MB, under the broker's 1 MB record limit. */
    static final int HUGE_MAP_ENTRIES = 50_000;

    /** @return every hostile record but the unknown schema ids */
    List<Outgoing> malformed(Random random) {
        List<Outgoing> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            byte[] junk = new byte[1 + random.nextInt(200)];
            random.nextBytes(junk);
            junk[0] = (byte) (1 + random.nextInt(255)); // not the magic byte: not Confluent-framed at all
            records.add(Outgoing.hostile("random-bytes-" + i, junk, Expect.DEAD_LETTER));
            byte[] payload = new byte[random.nextInt(100)];
            random.nextBytes(payload);
            records.add(Outgoing.hostile("random-payload-" + i, WireFormat.encode(imagePairId, payload),
                    Expect.DEAD_LETTER));
        }
        for (int length : new int[] {1, WireFormat.HEADER_LENGTH, WireFormat.HEADER_LENGTH + 1, 20,
                template.length / 2, template.length - 1}) {
            records.add(Outgoing.hostile("truncated-" + length, Arrays.copyOf(template, length), Expect.DEAD_LETTER));
        }
        for (ClaimedLengths.Position position : ClaimedLengths.Position.values()) {
            for (long claim : ClaimedLengths.CLAIMS) {
                String label = "claimed-" + position.name().toLowerCase() + "-" + claim;
                records.add(Outgoing.hostile(label, ClaimedLengths.imagePair(imagePairId, label, png, position, claim),
                        Expect.DEAD_LETTER));
            }
        }
        otherSchemaIds.forEach((name, id) -> records.add(Outgoing.hostile("other-schema-" + name,
                WireFormat.encode(id, WireFormat.payload(template)), Expect.DEAD_LETTER)));
        return records;
    }

    /** @return {@value #UNKNOWN_IDS} records with distinct unknown ids, then {@value #REPEATS} with one more */
    List<Outgoing> unknownSchemaIds() {
        byte[] payload = WireFormat.payload(template);
        List<Outgoing> records = new ArrayList<>();
        for (int i = 0; i <= UNKNOWN_IDS; i++) {
            int repeat = i == UNKNOWN_IDS ? REPEATS : 1;
            for (int r = 0; r < repeat; r++) {
                records.add(Outgoing.hostile("unknown-id-" + (UNKNOWN_ID_BASE + i) + "-" + r,
                        WireFormat.encode(UNKNOWN_ID_BASE + i, payload), Expect.DEAD_LETTER));
            }
        }
        return records;
    }

    /** @return a well-formed ImagePair with {@value #HUGE_MAP_ENTRIES} metadata entries; its pair id is its label */
    static ImagePair hugeMap(ImagePair valid, String pairId) {
        Map<String, String> metadata = new HashMap<>();
        for (int i = 0; i < HUGE_MAP_ENTRIES; i++) {
            metadata.put("k" + i, "v");
        }
        return ImagePair.newBuilder(valid).setPairId(pairId).setMetadata(metadata)
                .setLeft(valid.getLeft()).setRight(valid.getRight()).build();
    }

    /** @return the PNG bytes of the left image of {@code pair} */
    static byte[] leftPng(ImagePair pair) {
        ByteBuffer data = pair.getLeft().getData().duplicate();
        byte[] png = new byte[data.remaining()];
        data.get(png);
        return png;
    }
}
