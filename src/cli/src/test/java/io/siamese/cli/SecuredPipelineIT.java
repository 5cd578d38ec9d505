package io.siamese.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.checkpoint.DirectoryCheckpointStore;
import io.siamese.localstack.LocalStack;
import io.siamese.localstack.ServiceProcess;
import io.siamese.localstack.ServiceProcessConfig;
import io.siamese.localstack.StackFiles;
import io.siamese.localstack.StackSecurity;
import io.siamese.schemas.ClientConfigFile;
import io.siamese.schemas.Endpoints;
import io.siamese.schemas.PipelineAcls;
import io.siamese.schemas.PipelineTopics;
import io.siamese.trainer.continuous.ContinuousOptions;
import io.siamese.trainer.continuous.ContinuousTrainer;
import io.siamese.trainer.continuous.TrainerListener;
import io.siamese.trainer.continuous.TrainerState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline on a secured cluster: a real broker that authenticates every client with SASL/PLAIN and
 * authorises it with ACLs (nothing is allowed without one), and a real registry that wants basic credentials.
 * Each part gets its own user, exactly the ACLs of {@link PipelineAcls}, and its credentials only through a
 * client config file: the service through {@code siamese.client-config} (as {@code serve} through
 * {@code SIAMESE_CLIENT_CONFIG}), {@code publish} and {@code tail} through {@code --client-config}, the trainer
 * through the same {@link Endpoints} its command builds. As in production, {@code siamese schemas} registers the
 * schemas once and every client runs with {@code auto.register.schemas=false}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredPipelineIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final StackSecurity USERS = StackSecurity.forUsers("service", "trainer", "publisher", "reader",
            "stranger");

    @TempDir
    static Path dir;

    private LocalStack stack;
    private ServiceProcess service;
    private SecuredClients clients;

    @BeforeAll
    void startSecuredPipeline() throws Exception {
        stack = LocalStack.startSecured(dir.resolve("stack"), USERS);
        try {
            stack.createTopics(PipelineTopics.all((short) 1));
            stack.createAcls(PipelineAcls.service("User:service", "siamese-streams"));
            stack.createAcls(PipelineAcls.trainer("User:trainer", ContinuousOptions.DEFAULT_GROUP));
            stack.createAcls(PipelineAcls.publisher("User:publisher"));
            stack.createAcls(PipelineAcls.resultReader("User:reader"));
            clients = new SecuredClients(stack, USERS, dir.resolve("clients"));
            SecuredClients.Run schemas = clients.cli("schemas", "--client-config",
                    clients.file(StackSecurity.ADMIN).toString());
            if (schemas.status() != 0) {
                throw new IllegalStateException("siamese schemas failed: " + schemas);
            }
            service = ServiceProcess.start(ServiceProcessConfig.of(stack.bootstrapServers(), stack.registryUrl(),
                    StackFiles.home().resolve("models").resolve("default"), dir.resolve("service"))
                    .withProperties(Map.of("siamese.client-config", clients.file("service").toString())));
        } catch (Exception | Error e) {
            stopSecuredPipeline();
            throw e;
        }
    }

    @AfterAll
    void stopSecuredPipeline() {
        try {
            if (service != null) {
                service.close();
            }
        } finally {
            stack.close();
        }
    }

    @Test
    void shouldScorePairsPublishedAndTailedWithCredentialsThroughTheSecuredBrokerAndRegistry() {
        SecuredClients.Run publish = clients.cli("publish", "--client-config", clients.file("publisher").toString(),
                "--data", clients.dataset().toString(), "--pairs", "6", "--json");
        assertEquals(0, publish.status(), publish.toString());
        assertTrue(publish.out().contains("\"valid\":6"), publish.toString());

        SecuredClients.Run tail = clients.awaitTail(6, WAIT);
        assertTrue(tail.out().contains("\"results\":6"), tail + "\nservice log:\n" + service.logTail(60));
        assertTrue(tail.out().contains("\"dead_letters\":0"), tail.toString());
    }

    @Test
    void shouldTrainFromLabelledPairsWithTheTrainersCredentials() throws Exception {
        SecuredClients.Run labels = clients.cli("publish", "--client-config", clients.file("publisher").toString(),
                "--data", clients.dataset().toString(), "--pairs", "10", "--labelled", "--seed", "3");
        assertEquals(0, labels.status(), labels.toString());
        Endpoints endpoints = Endpoints.resolve(stack.bootstrapServers(), stack.registryUrl(),
                ClientConfigFile.read(clients.file("trainer")), name -> null);
        AtomicLong seen = new AtomicLong();
        CountDownLatch allSeen = new CountDownLatch(1);
        TrainerListener listener = new TrainerListener() {
            @Override
            public void ingested(TrainerState snapshot, int trainingPairs, int holdoutPairs) {
                seen.set(snapshot.pairsSeen());
                if (snapshot.pairsSeen() >= 10) {
                    allSeen.countDown();
                }
            }
        };
        Path store = dir.resolve("trainer-store");
        new DirectoryCheckpointStore(store);
        ContinuousOptions options = ContinuousOptions.defaults(endpoints, store, dir.resolve("trainer"),
                StackFiles.home().resolve("models").resolve("default")).withTrigger(1000, Duration.ofHours(1));
        try (ContinuousTrainer trainer = new ContinuousTrainer(options, listener)) {
            CompletableFuture<Void> run = CompletableFuture.runAsync(trainer::run);
            boolean done = allSeen.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            trainer.stop();
            run.get(60, TimeUnit.SECONDS);
            assertTrue(done, "the trainer consumed " + seen.get() + " of 10 labelled pairs");
        }
    }

    @Test
    void shouldRefuseAClientWithoutACLsAndOneWithAWrongPassword() {
        SecuredClients.Run stranger = clients.cli("publish", "--client-config", clients.file("stranger").toString(),
                "--data", clients.dataset().toString(), "--pairs", "1");
        SecuredClients.Run wrong = clients.cli("publish", "--client-config", clients.wrongPassword("publisher")
                .toString(), "--data", clients.dataset().toString(), "--pairs", "1");

        assertEquals(1, stranger.status(), stranger.toString());
        assertTrue(stranger.err().contains("Not authorized to access topics: [image-pairs]"), stranger.toString());
        assertEquals(1, wrong.status(), wrong.toString());
        assertTrue(wrong.err().contains("Authentication failed"), wrong.toString());
    }

    @Test
    void shouldRefuseARegistryClientWithoutCredentials() {
        SecuredClients.Run anonymous = clients.cli("publish", "--client-config", clients.withoutRegistryCredentials(
                "publisher").toString(), "--data", clients.dataset().toString(), "--pairs", "1");

        assertEquals(1, anonymous.status(), anonymous.toString());
        assertTrue(anonymous.err().contains("401") && anonymous.err().contains("basic.auth.user.info"),
                anonymous.toString());
    }
}
