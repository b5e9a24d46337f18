package io.inetpublish.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.BuildResult;
import io.inetpublish.common.event.BuildType;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.EventTypes;
import io.inetpublish.common.outbox.Outbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The whole path: an event published through the outbox and RabbitMQ ends as a card in the person's Feishu. */
@NotifyIntegrationTest
class EventConsumerIT extends NotifyItSupport {

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate tx;

    @Test
    void aFinishedBuildPublishedOnTheBrokerReachesTheTriggeringPerson() {
        String person = newOpenId();
        BuildFinished payload = buildFinished(person, BuildType.PACKAGE, BuildResult.SUCCESS).payload();

        EventEnvelope<BuildFinished> published = tx.execute(
                s -> outbox.publish(EventTypes.BUILD_FINISHED, new Actor(person, "张三"), payload));

        JsonNode row = awaitStatus(published.eventId(), person, "SENT", Duration.ofSeconds(20));
        assertThat(row.path("kind").stringValue()).isEqualTo("PACKAGE_FINISHED");
        assertThat(messagesTo(person)).hasSize(1);
        assertThat(cardText(cardOf(messagesTo(person).get(0)))).contains("打包成功", "R2025-042");
    }
}
