"""The project's URLs plus the HTTP benchmark's baseline: a DRF view returning a fixed body,
behind the same server, middleware and authentication as every endpoint. Only the benchmark's
settings (``bench.settings``) use this URLconf; production URLs never include it."""

from django.urls import path
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coproduce.urls import handler404, handler500
from coproduce.urls import urlpatterns as project_urlpatterns

BODY = {"count": 1, "next": None, "previous": None, "results": [{"id": 1, "name": "baseline"}]}


class BaselineApi(APIView):
    """Authenticated like every API view (token, default permissions); answers a fixed body."""

    def get(self, request: Request) -> Response:
        return Response(BODY)


urlpatterns = [path("api/v1/bench/baseline/", BaselineApi.as_view()), *project_urlpatterns]

__all__ = ["handler404", "handler500", "urlpatterns"]
