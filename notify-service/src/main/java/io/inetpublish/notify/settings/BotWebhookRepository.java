package io.inetpublish.notify.settings;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface BotWebhookRepository extends JpaRepository<BotWebhook, UUID> {

    List<BotWebhook> findAllByOrderByPositionAsc();
}
