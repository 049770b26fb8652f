from django.urls import path

from . import apis

urlpatterns = [
    path("me/earnings/", apis.EarningsApi.as_view(), name="earnings"),
    path("me/alerts/", apis.AlertListApi.as_view(), name="alert-list"),
    path(
        "me/alerts/<id:alert_id>/acknowledge/",
        apis.AlertAcknowledgeApi.as_view(),
        name="alert-acknowledge",
    ),
    path(
        "organisations/<id:organisation_id>/contributors/",
        apis.OrganisationContributorsApi.as_view(),
        name="organisation-contributors",
    ),
]
