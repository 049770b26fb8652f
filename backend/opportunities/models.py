from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from simple_history.models import HistoricalRecords

from coproduce.money import MONEY_VALIDATORS, MoneyField
from organisations.models import Organisation


class InvolvementType(models.TextChoices):
    ADVISORY_GROUP = "advisory_group", "Advisory group"
    INTERVIEW_PANEL = "interview_panel", "Interview panel"
    CO_RESEARCH = "co_research", "Co-research"
    CO_DESIGN_WORKSHOP = "co_design_workshop", "Co-design workshop"
    TRAINING_DELIVERY = "training_delivery", "Training delivery"
    CONSULTATION = "consultation", "Consultation"
    LIVED_EXPERIENCE_REVIEW = "lived_experience_review", "Lived-experience review"
    OTHER = "other", "Other"


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CLOSED = "closed", "Closed"
    ARCHIVED = "archived", "Archived"


class PayUnit(models.TextChoices):
    HOUR = "hour", "Per hour"
    HALF_DAY = "half_day", "Per half day (up to 4 hours)"
    DAY = "day", "Per day (up to 8 hours)"
    SESSION = "session", "Per session"
    FIXED = "fixed", "Fixed fee for the whole role"


class Expense(models.TextChoices):
    TRAVEL = "travel", "Travel"
    CARE = "care", "Care and childcare"
    MEALS = "meals", "Meals"
    INTERNET_PHONE = "internet_phone", "Internet and phone"
    OTHER = "other", "Other"


class PayRate(models.Model):
    """An organisation's rate card entry, used to suggest the pay offer for a new role.

    Rates are the organisation's own settings (often benchmarked on NIHR's published rates);
    nothing in the code assumes an amount."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="pay_rates"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    amount = MoneyField(validators=MONEY_VALIDATORS)
    unit = models.CharField(max_length=20, choices=PayUnit.choices)
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation_id", "-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(is_default=True),
                name="opportunities_payrate_one_default",
            ),
            models.UniqueConstraint(
                fields=["organisation", "name"], name="opportunities_payrate_name_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(unit__in=PayUnit.values),
                name="opportunities_payrate_unit_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="opportunities_payrate_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class Opportunity(models.Model):
    """An involvement role that an organisation posts and contributors apply for."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="opportunities"
    )
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=500)
    description = models.TextField(blank=True)
    involvement_type = models.CharField(max_length=40, choices=InvolvementType.choices)
    location = models.CharField(max_length=200, blank=True)
    is_remote = models.BooleanField(default=False)
    accessibility = models.TextField(
        blank=True, help_text="Accessibility and adjustments the organisation offers."
    )
    places = models.PositiveIntegerField(default=1)
    closing_date = models.DateField()
    status = models.CharField(
        max_length=20, choices=OpportunityStatus.choices, default=OpportunityStatus.DRAFT
    )
    pay_rate = MoneyField(
        null=True,
        blank=True,
        validators=MONEY_VALIDATORS,
        help_text="Empty only when the role is unpaid (expenses only).",
    )
    pay_unit = models.CharField(max_length=20, choices=PayUnit.choices, blank=True)
    expenses_covered = models.JSONField(
        default=list, blank=True, help_text="Which expenses are covered: a list of Expense values."
    )
    expenses_notes = models.TextField(blank=True)
    session_count = models.PositiveIntegerField(null=True, blank=True)
    hours_per_session = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The words of the title, summary, description and organisation name, for role search.
    # PostgreSQL keeps it (a trigger on this table and on organisation names, migration 0004)
    # and indexes it (GIN); on SQLite it stays empty and search matches text instead.
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = ["closing_date", "id"]
        verbose_name_plural = "opportunities"
        indexes = [
            models.Index(fields=["status", "closing_date"], name="opp_status_closing_idx"),
            # The role search's page and count walk these (published roles, in closing order).
            models.Index(
                fields=["closing_date", "id"],
                condition=models.Q(status=OpportunityStatus.PUBLISHED),
                name="opp_published_closing_idx",
            ),
            models.Index(
                fields=["involvement_type", "closing_date", "id"],
                condition=models.Q(status=OpportunityStatus.PUBLISHED),
                name="opp_published_type_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=OpportunityStatus.values),
                name="opportunities_opportunity_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(involvement_type__in=InvolvementType.values),
                name="opportunities_opportunity_type_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(places__gte=1), name="opportunities_opportunity_places_min"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(pay_rate__isnull=True, pay_unit="")
                    | models.Q(pay_rate__gt=0, pay_unit__in=PayUnit.values)
                ),
                name="opportunities_opportunity_pay_offer_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_paid(self) -> bool:
        return self.pay_rate is not None


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class ScheduledSessionManager(models.Manager["Session"]):
    """Sessions that are going ahead. Forecasts, reminders, "next session" and attendance all
    start from ``Session.objects``, so a cancelled session stops counting everywhere at once."""

    def get_queryset(self) -> models.QuerySet[Session]:
        return super().get_queryset().filter(status=SessionStatus.SCHEDULED)


class Session(models.Model):
    """A scheduled meeting of a role, in Europe/London local time.

    ``Session.objects`` holds only sessions going ahead; ``Session.all_objects`` also holds
    cancelled ones (the role's own pages show them, marked cancelled). ``sequence`` goes up
    each time the date, time or place changes or the session is cancelled, so calendar apps
    replace the event they hold (RFC 5545 SEQUENCE)."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField()
    start_time = models.TimeField()
    end_time = models.TimeField()
    location = models.CharField(max_length=200, blank=True)
    online_link = models.URLField(
        blank=True, help_text="Shown only to engaged contributors and the organisation."
    )
    planned_hours = models.DecimalField(max_digits=5, decimal_places=2)
    status = models.CharField(
        max_length=20, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    cancelled_reason = models.TextField(blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    all_objects = models.Manager()
    objects = ScheduledSessionManager()

    class Meta:
        ordering = ["date", "start_time", "id"]
        default_manager_name = "objects"
        base_manager_name = "all_objects"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="opportunities_session_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(planned_hours__gt=0, planned_hours__lte=24),
                name="opportunities_session_planned_hours_range",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=SessionStatus.values),
                name="opportunities_session_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opportunity} on {self.date} at {self.start_time:%H:%M}"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


LIVE_APPLICATION_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED)


class Application(models.Model):
    """A contributor's expression of interest in a role."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="applications"
    )
    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    statement = models.TextField()
    adjustments_requested = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_message = models.TextField(
        blank=True, help_text="What the organisation said to the contributor when it declined."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "contributor"],
                condition=models.Q(status__in=LIVE_APPLICATION_STATUSES),
                name="opportunities_application_one_live",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ApplicationStatus.values),
                name="opportunities_application_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contributor} for {self.opportunity} ({self.status})"


class EngagementStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Engagement(models.Model):
    """A contributor taking part in a role, created when their application is accepted."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="engagements"
    )
    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="engagements"
    )
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="engagement"
    )
    status = models.CharField(
        max_length=20, choices=EngagementStatus.choices, default=EngagementStatus.ACTIVE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "contributor"],
                condition=models.Q(status=EngagementStatus.ACTIVE),
                name="opportunities_engagement_one_active",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=EngagementStatus.values),
                name="opportunities_engagement_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contributor} on {self.opportunity} ({self.status})"


class Attendance(models.Model):
    """Hours a contributor actually gave, with the fee offered for them under the pay offer."""

    engagement = models.ForeignKey(Engagement, on_delete=models.PROTECT, related_name="attendances")
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.PROTECT, related_name="attendances"
    )
    date = models.DateField()
    hours = models.DecimalField(max_digits=5, decimal_places=2)
    offered_amount = MoneyField(validators=MONEY_VALIDATORS)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "session"],
                condition=models.Q(session__isnull=False),
                name="opportunities_attendance_once_per_session",
            ),
            models.CheckConstraint(
                condition=models.Q(hours__gt=0, hours__lte=24),
                name="opportunities_attendance_hours_range",
            ),
            models.CheckConstraint(
                condition=models.Q(offered_amount__gte=0),
                name="opportunities_attendance_offered_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hours} hours on {self.date} ({self.engagement})"


class Register(models.Model):
    """A session's register, taken at once: who came (each with their attendance) and who did
    not. A retry with the same Idempotency-Key answers with the register it first made."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="registers")
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001
    request_fingerprint = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "idempotency_key"],
                condition=models.Q(idempotency_key__isnull=False),
                name="opportunities_register_key_once_per_session",
            ),
        ]

    def __str__(self) -> str:
        return f"Register for {self.session}"


class RegisterEntry(models.Model):
    """One person on a register: their attendance if they came, none if they did not. Each
    person is on a session's register once."""

    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="entries")
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="register_entries")
    engagement = models.ForeignKey(
        Engagement, on_delete=models.PROTECT, related_name="register_entries"
    )
    attendance = models.OneToOneField(
        Attendance,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="register_entry",
    )

    class Meta:
        ordering = ["register", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "engagement"], name="opportunities_register_entry_once"
            ),
        ]

    def __str__(self) -> str:
        came = "came" if self.attendance_id else "did not come"
        return f"{self.engagement} {came} ({self.session})"
