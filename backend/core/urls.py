from django.urls import path

from . import apis, overview_apis

urlpatterns = [
    path("health/", apis.HealthApi.as_view(), name="health"),
    path(
        "organisations/<id:organisation_id>/overview/",
        overview_apis.OverviewApi.as_view(),
        name="organisation-overview",
    ),
]
