package io.inetpublish.build.settings;

import java.time.Instant;

import io.inetpublish.common.crypto.SealedSecret;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.people.PersonRef;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/** The one row of Jenkins settings an admin saved. The API token is write-only: no view ever carries it. */
@Entity
@Table(name = "jenkins_settings")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
class JenkinsSettings {

    static final short SINGLETON_ID = 1;

    @Id
    private short id;

    @Column(name = "base_url", nullable = false)
    private String baseUrl;

    @Column(nullable = false)
    private String username;

    @Column(name = "api_token", nullable = false)
    @Convert(converter = SealedSecret.class)
    private String apiToken;

    @Column(name = "test_deploy_job", nullable = false)
    private String testDeployJob;

    @Column(name = "package_job", nullable = false)
    private String packageJob;

    @Column(name = "release_number_param", nullable = false)
    private String releaseNumberParam;

    @Column(name = "components_param", nullable = false)
    private String componentsParam;

    @Column(name = "target_environment_param", nullable = false)
    private String targetEnvironmentParam;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by_id")
    private String updatedById;

    @Column(name = "updated_by_name", nullable = false)
    private String updatedByName;

    @Version
    private long version;

    static JenkinsSettings create() {
        JenkinsSettings settings = new JenkinsSettings();
        settings.id = SINGLETON_ID;
        return settings;
    }

    void update(JenkinsConnection values, Actor updatedBy) {
        this.baseUrl = values.baseUrl();
        this.username = values.username();
        this.apiToken = values.apiToken();
        this.testDeployJob = values.testDeployJob();
        this.packageJob = values.packageJob();
        this.releaseNumberParam = values.releaseNumberParam();
        this.componentsParam = values.componentsParam();
        this.targetEnvironmentParam = values.targetEnvironmentParam();
        this.updatedAt = Instant.now();
        this.updatedById = updatedBy.userId();
        this.updatedByName = updatedBy.name();
    }

    JenkinsConnection toConnection() {
        return new JenkinsConnection(baseUrl, username, apiToken, testDeployJob, packageJob, releaseNumberParam,
                componentsParam, targetEnvironmentParam, updatedAt, PersonRef.of(updatedById, updatedByName));
    }

    @Override
    public String toString() {
        return "JenkinsSettings[" + baseUrl + ", user=" + username + "]";
    }
}
