package io.siamese.trainer.bench;

/**
 * One measured setting of the streaming benchmark.
 *
 * @param batchSize {@code siamese.batch.max-size}
 * @param lingerMs {@code siamese.batch.max-linger}
 * @param pairs results received
 * @param pairsPerSecond end-to-end throughput draining a backlog (publish done before the service starts)
 * @param p50Ms latency percentile, event time to result received (paced runs only, else -1)
 * @param p99Ms latency percentile (paced runs only, else -1)
 * @param rawPairsPerSecond the encoder alone at this batch size (2 x batchSize images per forward), same run
 * @param ratePerSecond publish rate of a paced run (0 for a backlog run)
 * @param serviceP50Ms latency percentile as the service measured it, event time to result published
 *     (paced runs only, else -1): the difference to {@code p50Ms} is the transaction commit and the reader
 * @param serviceP99Ms likewise
 * @param profile where the service's stream thread spent its time
 */
public record StreamRun(
        int batchSize, long lingerMs, int pairs, double pairsPerSecond, long p50Ms, long p99Ms,
        double rawPairsPerSecond, double ratePerSecond, long serviceP50Ms, long serviceP99Ms,
        ServiceProfile profile) {}
