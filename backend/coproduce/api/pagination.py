from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


class StandardPagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


def paginated_response(
    view: APIView,
    request: Request,
    rows: Any,
    serializer: type[serializers.BaseSerializer],
    context: dict[str, Any] | None = None,
    page: Callable[[list[Any]], Iterable[Any]] | None = None,
) -> Response:
    """One page of ``rows`` (a queryset or a list) as ``{count, next, previous, results}``.

    ``page``, when given, turns the page's rows into what is serialized (a selector that loads
    what the page needs in one go, rather than a query per row)."""
    paginator = StandardPagination()
    found = paginator.paginate_queryset(rows, request, view=view) or []
    return paginator.get_paginated_response(
        serializer(
            page(list(found)) if page else found,
            many=True,
            context={"request": request, **(context or {})},
        ).data
    )
