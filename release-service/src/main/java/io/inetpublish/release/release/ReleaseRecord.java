package io.inetpublish.release.release;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.common.event.UpdateType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.hibernate.annotations.BatchSize;

/**
 * 发布记录: a unit of change with its human-readable number such as {@code REL-2026-0042}. Its {@link #getStatus()
 * status} is a projection of its timeline (see {@link ReleaseStatus}) and is only ever changed by
 * {@link Releases#record}.
 */
@Entity
@Table(name = "release_record")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class ReleaseRecord {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true)
    private String number;

    @Column(nullable = false)
    private String title;

    private String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "update_type", nullable = false)
    private UpdateType updateType;

    @Column(name = "config_change", nullable = false)
    private boolean configChange;

    @Column(name = "config_notes")
    private String configNotes;

    private String manual;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ReleaseStatus status;

    @ElementCollection
    @CollectionTable(name = "release_ticket", joinColumns = @JoinColumn(name = "release_id"))
    @OrderColumn(name = "position")
    @BatchSize(size = 100)
    private List<TicketRef> tickets = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "release_item", joinColumns = @JoinColumn(name = "release_id"))
    @OrderColumn(name = "position")
    @BatchSize(size = 100)
    private List<ReleaseItem> items = new ArrayList<>();

    @Column(name = "submitted_by_id", nullable = false)
    private String submittedById;

    @Column(name = "submitted_by_name", nullable = false)
    private String submittedByName;

    @Column(name = "submitted_at", nullable = false)
    private Instant submittedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    ReleaseRecord(UUID id, String number, Actor submitter, Instant at) {
        this.id = id;
        this.number = number;
        this.submittedById = submitter.userId();
        this.submittedByName = submitter.name();
        this.submittedAt = at;
        this.updatedAt = at;
        this.status = ReleaseStatus.SUBMITTED;
    }

    void describe(ReleaseContent content, Instant at) {
        this.title = content.title();
        this.description = content.description();
        this.updateType = content.updateType();
        this.configChange = content.configChange();
        this.configNotes = content.configNotes();
        this.manual = content.manual();
        this.tickets.clear();
        this.tickets.addAll(content.tickets());
        this.items.clear();
        this.items.addAll(content.items());
        this.updatedAt = at;
    }

    ReleaseContent content() {
        return new ReleaseContent(title, description, updateType, configChange, configNotes, manual,
                List.copyOf(tickets), List.copyOf(items));
    }

    void status(ReleaseStatus status, Instant at) {
        this.status = status;
        this.updatedAt = at;
    }

    /** {@link ContentHash} of the current component versions: what a build of the record now would build. */
    public String contentHash() {
        return ContentHash.of(Releases.versions(items));
    }
}
