from __future__ import annotations

import smtplib
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from rest_framework.test import APIClient

from accounts.models import User
from notifications.models import Notification, NotificationPreference
from notifications.services import notification_email_send, notify
from notifications.tasks import send_email
from tests.factories import ContributorFactory, UserFactory

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db

Client = Callable[[User], APIClient]


def _notify(user: User, key: str = "alert-1", kind: str = "threshold_alert") -> Notification:
    return notify(
        user=user,
        kind=kind,
        dedupe_key=key,
        title="You are close to a limit",
        body="You have £4.00 left this week.",
        link="/me/alerts/",
    )


def test_notify_sends_one_email_after_commit(django_capture_on_commit_callbacks: Any) -> None:
    user = ContributorFactory.create()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = _notify(user)
        assert mail.outbox == []

    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == "You are close to a limit"
    assert "£4.00 left" in message.body
    assert "/me/alerts/" in message.body
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_notify_with_the_same_key_makes_nothing_new(
    django_capture_on_commit_callbacks: Any,
) -> None:
    user = ContributorFactory.create()
    with django_capture_on_commit_callbacks(execute=True):
        first = _notify(user)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = _notify(user)

    assert again.pk == first.pk
    assert callbacks == []
    assert Notification.objects.filter(user=user).count() == 1
    assert len(mail.outbox) == 1


def test_the_same_key_for_different_people_makes_one_each(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _notify(ContributorFactory.create())
        _notify(ContributorFactory.create())
    assert Notification.objects.count() == 2
    assert len(mail.outbox) == 2


def test_email_task_run_twice_sends_once(django_capture_on_commit_callbacks: Any) -> None:
    user = ContributorFactory.create()
    with django_capture_on_commit_callbacks(execute=True):
        notification = _notify(user)

    send_email.delay(notification.pk)
    send_email.apply(args=(notification.pk,))

    assert len(mail.outbox) == 1


def test_email_service_reports_whether_it_sent() -> None:
    notification = NotificationFactory.create()
    assert notification_email_send(notification_id=notification.pk) is True
    assert notification_email_send(notification_id=notification.pk) is False
    assert notification_email_send(notification_id=999999) is False
    assert len(mail.outbox) == 1


def test_a_failed_send_leaves_it_unsent_so_a_retry_can_send(monkeypatch: Any) -> None:
    notification = NotificationFactory.create()

    def broken(*_: Any, **__: Any) -> int:
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        notification_email_send(notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.emailed_at is None

    monkeypatch.undo()
    assert notification_email_send(notification_id=notification.pk) is True


def test_email_task_retries_only_on_mail_server_errors() -> None:
    retry_on = getattr(send_email, "autoretry_for", ())
    assert smtplib.SMTPException in retry_on
    assert ConnectionError in retry_on
    assert ValueError not in retry_on
    assert send_email.name == "notifications.send_email"
    assert send_email.acks_late is True


def test_no_email_when_the_person_turned_emails_off(
    django_capture_on_commit_callbacks: Any,
) -> None:
    user = ContributorFactory.create()
    NotificationPreference.objects.create(user=user, email_enabled=False)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = _notify(user)

    assert callbacks == []
    assert mail.outbox == []
    assert Notification.objects.filter(pk=notification.pk).exists()


def test_no_email_for_a_muted_kind(django_capture_on_commit_callbacks: Any) -> None:
    user = ContributorFactory.create()
    NotificationPreference.objects.create(user=user, email_muted_kinds=["forecast"])

    with django_capture_on_commit_callbacks(execute=True):
        _notify(user, key="a", kind="forecast")
        _notify(user, key="b", kind="threshold_alert")

    assert len(mail.outbox) == 1


def test_list_shows_only_my_notifications_newest_first(client_for: Client) -> None:
    user = ContributorFactory.create()
    older = NotificationFactory.create(user=user)
    newer = NotificationFactory.create(user=user)
    NotificationFactory.create()

    response = client_for(user).get("/api/v1/notifications/")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [item["id"] for item in body["results"]] == [newer.pk, older.pk]


def test_list_can_show_only_unread(client_for: Client) -> None:
    user = ContributorFactory.create()
    read = NotificationFactory.create(user=user)
    unread = NotificationFactory.create(user=user)
    client_for(user).post(f"/api/v1/notifications/{read.pk}/read/")

    response = client_for(user).get("/api/v1/notifications/", {"unread": "true"})

    assert [item["id"] for item in response.json()["results"]] == [unread.pk]


def test_marking_read_is_safe_to_repeat(client_for: Client) -> None:
    notification = NotificationFactory.create()
    client = client_for(notification.user)

    first = client.post(f"/api/v1/notifications/{notification.pk}/read/")
    second = client.post(f"/api/v1/notifications/{notification.pk}/read/")

    assert first.status_code == 200
    assert first.json()["is_read"] is True
    assert second.json()["read_at"] == first.json()["read_at"]


def test_someone_elses_notification_is_not_found(client_for: Client) -> None:
    notification = NotificationFactory.create()

    response = client_for(UserFactory.create()).post(
        f"/api/v1/notifications/{notification.pk}/read/"
    )

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_preferences_default_and_change(client_for: Client) -> None:
    user = UserFactory.create()
    client = client_for(user)

    assert client.get("/api/v1/me/notification-preferences/").json() == {
        "email_enabled": True,
        "email_muted_kinds": [],
    }
    response = client.put(
        "/api/v1/me/notification-preferences/",
        {"email_enabled": False, "email_muted_kinds": ["forecast", "forecast"]},
    )

    assert response.status_code == 200
    assert response.json() == {"email_enabled": False, "email_muted_kinds": ["forecast"]}
    assert NotificationPreference.objects.get(user=user).email_enabled is False


def test_preferences_reject_a_bad_value(client_for: Client) -> None:
    response = client_for(UserFactory.create()).put(
        "/api/v1/me/notification-preferences/", {"email_enabled": "maybe"}
    )
    assert response.status_code == 400
    assert "email_enabled" in response.json()["fields"]


def test_nothing_is_sent_when_the_callers_transaction_rolls_back(
    django_capture_on_commit_callbacks: Any,
) -> None:

    user = ContributorFactory.create()

    class Boom(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Boom),
        transaction.atomic(),
    ):
        _notify(user)
        raise Boom

    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.filter(user=user).exists()


def test_a_notification_made_at_the_same_moment_is_returned_not_duplicated(
    monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:

    user = ContributorFactory.create()
    existing = NotificationFactory.create(user=user, dedupe_key="alert-1")

    def racing(**_: Any) -> Any:
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(Notification.objects, "get_or_create", racing)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = _notify(user, key="alert-1")

    assert notification.pk == existing.pk
    assert callbacks == []
    assert Notification.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_the_email_links_to_the_page_on_this_site(settings: Any) -> None:

    settings.PUBLIC_BASE_URL = "https://coproduce.example.org"
    person = ContributorFactory.create()
    note = notify(
        user=person, kind="threshold_alert", dedupe_key="k1", title="T", body="B", link="/me/alerts"
    )

    assert notification_email_send(notification_id=note.pk) is True
    assert "https://coproduce.example.org/me/alerts" in mail.outbox[-1].body
