package io.inetpublish.common.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.cloud.commons.util.InetUtilsProperties;
import org.springframework.cloud.netflix.eureka.EurekaInstanceConfigBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.GenericApplicationContext;

/** A stopping service reports DOWN to Eureka and keeps serving for the wait, before the web server drains. */
class LeaveRegistryFirstTest {

    final List<String> events = new CopyOnWriteArrayList<>();
    final ApplicationInfoManager instance = new ApplicationInfoManager(
            new EurekaInstanceConfigBean(new InetUtils(new InetUtilsProperties())),
            InstanceInfo.Builder.newBuilder().setAppName("customer-service").setStatus(InstanceStatus.UP).build());

    @Test
    void reportsDownThenWaitsBeforeTheWebServerDrains() {
        long[] downAt = new long[1];
        instance.registerStatusChangeListener(new ApplicationInfoManager.StatusChangeListener() {
            @Override
            public String getId() {
                return "test";
            }

            @Override
            public void notify(com.netflix.discovery.StatusChangeEvent event) {
                downAt[0] = System.nanoTime();
                events.add("registry: " + event.getStatus());
            }
        });
        long[] drainAt = new long[1];
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.registerBean(LeaveRegistryFirst.class, () -> new LeaveRegistryFirst(instance, Duration.ofMillis(300)));
            context.registerBean("drain", SmartLifecycle.class, () -> new Recorder(() -> drainAt[0] = System.nanoTime()));
            context.refresh();
            context.start();
        }
        assertThat(events).containsExactly("registry: DOWN", "web server drains");
        assertThat(instance.getInfo().getStatus()).isEqualTo(InstanceStatus.DOWN);
        // the callers had the wait to forget the instance while it still served
        assertThat(Duration.ofNanos(drainAt[0] - downAt[0])).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void withoutAWaitItOnlyReportsDown() {
        LeaveRegistryFirst leave = new LeaveRegistryFirst(instance, Duration.ZERO);
        leave.start();
        long started = System.nanoTime();
        leave.stop();
        assertThat(instance.getInfo().getStatus()).isEqualTo(InstanceStatus.DOWN);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(leave.isRunning()).isFalse();
    }

    /** Stands in for the web server's graceful shutdown: same phase. */
    final class Recorder implements SmartLifecycle {
        private final Runnable onStop;
        private boolean running;

        Recorder(Runnable onStop) {
            this.onStop = onStop;
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            onStop.run();
            events.add("web server drains");
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE;
        }
    }
}
