package io.siamese.cli.bench;

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
 * @param parts where a paced run's latency went, from each result's timings (null for a backlog run)
 */
public record StreamRun(
        int batchSize, long lingerMs, int pairs, double pairsPerSecond, long p50Ms, long p99Ms,
        double rawPairsPerSecond, double ratePerSecond, long serviceP50Ms, long serviceP99Ms,
        ServiceProfile profile, LatencyParts parts) {

    /** This run with another raw encoder figure. */
    public StreamRun withRaw(double raw) {
        return new StreamRun(batchSize, lingerMs, pairs, pairsPerSecond, p50Ms, p99Ms, raw, ratePerSecond, serviceP50Ms,
                serviceP99Ms, profile, parts);
    }

    /**
     * A paced run's latency split by the result's own timings (p50 and p99 of each part, ms).
     *
     * @param arrivalP50 event time to the service reading the pair, plus decoding and waiting for the
     *     stream thread to forward the finished batch: {@code eventToResult - queued - inference}
     * @param arrivalP99 likewise
     * @param queuedP50 in the service's batch until its forward pass started ({@code timings.queuedMs})
     * @param queuedP99 likewise
     * @param inferenceP50 the forward pass of the pair's batch ({@code timings.batchInferenceMs})
     * @param inferenceP99 likewise
     * @param commitP50 result published to result received: the transaction commit and the reader
     * @param commitP99 likewise
     */
    public record LatencyParts(long arrivalP50, long arrivalP99, long queuedP50, long queuedP99, long inferenceP50,
            long inferenceP99, long commitP50, long commitP99) {

        /** One line for the console. */
        public String describe() {
            return String.format("p50/p99 ms: arrival+emit %d/%d, queued %d/%d, forward %d/%d, commit+read %d/%d",
                    arrivalP50, arrivalP99, queuedP50, queuedP99, inferenceP50, inferenceP99, commitP50, commitP99);
        }
    }
}
