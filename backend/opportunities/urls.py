from django.urls import path

from .applications import apis as applications
from .roles import apis as roles

# engagements/ and engagements/{id}/attendance/ are routed by payments (payments/urls.py):
# they answer with the payment choice and record fees.
urlpatterns = [
    path("opportunities/", roles.OpportunityListApi.as_view(), name="opportunity-list"),
    path(
        "opportunities/<id:opportunity_id>/",
        roles.OpportunityDetailApi.as_view(),
        name="opportunity-detail",
    ),
    path(
        "opportunities/<id:opportunity_id>/publish/",
        roles.OpportunityPublishApi.as_view(),
        name="opportunity-publish",
    ),
    path(
        "opportunities/<id:opportunity_id>/close/",
        roles.OpportunityCloseApi.as_view(),
        name="opportunity-close",
    ),
    path(
        "opportunities/<id:opportunity_id>/archive/",
        roles.OpportunityArchiveApi.as_view(),
        name="opportunity-archive",
    ),
    path(
        "opportunities/<id:opportunity_id>/sessions/",
        roles.SessionListApi.as_view(),
        name="opportunity-sessions",
    ),
    path(
        "opportunities/<id:opportunity_id>/sessions/<id:session_id>/",
        roles.SessionDetailApi.as_view(),
        name="opportunity-session-detail",
    ),
    path(
        "opportunities/<id:opportunity_id>/sessions/<id:session_id>/cancel/",
        roles.SessionCancelApi.as_view(),
        name="opportunity-session-cancel",
    ),
    path(
        "opportunities/<id:opportunity_id>/copy/",
        roles.OpportunityCopyApi.as_view(),
        name="opportunity-copy",
    ),
    path(
        "opportunities/<id:opportunity_id>/applications/",
        applications.ApplicationCreateApi.as_view(),
        name="opportunity-apply",
    ),
    path("applications/", applications.ApplicationListApi.as_view(), name="application-list"),
    path(
        "applications/<id:application_id>/",
        applications.ApplicationDetailApi.as_view(),
        name="application-detail",
    ),
    path(
        "applications/<id:application_id>/accept/",
        applications.ApplicationAcceptApi.as_view(),
        name="application-accept",
    ),
    path(
        "applications/<id:application_id>/decline/",
        applications.ApplicationDeclineApi.as_view(),
        name="application-decline",
    ),
    path(
        "applications/<id:application_id>/withdraw/",
        applications.ApplicationWithdrawApi.as_view(),
        name="application-withdraw",
    ),
    path(
        "organisations/<id:organisation_id>/pay-rates/",
        roles.PayRateListApi.as_view(),
        name="organisation-pay-rates",
    ),
    path(
        "organisations/<id:organisation_id>/pay-rates/<id:rate_id>/",
        roles.PayRateDetailApi.as_view(),
        name="organisation-pay-rate-detail",
    ),
]
