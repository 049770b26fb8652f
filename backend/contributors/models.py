from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class ContactPreference(models.TextChoices):
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Phone"
    POST = "post", "Post"


class ContributorProfile(models.Model):
    """How a contributor wants to be addressed and contacted, and the address for letters."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contributor_profile"
    )
    preferred_name = models.CharField(max_length=200, blank=True)
    name_for_letters = models.CharField(
        max_length=200,
        blank=True,
        help_text=(
            "The full name official letters use, as on the contributor's benefit records. "
            "Empty means the account's full name."
        ),
    )
    address_line_1 = models.CharField(max_length=200, blank=True)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    contact_preference = models.CharField(
        max_length=10, choices=ContactPreference.choices, default=ContactPreference.EMAIL
    )
    adjustments = models.TextField(
        blank=True, help_text="Adjustments that help the contributor take part."
    )
    share_headroom = models.BooleanField(
        default=False,
        help_text=(
            "Organisations the contributor works with may see how much room is left before a "
            "limit (never which benefit or rule)."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contact_preference__in=ContactPreference.values),
                name="contributors_profile_contact_preference_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Contributor profile #{self.pk}"


class EsaPermittedWork(models.TextChoices):
    LOWER = "lower", "Lower limit (up to £20 a week)"
    HIGHER = "higher", "Higher limit (under 16 hours a week)"
    SUPPORTED = "supported", "Supported permitted work"


class PensionCreditCategory(models.TextChoices):
    SINGLE = "single", "Single"
    COUPLE = "couple", "Couple"
    HIGHER = "higher", "Carer, disabled person or lone parent"


class HousingBenefitCategory(models.TextChoices):
    SINGLE = "single", "Single"
    COUPLE = "couple", "Couple"
    LONE_PARENT = "lone_parent", "Lone parent"


class BenefitCircumstances(models.Model):
    """PRIVATE: which benefits a contributor receives. Only the contributor (and the platform
    database) ever sees this: never organisations, never exports, never logs. ``__str__`` says
    nothing about the benefits on purpose."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="benefit_circumstances"
    )
    receives_esa = models.BooleanField(default=False)
    esa_permitted_work_limit = models.CharField(
        max_length=10,
        choices=EsaPermittedWork.choices,
        blank=True,
        help_text="Empty is read as the lower limit, the cautious one.",
    )
    receives_uc = models.BooleanField(default=False)
    uc_housing_element = models.BooleanField(default=False)
    uc_work_allowance = models.BooleanField(
        default=False, help_text="Has children or limited capability for work."
    )
    receives_carers_allowance = models.BooleanField(default=False)
    receives_carer_support_payment_scotland = models.BooleanField(default=False)
    receives_pension_credit = models.BooleanField(default=False)
    pension_credit_category = models.CharField(
        max_length=10, choices=PensionCreditCategory.choices, blank=True
    )
    receives_housing_benefit = models.BooleanField(default=False)
    housing_benefit_category = models.CharField(
        max_length=12, choices=HousingBenefitCategory.choices, blank=True
    )
    receives_legacy_income_support_jsa = models.BooleanField(default=False)
    receives_pip_dla_adp = models.BooleanField(
        default=False, help_text="PIP, DLA, Attendance Allowance or ADP: no earnings rule."
    )
    benefit_week_start = models.PositiveSmallIntegerField(
        default=0, help_text="0 is Monday, 6 is Sunday."
    )
    uc_assessment_start_day = models.PositiveSmallIntegerField(null=True, blank=True)
    track_tax_year = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "benefit circumstances"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(benefit_week_start__gte=0, benefit_week_start__lte=6),
                name="contributors_circumstances_week_start_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(uc_assessment_start_day__isnull=True)
                | models.Q(uc_assessment_start_day__gte=1, uc_assessment_start_day__lte=31),
                name="contributors_circumstances_uc_day_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(receives_uc=False)
                | models.Q(uc_assessment_start_day__isnull=False),
                name="contributors_circumstances_uc_needs_day",
            ),
        ]

    def __str__(self) -> str:
        return f"Benefit circumstances #{self.pk}"

    def __repr__(self) -> str:
        return f"<BenefitCircumstances #{self.pk}>"


# What a contributor may change in their profile, in the order the API shows it.
PROFILE_FIELDS = (
    "preferred_name",
    "name_for_letters",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "phone",
    "contact_preference",
    "adjustments",
    "share_headroom",
)

# What a contributor tells us about their benefits, in the order forms and the API show it.
CIRCUMSTANCE_FIELDS = (
    "receives_esa",
    "esa_permitted_work_limit",
    "receives_uc",
    "uc_housing_element",
    "uc_work_allowance",
    "receives_carers_allowance",
    "receives_carer_support_payment_scotland",
    "receives_pension_credit",
    "pension_credit_category",
    "receives_housing_benefit",
    "housing_benefit_category",
    "receives_legacy_income_support_jsa",
    "receives_pip_dla_adp",
    "benefit_week_start",
    "uc_assessment_start_day",
    "track_tax_year",
)
