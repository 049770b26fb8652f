from django.urls import URLPattern, URLResolver, path

from .apis import NotificationListApi, NotificationPreferenceApi, NotificationReadApi

urlpatterns: list[URLPattern | URLResolver] = [
    path("notifications/", NotificationListApi.as_view(), name="notifications"),
    path(
        "notifications/<id:notification_id>/read/",
        NotificationReadApi.as_view(),
        name="notification-read",
    ),
    path(
        "me/notification-preferences/",
        NotificationPreferenceApi.as_view(),
        name="me-notification-preferences",
    ),
]
