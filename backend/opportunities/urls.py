from django.urls import path

from . import apis

urlpatterns = [
    path("opportunities/", apis.OpportunityListApi.as_view(), name="opportunity-list"),
    path(
        "opportunities/<id:opportunity_id>/",
        apis.OpportunityDetailApi.as_view(),
        name="opportunity-detail",
    ),
    path(
        "opportunities/<id:opportunity_id>/publish/",
        apis.OpportunityPublishApi.as_view(),
        name="opportunity-publish",
    ),
    path(
        "opportunities/<id:opportunity_id>/close/",
        apis.OpportunityCloseApi.as_view(),
        name="opportunity-close",
    ),
    path(
        "opportunities/<id:opportunity_id>/archive/",
        apis.OpportunityArchiveApi.as_view(),
        name="opportunity-archive",
    ),
    path(
        "opportunities/<id:opportunity_id>/sessions/",
        apis.SessionListApi.as_view(),
        name="opportunity-sessions",
    ),
    path(
        "opportunities/<id:opportunity_id>/applications/",
        apis.ApplicationCreateApi.as_view(),
        name="opportunity-apply",
    ),
    path("applications/", apis.ApplicationListApi.as_view(), name="application-list"),
    path(
        "applications/<id:application_id>/",
        apis.ApplicationDetailApi.as_view(),
        name="application-detail",
    ),
    path(
        "applications/<id:application_id>/accept/",
        apis.ApplicationAcceptApi.as_view(),
        name="application-accept",
    ),
    path(
        "applications/<id:application_id>/decline/",
        apis.ApplicationDeclineApi.as_view(),
        name="application-decline",
    ),
    path(
        "applications/<id:application_id>/withdraw/",
        apis.ApplicationWithdrawApi.as_view(),
        name="application-withdraw",
    ),
    path("engagements/", apis.EngagementListApi.as_view(), name="engagement-list"),
    path(
        "engagements/<id:engagement_id>/",
        apis.EngagementDetailApi.as_view(),
        name="engagement-detail",
    ),
    path(
        "engagements/<id:engagement_id>/attendance/",
        apis.AttendanceApi.as_view(),
        name="engagement-attendance",
    ),
    path(
        "organisations/<id:organisation_id>/pay-rates/",
        apis.PayRateListApi.as_view(),
        name="organisation-pay-rates",
    ),
]
