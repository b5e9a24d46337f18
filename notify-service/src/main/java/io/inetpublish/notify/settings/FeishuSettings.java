package io.inetpublish.notify.settings;

import java.time.Instant;

import io.inetpublish.common.crypto.SealedSecret;
import io.inetpublish.common.event.Actor;
import io.inetpublish.common.text.Texts;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/** The single row of Feishu app settings; the secret is stored but never returned or logged. */
@Entity
@Table(name = "feishu_settings")
@Getter(AccessLevel.PACKAGE)
@NoArgsConstructor(access = AccessLevel.PROTECTED)
class FeishuSettings {

    static final short ID = 1;

    @Id
    private short id;

    @Column(name = "app_id")
    private String appId;

    @Column(name = "app_secret")
    @Convert(converter = SealedSecret.class)
    private String appSecret;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by_id")
    private String updatedById;

    @Column(name = "updated_by")
    private String updatedBy;

    @Version
    private long version;

    static FeishuSettings create() {
        FeishuSettings settings = new FeishuSettings();
        settings.id = ID;
        return settings;
    }

    /**
     * A null app id or secret keeps the stored one (a client saving only its group bots must not switch off the
     * messages to people); an empty one removes it.
     */
    /** @param by who saved them; null for the defaults taken from the configuration */
    void update(String appId, String appSecret, Actor by, Instant at) {
        if (appId != null) {
            this.appId = Texts.blankToNull(appId);
        }
        if (appSecret != null) {
            this.appSecret = appSecret.isEmpty() ? null : appSecret;
        }
        this.updatedById = by == null ? null : by.userId();
        this.updatedBy = by == null ? null : by.name();
        this.updatedAt = at;
    }

    @Override
    public String toString() {
        return "FeishuSettings[appId=" + appId + "]";
    }
}
