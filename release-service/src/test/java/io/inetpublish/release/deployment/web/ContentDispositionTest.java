package io.inetpublish.release.deployment.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void givesAnAsciiFallbackAndTheUtf8NameAsRfc5987() {
        assertThat(DeploymentController.contentDisposition("日志 \"1\".txt"))
                .isEqualTo("attachment; filename=\"__ _1_.txt\"; filename*=UTF-8''%E6%97%A5%E5%BF%97%20%221%22.txt");
        assertThat(DeploymentController.contentDisposition("deploy-1.log"))
                .isEqualTo("attachment; filename=\"deploy-1.log\"; filename*=UTF-8''deploy-1.log");
    }
}
