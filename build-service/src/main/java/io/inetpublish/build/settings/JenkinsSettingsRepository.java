package io.inetpublish.build.settings;

import org.springframework.data.jpa.repository.JpaRepository;

interface JenkinsSettingsRepository extends JpaRepository<JenkinsSettings, Short> {
}
