package io.siamese.schemas;

import static org.apache.kafka.common.acl.AclOperation.ALL;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least each part of the pipeline needs on a cluster that authorises with ACLs, so that a deployment grants
 * exactly what the tests prove sufficient (deploy/README.md lists the same as {@code kafka-acls.sh} commands).
 * Principals are Kafka's, e.g. {@code User:siamese-service}.
 */
public final class PipelineAcls {

    private PipelineAcls() {
    }

    /**
     * The streaming service: reads pairs, writes results and dead letters, follows and announces checkpoints (pin,
     * rollback), and owns its Kafka Streams group, internal topics and transactional ids, all named after
     * {@code applicationId}.
     */
    public static List<AclBinding> service(String principal, String applicationId) {
        List<AclBinding> acls = new ArrayList<>();
        literalTopic(acls, principal, Topics.IMAGE_PAIRS, READ, DESCRIBE);
        literalTopic(acls, principal, Topics.PAIR_DISSIMILARITIES, WRITE, DESCRIBE);
        literalTopic(acls, principal, Topics.IMAGE_PAIRS_DLQ, WRITE, DESCRIBE);
        literalTopic(acls, principal, Topics.MODEL_CHECKPOINTS, READ, WRITE, DESCRIBE);
        // Changelog topics: Kafka Streams creates, reads, writes and configures them.
        add(acls, principal, ResourceType.TOPIC, applicationId, PatternType.PREFIXED, ALL);
        add(acls, principal, ResourceType.GROUP, applicationId, PatternType.PREFIXED, READ, DESCRIBE);
        add(acls, principal, ResourceType.TRANSACTIONAL_ID, applicationId, PatternType.PREFIXED, WRITE, DESCRIBE);
        return acls;
    }

    /** The continuous trainer: consumes labelled pairs in its group, and follows and announces checkpoints. */
    public static List<AclBinding> trainer(String principal, String group) {
        List<AclBinding> acls = new ArrayList<>();
        literalTopic(acls, principal, Topics.LABELLED_PAIRS, READ, DESCRIBE);
        literalTopic(acls, principal, Topics.MODEL_CHECKPOINTS, READ, WRITE, DESCRIBE);
        add(acls, principal, ResourceType.GROUP, group, PatternType.LITERAL, READ);
        return acls;
    }

    /** A producer of pairs ({@code siamese publish}): image pairs and labelled pairs. */
    public static List<AclBinding> publisher(String principal) {
        List<AclBinding> acls = new ArrayList<>();
        literalTopic(acls, principal, Topics.IMAGE_PAIRS, WRITE, DESCRIBE);
        literalTopic(acls, principal, Topics.LABELLED_PAIRS, WRITE, DESCRIBE);
        return acls;
    }

    /** A reader of outcomes ({@code siamese tail}): results and dead letters, by assignment (no group). */
    public static List<AclBinding> resultReader(String principal) {
        List<AclBinding> acls = new ArrayList<>();
        literalTopic(acls, principal, Topics.PAIR_DISSIMILARITIES, READ, DESCRIBE);
        literalTopic(acls, principal, Topics.IMAGE_PAIRS_DLQ, READ, DESCRIBE);
        return acls;
    }

    private static void literalTopic(List<AclBinding> acls, String principal, String topic, AclOperation... ops) {
        add(acls, principal, ResourceType.TOPIC, topic, PatternType.LITERAL, ops);
    }

    private static void add(List<AclBinding> acls, String principal, ResourceType type, String name,
                            PatternType pattern, AclOperation... ops) {
        for (AclOperation op : ops) {
            acls.add(new AclBinding(new ResourcePattern(type, name, pattern),
                    new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW)));
        }
    }
}
