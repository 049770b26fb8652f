from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.requests import request_user
from coproduce.api.pagination import paginated_response
from coproduce.api.serializers import StrictSerializer

from .selectors import notification_list, preference_for
from .services import notification_mark_read, notification_preference_set


class NotificationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    body = serializers.CharField()
    link = serializers.CharField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)
    is_read = serializers.SerializerMethodField()

    def get_is_read(self, notification: object) -> bool:
        return getattr(notification, "read_at", None) is not None


class NotificationListApi(APIView):
    class FilterSerializer(serializers.Serializer):
        unread = serializers.BooleanField(
            required=False,
            default=False,
            error_messages={"invalid": "Use unread=true or unread=false."},
        )

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "unread", OpenApiTypes.BOOL, description="Only notifications not read yet."
            ),
            OpenApiParameter("page", OpenApiTypes.INT),
            OpenApiParameter("page_size", OpenApiTypes.INT),
        ],
        responses=NotificationOutputSerializer(many=True),
        summary="My notifications, newest first",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        notifications = notification_list(
            user=request_user(request), unread_only=filters.validated_data["unread"]
        )
        return paginated_response(self, request, notifications, NotificationOutputSerializer)


class NotificationReadApi(APIView):
    @extend_schema(
        request=None,
        responses=NotificationOutputSerializer,
        summary="Mark one of my notifications as read",
    )
    def post(self, request: Request, notification_id: int) -> Response:
        notification = notification_mark_read(
            user=request_user(request), notification_id=notification_id
        )
        return Response(NotificationOutputSerializer(notification).data)


class NotificationPreferenceSerializer(StrictSerializer):
    email_enabled = serializers.BooleanField(required=False)
    email_muted_kinds = serializers.ListField(
        child=serializers.SlugField(max_length=60),
        required=False,
        max_length=50,
        help_text="Kinds of notification you do not want by e-mail.",
    )


class NotificationPreferenceApi(APIView):
    @extend_schema(responses=NotificationPreferenceSerializer, summary="My notification settings")
    def get(self, request: Request) -> Response:
        preference = preference_for(user=request_user(request))
        return Response(NotificationPreferenceSerializer(preference).data)

    @extend_schema(
        request=NotificationPreferenceSerializer,
        responses=NotificationPreferenceSerializer,
        summary="Change my notification settings",
    )
    def put(self, request: Request) -> Response:
        serializer = NotificationPreferenceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        preference = notification_preference_set(
            user=request_user(request), data=dict(serializer.validated_data)
        )
        return Response(NotificationPreferenceSerializer(preference).data)
