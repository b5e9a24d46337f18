package io.inetpublish.release.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.inetpublish.common.event.Actor;
import io.inetpublish.release.release.TicketRef;
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

/** 更新安排: a planned update of one customer's environment(s). */
@Entity
@Table(name = "update_schedule")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class UpdateSchedule {

    @Id
    private UUID id;

    @Column(nullable = false)
    /** The title a person gave, or null: then the title names the customer and environments (see {@link #title}). */
    private String title;

    @Column(name = "customer_id", nullable = false)
    private UUID customerId;

    @Column(name = "customer_name", nullable = false)
    private String customerName;

    @Column(name = "customer_owner")
    private String customerOwner;

    @Column(name = "planned_at", nullable = false)
    private Instant plannedAt;

    @Column(name = "time_zone", nullable = false)
    private String timeZone;

    private String content;

    @Column(name = "owner_id")
    private String ownerId;

    @Column(name = "owner_name")
    private String ownerName;

    /** PLANNED, DONE or CANCELLED; never OVERDUE (see {@link #statusAt}). */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ScheduleStatus status;

    @Column(name = "cancel_reason")
    private String cancelReason;

    @Column(name = "done_at")
    private Instant doneAt;

    @Column(name = "cancelled_at")
    private Instant cancelledAt;

    @Column(name = "created_by_id", nullable = false)
    private String createdById;

    @Column(name = "created_by_name", nullable = false)
    private String createdByName;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "due_soon_notified_at")
    private Instant dueSoonNotifiedAt;

    @Column(name = "overdue_notified_at")
    private Instant overdueNotifiedAt;

    @Version
    private long version;

    @ElementCollection
    @CollectionTable(name = "update_schedule_environment", joinColumns = @JoinColumn(name = "schedule_id"))
    @OrderColumn(name = "position")
    @BatchSize(size = 100)
    private List<ScheduleEnvironment> environments = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "update_schedule_release", joinColumns = @JoinColumn(name = "schedule_id"))
    @OrderColumn(name = "position")
    @BatchSize(size = 100)
    private List<ScheduleRelease> releases = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "update_schedule_ticket", joinColumns = @JoinColumn(name = "schedule_id"))
    @OrderColumn(name = "position")
    @BatchSize(size = 100)
    private List<TicketRef> tickets = new ArrayList<>();

    UpdateSchedule(Actor creator, Instant now) {
        this.id = UUID.randomUUID();
        this.status = ScheduleStatus.PLANNED;
        this.createdById = creator.userId();
        this.createdByName = creator.name();
        this.createdAt = now;
        this.updatedAt = now;
    }

    void plan(SchedulePlan plan, Instant now) {
        if (plannedAt != null && !plannedAt.equals(plan.plannedAt())) {
            // moved: announce it again before the new time
            dueSoonNotifiedAt = null;
            overdueNotifiedAt = null;
        }
        this.title = plan.title();
        this.customerId = plan.customerId();
        this.customerName = plan.customerName();
        this.customerOwner = plan.customerOwner();
        this.plannedAt = plan.plannedAt();
        this.timeZone = plan.timeZone().getId();
        this.content = plan.content();
        this.ownerId = plan.ownerId();
        this.ownerName = plan.ownerName();
        this.environments.clear();
        this.environments.addAll(plan.environments());
        this.releases.clear();
        this.releases.addAll(plan.releases());
        this.tickets.clear();
        this.tickets.addAll(plan.tickets());
        this.updatedAt = now;
    }

    void cancel(String reason, Instant now) {
        this.status = ScheduleStatus.CANCELLED;
        this.cancelReason = reason;
        this.cancelledAt = now;
        this.updatedAt = now;
    }

    void done(Instant now) {
        this.status = ScheduleStatus.DONE;
        this.doneAt = now;
        this.updatedAt = now;
    }

    /** The status a reader sees at {@code now}: a PLANNED schedule whose time has passed is OVERDUE. */
    public ScheduleStatus statusAt(Instant now) {
        return status == ScheduleStatus.PLANNED && plannedAt.isBefore(now) ? ScheduleStatus.OVERDUE : status;
    }

    /**
     * The title to show in {@code locale}: the one a person gave, else "更新 <customer> / <environments>" from the
     * catalogue (for a Feishu card; the web app writes the same in the reader's language).
     */
    public String title(io.inetpublish.common.i18n.Messages messages, java.util.Locale locale) {
        return title != null ? title : messages.text(locale, "schedule.default-title", customerName,
                String.join(", ", environments.stream().map(ScheduleEnvironment::getEnvironmentName).toList()));
    }
}
