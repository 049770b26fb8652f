from __future__ import annotations

import factory

from notifications.models import Notification
from tests.factories import ContributorFactory


class NotificationFactory(factory.django.DjangoModelFactory[Notification]):
    class Meta:
        model = Notification

    user = factory.SubFactory(ContributorFactory)
    kind = "general"
    title = factory.Sequence(lambda n: f"Notification {n}")
    body = "Something happened."
    dedupe_key = factory.Sequence(lambda n: f"key-{n}")
