from django.urls import path

from . import apis, registration

urlpatterns = [
    path("auth/register/", registration.RegisterApi.as_view(), name="auth-register"),
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
    path(
        "organisations/<id:organisation_id>/members/<id:member_id>/",
        apis.MemberDetailApi.as_view(),
        name="organisation-member-detail",
    ),
    path(
        "organisations/<id:organisation_id>/invitations/",
        apis.OrganisationInvitationListApi.as_view(),
        name="organisation-invitations",
    ),
    path(
        "organisations/<id:organisation_id>/invitations/<id:invitation_id>/",
        apis.OrganisationInvitationDetailApi.as_view(),
        name="organisation-invitation-detail",
    ),
    path(
        "organisations/<id:organisation_id>/leave/",
        apis.LeaveApi.as_view(),
        name="organisation-leave",
    ),
    path("me/invitations/", apis.MyInvitationListApi.as_view(), name="me-invitations"),
    path(
        "me/invitations/<id:invitation_id>/accept/",
        apis.MyInvitationAcceptApi.as_view(),
        name="me-invitation-accept",
    ),
    path(
        "me/invitations/<id:invitation_id>/decline/",
        apis.MyInvitationDeclineApi.as_view(),
        name="me-invitation-decline",
    ),
]
