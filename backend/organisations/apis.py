from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.requests import request_user
from coproduce.api.pagination import paginated_response
from coproduce.api.serializers import StrictModelSerializer, StrictSerializer

from .models import Invitation, InvitationStatus, Organisation, OrganisationKind, Role
from .selectors import (
    invitation_list,
    invitation_list_for_user,
    membership_get,
    membership_list,
    membership_roles,
    organisation_list,
)
from .services import (
    EDITABLE_FIELDS,
    INVITATION_MESSAGE,
    invitation_create,
    invitation_respond,
    invitation_withdraw,
    membership_leave,
    membership_remove,
    membership_role_set,
    organisation_create,
    organisation_update,
)


class OrganisationOutputSerializer(serializers.ModelSerializer):
    is_verified = serializers.BooleanField(read_only=True)
    my_role = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = ["id", "slug", *sorted(EDITABLE_FIELDS), "is_verified", "verified_at", "my_role"]
        read_only_fields = fields

    def get_my_role(self, organisation: Organisation) -> str | None:
        roles: dict[int, str] = self.context.get("roles", {})
        return roles.get(organisation.pk)


class OrganisationInputSerializer(StrictModelSerializer):
    kind = serializers.ChoiceField(choices=OrganisationKind.choices)
    letterhead_colour = serializers.RegexField(
        r"^#[0-9a-fA-F]{6}$",
        required=False,
        error_messages={"invalid": "Enter a colour as # and six hex digits, like #1d4f91."},
    )

    class Meta:
        model = Organisation
        fields = sorted(EDITABLE_FIELDS)


class OrganisationListApi(APIView):
    @extend_schema(responses=OrganisationOutputSerializer(many=True), summary="My organisations")
    def get(self, request: Request) -> Response:
        user = request_user(request)
        return paginated_response(
            self,
            request,
            organisation_list(user=user),
            OrganisationOutputSerializer,
            context={"roles": membership_roles(user=user)},
        )

    @extend_schema(
        request=OrganisationInputSerializer,
        responses={201: OrganisationOutputSerializer},
        summary="Create an organisation (unverified, with you as owner)",
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        serializer = OrganisationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation = organisation_create(
            name=data.pop("name"), kind=data.pop("kind"), owner=user, **data
        )
        out = OrganisationOutputSerializer(
            organisation, context={"roles": membership_roles(user=user)}
        )
        return Response(out.data, status=status.HTTP_201_CREATED)


class OrganisationDetailApi(APIView):
    @extend_schema(responses=OrganisationOutputSerializer, summary="One of my organisations")
    def get(self, request: Request, organisation_id: int) -> Response:
        user = request_user(request)
        membership = membership_get(user=user, organisation_id=organisation_id)
        out = OrganisationOutputSerializer(
            membership.organisation, context={"roles": {organisation_id: membership.role}}
        )
        return Response(out.data)

    @extend_schema(
        request=OrganisationInputSerializer,
        responses=OrganisationOutputSerializer,
        summary="Change an organisation's details (admins)",
    )
    def patch(self, request: Request, organisation_id: int) -> Response:
        user = request_user(request)
        membership = membership_get(user=user, organisation_id=organisation_id)
        serializer = OrganisationInputSerializer(
            membership.organisation, data=request.data, partial=True
        )
        serializer.is_valid(raise_exception=True)
        organisation = organisation_update(
            membership=membership, data=dict(serializer.validated_data)
        )
        out = OrganisationOutputSerializer(
            organisation, context={"roles": {organisation_id: membership.role}}
        )
        return Response(out.data)


class MemberOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    user_id = serializers.IntegerField()
    email = serializers.EmailField(source="user.email")
    full_name = serializers.CharField(source="user.full_name")
    role = serializers.ChoiceField(choices=Role.choices)
    created_at = serializers.DateTimeField()


class InvitationMessageSerializer(serializers.Serializer):
    message = serializers.CharField()


class MemberListApi(APIView):
    class MemberInputSerializer(StrictSerializer):
        email = serializers.EmailField(max_length=254)
        role = serializers.ChoiceField(choices=Role.choices)

    @extend_schema(responses=MemberOutputSerializer(many=True), summary="Members (admins)")
    def get(self, request: Request, organisation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        members = membership_list(membership=membership)
        return paginated_response(self, request, members, MemberOutputSerializer)

    @extend_schema(
        request=MemberInputSerializer,
        responses={202: InvitationMessageSerializer},
        summary="Invite someone by e-mail with a role (admins)",
        description="Sends an invitation; they become a member only when they accept it "
        "(GET /api/v1/me/invitations/). The answer is the same whether or not the address has "
        "an account.",
    )
    def post(self, request: Request, organisation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        serializer = self.MemberInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        invitation_create(by=membership, **serializer.validated_data)
        return Response({"message": INVITATION_MESSAGE}, status=status.HTTP_202_ACCEPTED)


class MemberDetailApi(APIView):
    class RoleInputSerializer(StrictSerializer):
        role = serializers.ChoiceField(choices=Role.choices)

    @extend_schema(
        request=RoleInputSerializer,
        responses=MemberOutputSerializer,
        summary="Change a member's role (admins; owners for the owner role)",
    )
    def patch(self, request: Request, organisation_id: int, member_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        serializer = self.RoleInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        member = membership_role_set(
            by=membership, member_id=member_id, role=serializer.validated_data["role"]
        )
        return Response(MemberOutputSerializer(member).data)

    @extend_schema(
        responses={204: OpenApiResponse(description="Removed")},
        summary="Remove a member (admins; never the last owner)",
    )
    def delete(self, request: Request, organisation_id: int, member_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        membership_remove(by=membership, member_id=member_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class OrganisationInvitationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=Role.choices)
    status = serializers.ChoiceField(choices=InvitationStatus.choices)
    created_at = serializers.DateTimeField()


class OrganisationInvitationListApi(APIView):
    @extend_schema(
        responses=OrganisationInvitationOutputSerializer(many=True),
        summary="Invitations waiting for an answer (admins)",
    )
    def get(self, request: Request, organisation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        invitations = invitation_list(membership=membership)
        return paginated_response(
            self, request, invitations, OrganisationInvitationOutputSerializer
        )


class OrganisationInvitationDetailApi(APIView):
    @extend_schema(
        responses={204: OpenApiResponse(description="Withdrawn")},
        summary="Withdraw an invitation nobody has answered (admins; owners for the owner role)",
        description="The invited person can no longer accept it. The answer is the same "
        "whether or not the address has an account.",
    )
    def delete(self, request: Request, organisation_id: int, invitation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        invitation_withdraw(by=membership, invitation_id=invitation_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LeaveApi(APIView):
    # Anyone may leave, even before setting up two-factor sign-in.
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={204: OpenApiResponse(description="You are no longer a member")},
        summary="Leave an organisation (not its last owner)",
    )
    def post(self, request: Request, organisation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        membership_leave(membership=membership)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MyInvitationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation_id = serializers.IntegerField()
    organisation_name = serializers.CharField(source="organisation.name")
    organisation_verified = serializers.BooleanField(source="organisation.is_verified")
    role = serializers.ChoiceField(choices=Role.choices)
    invited_by_name = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_invited_by_name(self, invitation: Invitation) -> str | None:
        return invitation.invited_by.full_name if invitation.invited_by else None


class MyInvitationListApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses=MyInvitationOutputSerializer(many=True),
        summary="Invitations to join organisations, waiting for my answer",
    )
    def get(self, request: Request) -> Response:
        invitations = invitation_list_for_user(user=request_user(request))
        return paginated_response(self, request, invitations, MyInvitationOutputSerializer)


class MyMembershipOutputSerializer(serializers.Serializer):
    organisation_id = serializers.IntegerField()
    organisation_name = serializers.CharField(source="organisation.name")
    role = serializers.ChoiceField(choices=Role.choices)


class MyInvitationAcceptApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None, responses=MyMembershipOutputSerializer, summary="Accept an invitation"
    )
    def post(self, request: Request, invitation_id: int) -> Response:
        membership = invitation_respond(
            user=request_user(request), invitation_id=invitation_id, accept=True
        )
        return Response(MyMembershipOutputSerializer(membership).data)


class MyInvitationDeclineApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={204: OpenApiResponse(description="Declined")},
        summary="Decline an invitation",
    )
    def post(self, request: Request, invitation_id: int) -> Response:
        invitation_respond(user=request_user(request), invitation_id=invitation_id, accept=False)
        return Response(status=status.HTTP_204_NO_CONTENT)
