from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords


class OrganisationKind(models.TextChoices):
    CHARITY = "charity", "Charity"
    NHS_TRUST = "nhs_trust", "NHS trust"
    UNIVERSITY = "university", "University"
    USER_LED_GROUP = "user_led_group", "User-led group"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    OTHER = "other", "Other"


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    ADMIN = "admin", "Admin"
    COORDINATOR = "coordinator", "Involvement coordinator"
    FINANCE = "finance", "Finance officer"
    VIEWER = "viewer", "Viewer"


class Organisation(models.Model):
    """A body that pays people for involvement: a charity, NHS trust, university or group."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    description = models.TextField(
        blank=True,
        help_text="Who the organisation is and its statutory, research or charitable role.",
    )
    charity_number = models.CharField(max_length=30, blank=True)
    address_line_1 = models.CharField(max_length=200, blank=True)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    website = models.URLField(blank=True)
    letterhead_text = models.TextField(
        blank=True, help_text="Lines printed at the top of letters, under the organisation's name."
    )
    letterhead_colour = models.CharField(
        max_length=7, default="#1d4f91", help_text="Hex colour for the letterhead band."
    )
    signatory_name = models.CharField(max_length=200, blank=True)
    signatory_title = models.CharField(max_length=200, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values),
                name="organisations_organisation_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class Membership(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation_id", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="organisations_membership_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values),
                name="organisations_membership_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) at {self.organisation}"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Waiting for an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Invitation(models.Model):
    """An offer of membership sent to an e-mail address. Nothing of the invited person is
    visible to the organisation, and the organisation is not in their account, until they
    accept. The address may not have an account yet."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    role = models.CharField(max_length=20, choices=Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                "organisation",
                Lower("email"),
                condition=models.Q(status="pending"),
                name="organisations_invitation_one_pending_per_address",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values),
                name="organisations_invitation_role_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=InvitationStatus.values),
                name="organisations_invitation_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} invited as {self.role} to {self.organisation}"
