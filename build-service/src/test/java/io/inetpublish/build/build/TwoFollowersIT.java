package io.inetpublish.build.build;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

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

    private int stillQueued(List<UUID> ids) {
        return jdbc.queryForObject("select count(*) from build where status = 'QUEUED' and id = any (?)",
                Integer.class, (Object) ids.toArray(UUID[]::new));
    }
}
