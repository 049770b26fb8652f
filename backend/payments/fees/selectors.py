from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from coproduce.api.errors import ApplicationError, NotFound
from opportunities.models import Engagement
from organisations.models import Membership
from organisations.selectors import members_or_own, membership_get

from ..models import Payment


def payment_list(*, user: User) -> QuerySet[Payment]:
    """Payments of organisations the user belongs to, and the user's own as a contributor."""
    return (
        Payment.objects.filter(members_or_own(user))
        .select_related("organisation", "contributor", "engagement__opportunity")
        .order_by("-counts_on", "-id")
    )


def payment_get(*, user: User, payment_id: int) -> Payment:
    payment = payment_list(user=user).filter(pk=payment_id).first()
    if payment is None:
        raise NotFound("There is no payment with that id that you can see.")
    return payment


def payment_for_member(*, user: User, payment_id: int) -> tuple[Membership, Payment]:
    """A payment the user may act on for its organisation, with their membership of it."""
    payment = payment_get(user=user, payment_id=payment_id)
    return membership_get(user=user, organisation_id=payment.organisation_id), payment


def payee_get(*, contributor_id: int) -> User:
    contributor = User.objects.filter(pk=contributor_id).first()
    if contributor is None:
        raise ApplicationError(
            "There is no contributor with that id.",
            fields={"contributor": ["Choose a contributor who works with your organisation."]},
        )
    return contributor


def organisation_engagement_get(*, membership: Membership, engagement_id: int) -> Engagement:
    """One of the organisation's engagements, named in a request."""
    engagement = (
        Engagement.objects.select_related("opportunity")
        .filter(pk=engagement_id, opportunity__organisation_id=membership.organisation_id)
        .first()
    )
    if engagement is None:
        raise ApplicationError(
            "There is no engagement with that id in your organisation.",
            fields={"engagement": ["Choose an engagement of your organisation."]},
        )
    return engagement
