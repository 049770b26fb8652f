from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from coproduce.api.pagination import StandardPagination
from coproduce.api.requests import request_user
from coproduce.api.serializers import StrictModelSerializer, StrictSerializer

from .models import Membership, Organisation, OrganisationKind, Role
from .permissions import ADMIN_ROLES, require_role
from .selectors import membership_get, membership_list, organisation_list
from .services import EDITABLE_FIELDS, membership_add, organisation_create, organisation_update


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


def _roles(user: User) -> dict[int, str]:
    return dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))


class OrganisationListApi(APIView):
    @extend_schema(responses=OrganisationOutputSerializer(many=True), summary="My organisations")
    def get(self, request: Request) -> Response:
        user = request_user(request)
        paginator = StandardPagination()
        page = paginator.paginate_queryset(organisation_list(user=user), request, view=self)
        data = OrganisationOutputSerializer(page, many=True, context={"roles": _roles(user)}).data
        return paginator.get_paginated_response(data)

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
        out = OrganisationOutputSerializer(organisation, context={"roles": _roles(user)})
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
        require_role(membership, ADMIN_ROLES, action="change the organisation's details")
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


class MemberListApi(APIView):
    class MemberInputSerializer(StrictSerializer):
        email = serializers.EmailField(max_length=254)
        role = serializers.ChoiceField(choices=Role.choices)

    @extend_schema(responses=MemberOutputSerializer(many=True), summary="Members (admins)")
    def get(self, request: Request, organisation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        require_role(membership, ADMIN_ROLES, action="see the list of members")
        members: QuerySet[Membership] = membership_list(organisation=membership.organisation)
        paginator = StandardPagination()
        page = paginator.paginate_queryset(members, request, view=self)
        return paginator.get_paginated_response(MemberOutputSerializer(page, many=True).data)

    @extend_schema(
        request=MemberInputSerializer,
        responses={201: MemberOutputSerializer},
        summary="Add a member by e-mail with a role (admins)",
    )
    def post(self, request: Request, organisation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        require_role(membership, ADMIN_ROLES, action="add members")
        serializer = self.MemberInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = membership_add(by=membership, **serializer.validated_data)
        return Response(MemberOutputSerializer(created).data, status=status.HTTP_201_CREATED)
