package io.inetpublish.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.common.event.BuildResult;
import io.inetpublish.common.event.BuildType;
import io.inetpublish.common.event.EventEnvelope;
import io.inetpublish.common.event.ReleaseSubmitted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One flooded destination must not hold up the others. Feishu lets a group bot take 5 messages a second, so thousands
 * of cards to one bot take a long time to go out; a person's card that falls due meanwhile (app messages to people
 * have limits of their own) must still go out at once. It once waited many minutes behind ~21,000 group messages.
 */
@NotifyIntegrationTest
class FairDeliveryIT extends NotifyItSupport {

    private static final int BACKLOG = 5_000;

    @Autowired
    private JdbcTemplate jdbc;

    private final List<String> floodedBots = new ArrayList<>();

    @AfterEach
    void dropTheBacklogs() {
        floodedBots.forEach(bot -> jdbc.update("delete from notification where recipient = ?", bot));
        floodedBots.clear();
    }

    @Test
    void aPersonsCardGoesOutAtOnceWhileAGroupBotWorksThroughItsBacklog() {
        String token = "ok-flooded-" + UUID.randomUUID();
        String bot = floodedBot(token);
        String person = newOpenId();
        EventEnvelope<BuildFinished> event = buildFinished(person, BuildType.TEST_DEPLOY, BuildResult.SUCCESS);

        planner.onBuildFinished(event);

        // were rows claimed oldest first and 50 a round whoever they are for, the card would come after 100 rounds
        awaitStatus(event.eventId(), person, "SENT", Duration.ofSeconds(5));
        assertThat(messagesTo(person)).hasSize(1);
        assertThat(hookRequests(token)).as("the bot is served meanwhile").isNotEmpty();
        assertThat(getJson("/api/notifications?status=PENDING&size=1&recipient=" + bot).path("totalItems").longValue())
                .as("the bot's backlog still waiting").isGreaterThan(BACKLOG - 50);
    }

    @Test
    void aFloodedGroupBotGetsItsCardsOldestFirst() {
        String token = "ok-flooded-" + UUID.randomUUID();
        floodedBot(token);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> backlogTitles(token).size() >= 20);

        assertThat(backlogTitles(token).subList(0, 20))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).mapToObj(i -> "积压 " + i).toList());
    }

    /**
     * A group bot subscribed to release.submitted with {@link #BACKLOG} cards that fell due ten minutes ago, one a
     * millisecond: copies of a real release.submitted card titled "积压 1", "积压 2" … in the order they fell due.
     */
    private String floodedBot(String token) {
        String bot = saveWebhooks("{\"name\":\"广播群\",\"url\":\"" + hookUrl(token)
                + "\",\"eventTypes\":[\"release.submitted\"]}").get(0);
        floodedBots.add(bot);
        EventEnvelope<ReleaseSubmitted> template = releaseSubmitted("R2025-F00");
        assertThat(planner.onReleaseSubmitted(template)).isEqualTo(1);
        int copies = jdbc.update("""
                insert into notification (id, event_id, event_type, kind, channel, recipient, recipient_role,
                    recipient_name, title, card, link, status, attempts, message_uuid, created_at, pending_since,
                    next_attempt_at, updated_at, version)
                select gen_random_uuid(), gen_random_uuid(), n.event_type, n.kind, n.channel, n.recipient,
                       n.recipient_role, n.recipient_name, '积压 ' || i,
                       jsonb_set(n.card, '{header,title,content}', to_jsonb('积压 ' || i)), n.link, 'PENDING', 0,
                       gen_random_uuid()::text, d.due, d.due, d.due, d.due, 0
                from notification n
                cross join generate_series(1, ?) i
                cross join lateral (select now() - interval '10 minutes' + i * interval '1 millisecond' as due) d
                where n.event_id = ?
                """, BACKLOG, template.eventId());
        assertThat(copies).isEqualTo(BACKLOG);
        return bot;
    }

    /** Titles of the backlog's cards in the order the bot received them. */
    private List<String> backlogTitles(String token) {
        return hookRequests(token).stream()
                .map(r -> bodyOf(r).path("card").path("header").path("title").path("content").stringValue())
                .filter(title -> title.startsWith("积压 "))
                .toList();
    }
}
