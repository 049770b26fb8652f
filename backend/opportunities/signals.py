"""What opportunities tell the apps above them. Lower apps signal, higher apps listen: a
contributor's booked work (a session added to a role they are on, a place taken, given up or
completed) changes what they are planned to earn, which payments and thresholds follow."""

from django.dispatch import Signal

# Sent inside the change's transaction with ``contributor_ids``; receivers enqueue their work
# on commit.
bookings_changed = Signal()


def contributors_bookings_changed(contributor_ids: list[int]) -> None:
    if contributor_ids:
        bookings_changed.send(sender=None, contributor_ids=sorted(set(contributor_ids)))
