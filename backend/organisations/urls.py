from django.urls import path

from . import apis

urlpatterns = [
    path("organisations/", apis.OrganisationListApi.as_view(), name="organisation-list"),
    path(
        "organisations/<id:organisation_id>/",
        apis.OrganisationDetailApi.as_view(),
        name="organisation-detail",
    ),
    path(
        "organisations/<id:organisation_id>/members/",
        apis.MemberListApi.as_view(),
        name="organisation-members",
    ),
]
