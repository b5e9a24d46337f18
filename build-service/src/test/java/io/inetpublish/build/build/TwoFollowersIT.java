package io.inetpublish.build.build;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.inetpublish.build.bundle.BundleProperties;
import io.inetpublish.build.jenkins.JenkinsClient;
import io.inetpublish.build.settings.JenkinsSettingsService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two build-service instances following builds from the same database (issue 22, item 3): two followers of their own
 * next to the application's, claiming one build a round at the same time. Every queued build is looked at
 * once: its Jenkins queue item is asked for exactly once, and it moves on to RUNNING with its build number.
 */
class TwoFollowersIT extends JenkinsStubs {

    @Autowired
    BuildRepository builds;
    @Autowired
    JenkinsClient jenkins;
    @Autowired
    JenkinsSettingsService settings;
    @Autowired
    BuildEvents events;
    @Autowired
    BuildFollowProperties props;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    BundleCopier copier;
    @Autowired
    BundleProperties bundles;

    /** Another instance's follower: its own object, the same database and Jenkins; one build a round, so claims overlap often. */
    BuildFollower anotherInstance() {
        BuildFollowProperties small = new BuildFollowProperties(true, props.interval(), props.lease(), 1,
                props.maxBackoff(), props.maxFailures(), props.queueMissingGrace(), props.unconfirmedWindow(),
                props.triggerGrace());
        return new BuildFollower(builds, jenkins, settings, events, small, tx, json, copier, bundles);
    }

    @Test
    void twoFollowersAtOnceLookAtEveryQueuedBuildOnce() throws Exception {
        int count = 40;
        Map<String, Long> queued = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            long queueId = newQueueId();
            queued.put(queuedPackage(queueId), queueId);
        }
        int number = 100;
        for (long queueId : queued.values()) {
            stubQueueLeft(queueId, packageJob, number++);
        }
        List<UUID> ids = queued.keySet().stream().map(UUID::fromString).toList();
        // due now, for whichever follower claims them first
        jdbc.update("update build set next_poll_at = now() - interval '1 second' where id = any (?)",
                (Object) ids.toArray(UUID[]::new));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Integer>> looks = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            BuildFollower follower = anotherInstance();
            looks.add(pool.submit(() -> {
                start.await();
                int total = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (stillQueued(ids) > 0 && System.nanoTime() < deadline) {
                    total += follower.followDue();
                }
                return total;
            }));
        }
        List<Integer> perFollower = new ArrayList<>();
        for (Future<Integer> f : looks) {
            perFollower.add(f.get(40, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(stillQueued(ids)).isZero();
        Map<String, Integer> asked = new LinkedHashMap<>();
        queued.forEach((id, queueId) -> asked.put(id, wm.findAll(getRequestedFor(
                urlEqualTo("/jenkins/queue/item/" + queueId + "/api/json"))).size()));
        assertThat(asked).as("queue item looks per build").allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        assertThat(jdbc.queryForList("select status from build where id = any (?)", String.class,
                (Object) ids.toArray(UUID[]::new))).hasSize(count).containsOnly("RUNNING");
        assertThat(perFollower).as("both followers took builds").allSatisfy(n -> assertThat(n).isPositive());
    }

    /**
     * Two instances asked to look at the same build now ({@code followNow}: a person's cancel on each, or one's cancel
     * while the other's round has the build): one of them asks Jenkins and records what it says, the other is told
     * that another instance has the build. Asked at the same moment, and asked while the first still waits for
     * Jenkins' answer (700 ms here) — the second case is the one a claim that ends with its transaction let through:
     * both asked Jenkins and {@code build.started} was recorded twice. The second then waits for the first's look
     * (what a cancel does) and finds its result recorded.
     */
    @Test
    void twoInstancesAskedToFollowTheSameBuildNowLookAtItOnce() throws Exception {
        BuildFollower first = anotherInstance();
        BuildFollower second = anotherInstance();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            int number = 300;
            for (int round = 0; round < 3; round++) {
                // at the same moment
                UUID together = queuedSlowly(number++);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Boolean> a = pool.submit(() -> {
                    start.await();
                    return first.followNow(together);
                });
                Future<Boolean> b = pool.submit(() -> {
                    start.await();
                    return second.followNow(together);
                });
                assertThat(List.of(a.get(10, TimeUnit.SECONDS), b.get(10, TimeUnit.SECONDS)))
                        .as("which instance looked").containsOnlyOnce(true);
                assertLookedAtOnce(together, number - 1);

                // while the first waits for Jenkins' answer
                UUID meanwhile = queuedSlowly(number++);
                Future<Boolean> looking = pool.submit(() -> first.followNow(meanwhile));
                awaitAsked(meanwhile);
                assertThat(second.followNow(meanwhile)).as("asked while the other instance looks").isFalse();
                // what a cancel does then: waits for the other's look, whose result it then reads
                assertThat(second.awaitNoLook(meanwhile, Duration.ofSeconds(10))).isTrue();
                assertLookedAtOnce(meanwhile, number - 1);
                assertThat(looking.get(10, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private final Map<UUID, Long> queueIds = new LinkedHashMap<>();

    /** A queued package build whose queue item Jenkins answers in 700 ms: it left the queue as build {@code number}. */
    private UUID queuedSlowly(int number) {
        long queueId = newQueueId();
        UUID id = UUID.fromString(queuedPackage(queueId));
        stubQueueLeft(queueId, packageJob, number, 700);
        queueIds.put(id, queueId);
        return id;
    }

    private int asked(UUID id) {
        return wm.findAll(getRequestedFor(urlEqualTo("/jenkins/queue/item/" + queueIds.get(id) + "/api/json"))).size();
    }

    private void awaitAsked(UUID id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (asked(id) == 0) {
            assertThat(System.nanoTime()).as("Jenkins was asked about " + id).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private void assertLookedAtOnce(UUID id, int number) {
        assertThat(asked(id)).as("queue item looks of " + id).isEqualTo(1);
        assertThat(events("build.started", id.toString())).as("build.started of " + id).hasSize(1);
        assertThat(jdbc.queryForMap("select status, jenkins_build_number from build where id = ?", id))
                .containsEntry("status", "RUNNING").containsEntry("jenkins_build_number", number);
    }

    private int stillQueued(List<UUID> ids) {
        return jdbc.queryForObject("select count(*) from build where status = 'QUEUED' and id = any (?)",
                Integer.class, (Object) ids.toArray(UUID[]::new));
    }
}
