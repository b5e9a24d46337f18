package io.inetpublish.notify.testdeployment;

import java.time.Instant;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.BuildFinished;
import io.inetpublish.notify.card.BuildOutcome;
import io.inetpublish.notify.card.Card;
import io.inetpublish.notify.card.CardBuilder;
import io.inetpublish.notify.card.CardFactory;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/**
 * What a finished test deployment tells the person who started it (and subscribed groups): the release record, the
 * test environment, the result with its reason, the components deployed and Jenkins' build. A completed one
 * (SUCCESS or UNSTABLE) synced the environment's versions and made the record TESTED; an UNSTABLE one says so first
 * (docs/events.md, "Results"). The environment's versions-synced event of a test deployment gets no card of its own.
 */
@Component
@RequiredArgsConstructor
public class TestDeploymentCard {

    private final CardFactory cards;

    public Card finished(BuildFinished b, Actor actor, Instant at) {
        BuildOutcome outcome = BuildOutcome.of(b.result());
        String release = CardFactory.release(b.releaseNumber(), b.releaseTitle());
        String title = "测试部署" + outcome.word() + " · " + release;
        CardBuilder card = cards.card(title, outcome.template())
                .fact("发布记录", release)
                .fact("测试环境", b.environmentName())
                .fact("结果", BuildOutcome.label(b.result()))
                .fact("原因", cards.reason(b));
        if (b.unstable()) {
            card.markdown(BuildOutcome.UNSTABLE_NOTE + "部署已完成，测试环境的版本随之同步，发布记录算作已测试；"
                    + "但测试或质量检查报告了问题，请先查看 Jenkins 构建。");
        }
        CardFactory.components(card, b.items());
        card.fact("操作人", CardFactory.actorName(actor));
        CardFactory.jenkins(card, b);
        return cards.finish(card, title, cards.releaseLink(b.releaseId()), "查看发布记录", at);
    }
}
