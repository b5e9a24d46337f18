package io.inetpublish.build.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Jenkins settings used until an admin saves their own (environment: {@code JENKINS_URL}, {@code JENKINS_USER},
 * {@code JENKINS_API_TOKEN}, {@code JENKINS_TEST_DEPLOY_JOB}, {@code JENKINS_PACKAGE_JOB}).
 */
@ConfigurationProperties("inetpublish.jenkins")
record JenkinsDefaults(String url, String user, String apiToken, String testDeployJob, String packageJob,
        String releaseNumberParam, String componentsParam, String targetEnvironmentParam) {

    @Override
    public String toString() {
        return "JenkinsDefaults[url=" + url + ", user=" + user + ", apiToken=****]";
    }
}
