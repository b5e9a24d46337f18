package io.inetpublish.notify.settings;

import org.springframework.data.jpa.repository.JpaRepository;

interface FeishuSettingsRepository extends JpaRepository<FeishuSettings, Short> {
}
