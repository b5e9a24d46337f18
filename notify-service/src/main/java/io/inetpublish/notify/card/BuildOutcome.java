package io.inetpublish.notify.card;

import io.inetpublish.common.event.BuildResult;

/**
 * A build card's headline word and colour: completed cleanly, completed with warnings (UNSTABLE; docs/events.md,
 * "Results"), or not.
 */
public enum BuildOutcome {
    SUCCESS("成功", "green"), UNSTABLE("完成（不稳定）", "orange"), FAILURE("失败", "red");

    /** What an UNSTABLE build card says first: it completed, with warnings. */
    public static final String UNSTABLE_NOTE = "**Jenkins 报告此次构建不稳定（UNSTABLE）：**";

    private final String word;
    private final String template;

    BuildOutcome(String word, String template) {
        this.word = word;
        this.template = template;
    }

    public static BuildOutcome of(BuildResult result) {
        if (result == BuildResult.SUCCESS) {
            return SUCCESS;
        }
        return result == BuildResult.UNSTABLE ? UNSTABLE : FAILURE;
    }

    /** The word in the card's title ("测试部署成功"). */
    public String word() {
        return word;
    }

    /** Feishu's header colour. */
    public String template() {
        return template;
    }

    /** The result in words; null is a result this version does not know. */
    public static String label(BuildResult result) {
        if (result == null) {
            return "未知结果";
        }
        return switch (result) {
            case SUCCESS -> "成功";
            case UNSTABLE -> "不稳定（已完成，测试或质量检查有问题）";
            case FAILURE -> "失败";
            case ABORTED -> "已中止";
            case NOT_BUILT -> "未构建";
            case LOST -> "构建丢失";
            case BUNDLE_FAILED -> "安装包未能保存到平台";
        };
    }
}
