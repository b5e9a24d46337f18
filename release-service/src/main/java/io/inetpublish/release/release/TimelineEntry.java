package io.inetpublish.release.release;

import java.time.Instant;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One thing that happened to a release record, with who did it and when. Append-only. */
@Entity
@Table(name = "release_timeline")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class TimelineEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "release_id", nullable = false)
    private UUID releaseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TimelineAction action;

    @Column(name = "actor_id", nullable = false)
    private String actorId;

    @Column(name = "actor_name", nullable = false)
    private String actorName;

    @Column(nullable = false)
    private Instant at;

    /** Text of an entry recorded before facts were (issue 16, item 5) and not readable as facts; else null. */
    private String detail;

    /** What happened, as facts for the reader's language ({@link TimelineFacts}); JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private String facts;

    @Column(name = "environment_id")
    private UUID environmentId;

    @Column(name = "environment_name")
    private String environmentName;

    @Column(name = "ref_id")
    private UUID refId;

    @Column(name = "dedup_key")
    private String dedupKey;

    /** For build entries: {@link ContentHash} of what the build built (null when unknown). */
    @Column(name = "content_hash")
    private String contentHash;

    private TimelineEntry(UUID releaseId, TimelineAction action, Actor actor, Instant at) {
        this.releaseId = releaseId;
        this.action = action;
        this.actorId = actor.userId();
        this.actorName = actor.name();
        this.at = at;
    }

    /** Starts an entry; add what it is about with the {@code with*} methods before recording it. */
    public static TimelineEntry of(ReleaseRecord release, TimelineAction action, Actor actor, Instant at) {
        return new TimelineEntry(release.getId(), action, actor, at);
    }

    public TimelineEntry facts(TimelineFacts facts) {
        this.facts = facts.json();
        return this;
    }

    public TimelineEntry environment(UUID environmentId, String environmentName) {
        this.environmentId = environmentId;
        this.environmentName = environmentName;
        return this;
    }

    /** The build or customer deployment this entry is about. */
    public TimelineEntry ref(UUID refId) {
        this.refId = refId;
        return this;
    }

    public TimelineEntry contentHash(String contentHash) {
        this.contentHash = contentHash;
        return this;
    }

    /** Whether this entry is about a build of an earlier content of the record than {@code current}. */
    public boolean outdated(String current) {
        return ContentHash.outdated(contentHash, current);
    }

    /** A key that makes recording the same outside fact twice a no-op. */
    public TimelineEntry dedupKey(String dedupKey) {
        this.dedupKey = dedupKey;
        return this;
    }
}
