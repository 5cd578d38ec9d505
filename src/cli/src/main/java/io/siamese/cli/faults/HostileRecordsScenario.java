package io.siamese.cli.faults;

import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.LabelledPair;
import io.siamese.schemas.Topics;
import io.siamese.schemas.registry.ConfluentRegistryClient;
import io.siamese.schemas.registry.RegistryConfig;
import io.siamese.schemas.serde.WireFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Hostile records ({@link HostileRecords}) shuffled among valid pairs, against one instance. */
final class HostileRecordsScenario implements FaultScenario {

    @Override
    public String name() {
        return "hostile-records";
    }

    @Override
    public String description() {
        return "random bytes, truncations, gigabyte length claims in every prefix, a huge map, "
                + (HostileRecords.UNKNOWN_IDS + HostileRecords.REPEATS) + " unknown schema ids, other contracts;"
                + " mixed with valid pairs";
    }

    @Override
    public void run(ScenarioRun run) throws Exception {
        run.fleet().start("a");
        InputPublisher publisher = run.publisher();
        ImagePair sample = publisher.nextPair();
        byte[] template = publisher.frame(sample);
        ConfluentRegistryClient registry = new ConfluentRegistryClient(RegistryConfig.of(run.stack().registryUrl()));
        Map<String, Integer> others = Map.of(
                "labelled-pair", registry.register(Topics.LABELLED_PAIRS + "-value", LabelledPair.getClassSchema()),
                "dead-letter", registry.register(Topics.IMAGE_PAIRS_DLQ + "-value", DeadLetter.getClassSchema()));
        HostileRecords hostile = new HostileRecords(WireFormat.schemaId(template), others, template,
                HostileRecords.leftPng(sample));
        Random random = new Random(14);
        List<Outgoing> records = new ArrayList<>(publisher.validPairs(run.options().pairs()));
        records.addAll(hostile.malformed(random));
        records.addAll(hostile.unknownSchemaIds());
        String hugeId = run.topics().input() + "-huge-map";
        records.add(new Outgoing("huge-map", hugeId, publisher.frame(HostileRecords.hugeMap(sample, hugeId)), hugeId,
                Expect.EITHER, null));
        Collections.shuffle(records, random);
        Long before = RegistryRequests.count(run.stack());
        run.detail("hostile_records", records.size() - run.options().pairs());
        publisher.publish(records);
        run.faultEnded();
        run.ledger().await(run.ledger()::allAccounted, System.nanoTime() + run.options().settle().toNanos());
        Long after = RegistryRequests.count(run.stack());
        if (before == null || after == null) {
            run.detail("registry_id_lookups", "not exposed by the registry");
        } else {
            long lookups = after - before;
            run.detail("registry_id_lookups", lookups);
            // One lookup per distinct unknown id at most: the repeats must be answered from a cache.
            run.check("unknown_id_lookups_not_per_record", lookups <= HostileRecords.UNKNOWN_IDS + 1 + 10);
        }
        run.detail("settle", Duration.ofNanos(System.nanoTime() - run.faultEnd()).toSeconds() + " s");
    }
}
