package io.siamese.localstack;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code server.properties} of a one-node KRaft cluster on 127.0.0.1 with a small footprint: single replicas and
 * partitions for the internal topics, and a log cleaner buffer that fits a small heap.
 */
final class KafkaServerConfig {

    private KafkaServerConfig() {
    }

    /**
     * @param port           client listener port on 127.0.0.1
     * @param controllerPort controller listener port on 127.0.0.1
     * @param dataDir        where the broker keeps its log segments and metadata
     * @param security       SASL and ACLs on the client listener, or none (PLAINTEXT, no authoriser)
     */
    static Properties singleNode(int port, int controllerPort, Path dataDir, Optional<StackSecurity> security) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        // A dynamic quorum: "StorageTool format --standalone" refuses a static controller.quorum.voters.
        p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dataDir.toString());
        // One node: every replication factor and min.isr is 1, internal topics get a single partition.
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.num.partitions", "1");
        // Consumers (and Kafka Streams) join at once instead of after the default 3 s grace.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // The default 128 MiB cleaner buffer alone exhausts a small heap.
        p.setProperty("log.cleaner.dedupe.buffer.size", "16777216");
        p.setProperty("num.partitions", "1");
        // Topics are created explicitly (LocalStack.createTopics); Kafka Streams creates its own internal ones.
        p.setProperty("auto.create.topics.enable", "false");
        security.ifPresent(s -> s.secureBroker(p, port, controllerPort));
        return p;
    }
}
