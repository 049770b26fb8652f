"""What opportunities tell the apps above them. Lower apps signal, higher apps listen: a
contributor's booked work (a session added to a role they are on, a place taken, given up or
completed) changes what they are planned to earn, which payments and thresholds follow."""

from datetime import date
from decimal import Decimal
from typing import Protocol, cast

from django.dispatch import Signal

# Sent inside the change's transaction with ``contributor_ids``; receivers enqueue their work
# on commit.
bookings_changed = Signal()


def contributors_bookings_changed(contributor_ids: list[int]) -> None:
    if contributor_ids:
        bookings_changed.send(sender=None, contributor_ids=sorted(set(contributor_ids)))


# Sent by an application's review, before the organisation accepts, with ``organisation_id``,
# ``contributor_id``, ``opportunity_id`` and ``name`` (the contributor's name for the text).
# A receiver above (threshold monitoring) answers with what the organisation may see of
# whether the role's next fee would fit ("room for your next fee"), or None. Opportunities
# never see a limit or a figure that points to one.
fee_fit_wanted = Signal()


class FeeFit(Protocol):
    on: date
    amount: Decimal
    fits: str  # "fits", "part" or "none"
    fits_amount: Decimal | None
    text: str


def fee_fit_if_accepted(
    *, organisation_id: int, contributor_id: int, opportunity_id: int, name: str
) -> FeeFit | None:
    for _receiver, answer in fee_fit_wanted.send(
        sender=None,
        organisation_id=organisation_id,
        contributor_id=contributor_id,
        opportunity_id=opportunity_id,
        name=name,
    ):
        if answer is not None:
            return cast(FeeFit, answer)
    return None
