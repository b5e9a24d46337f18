package io.inetpublish.notify.settings;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import io.inetpublish.common.crypto.SealedSecret;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/** A custom group bot (自定义机器人) webhook, with its optional signing secret and the event types it receives. */
@Entity
@Table(name = "feishu_webhook")
@Getter(AccessLevel.PACKAGE)
@NoArgsConstructor(access = AccessLevel.PROTECTED)
class BotWebhook {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String url;

    @Convert(converter = SealedSecret.class)
    private String secret;

    @Column(nullable = false)
    private int position;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "feishu_webhook_event_type", joinColumns = @JoinColumn(name = "webhook_id"))
    @Column(name = "event_type")
    @OrderBy
    private Set<String> eventTypes = new LinkedHashSet<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    static BotWebhook create(Instant at) {
        BotWebhook webhook = new BotWebhook();
        webhook.id = UUID.randomUUID();
        webhook.createdAt = at;
        return webhook;
    }

    /** A null secret keeps the stored one; an empty one removes it. */
    void update(String name, String url, String secret, Set<String> eventTypes, int position, Instant at) {
        this.name = name.strip();
        this.url = url.strip();
        if (secret != null) {
            this.secret = secret.isEmpty() ? null : secret;
        }
        this.eventTypes.clear();
        this.eventTypes.addAll(eventTypes);
        this.position = position;
        this.updatedAt = at;
    }

    @Override
    public String toString() {
        return "BotWebhook[id=" + id + ", name=" + name + "]";
    }
}
