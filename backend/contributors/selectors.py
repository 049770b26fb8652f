from __future__ import annotations

from accounts.models import User

from .models import BenefitCircumstances, ContributorProfile


def circumstances_for(*, contributor: User) -> BenefitCircumstances | None:
    """PRIVATE. For the contributor themself and for background threshold checks only: never
    call this on behalf of an organisation."""
    return BenefitCircumstances.objects.filter(user=contributor).first()


def headroom_shared(*, contributor: User) -> bool:
    """Whether the contributor lets organisations they work with see their headroom status."""
    return ContributorProfile.objects.filter(user=contributor, share_headroom=True).exists()
