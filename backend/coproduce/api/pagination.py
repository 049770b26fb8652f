from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any

from django.core.paginator import Paginator as DjangoPaginator
from django.db import connection
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

# Past this many rows a long list's count is PostgreSQL's estimate (LongListPagination).
EXACT_COUNT_LIMIT = 1000


class StandardPagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        assert self.page is not None  # noqa: S101 (paginate_queryset ran)
        response.data["count_exact"] = getattr(self.page.paginator, "count_exact", True)
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        answer = super().get_paginated_response_schema(schema)
        answer["properties"]["count_exact"] = {
            "type": "boolean",
            "description": f"False when count is an estimate: lists of more than "
            f"{EXACT_COUNT_LIMIT:,} rows (payments, role search) count exactly only up to there.",
        }
        return answer


def paginated_response(
    view: APIView,
    request: Request,
    rows: Any,
    serializer: type[serializers.BaseSerializer],
    context: dict[str, Any] | None = None,
    page: Callable[[list[Any]], Iterable[Any]] | None = None,
    pagination: type[StandardPagination] | None = None,
) -> Response:
    """One page of ``rows`` (a queryset or a list) as ``{count, next, previous, results}``.

    ``page``, when given, turns the page's rows into what is serialized (a selector that loads
    what the page needs in one go, rather than a query per row). ``pagination`` is
    ``LongListPagination`` for lists that grow with an organisation's history."""
    paginator = (pagination or StandardPagination)()
    found = paginator.paginate_queryset(rows, request, view=view) or []
    return paginator.get_paginated_response(
        serializer(
            page(list(found)) if page else found,
            many=True,
            context={"request": request, **(context or {})},
        ).data
    )


class EstimatedCountPaginator(DjangoPaginator):
    """Counts exactly up to ``EXACT_COUNT_LIMIT`` rows (reading at most that many index
    entries), and past it answers PostgreSQL's estimate, so a page of a long list costs the
    same whatever the history behind it. ``count_exact`` says which it was."""

    count_exact = True

    @cached_property
    def count(self) -> int:
        rows: Any = self.object_list  # a queryset (LongListPagination is for querysets)
        # Neither the order nor the page's annotations change how many rows there are: without
        # them the count stops after reading EXACT_COUNT_LIMIT + 1 index entries.
        keys = rows.order_by().values("pk")
        exact = keys[: EXACT_COUNT_LIMIT + 1].count()
        if exact <= EXACT_COUNT_LIMIT or connection.vendor != "postgresql":
            if exact > EXACT_COUNT_LIMIT:
                exact = keys.count()
            return exact
        self.count_exact = False
        plan = json.loads(keys.explain(format="json"))
        return max(EXACT_COUNT_LIMIT + 1, int(plan[0]["Plan"]["Plan Rows"]))


class LongListPagination(StandardPagination):
    """For lists that grow with an organisation's history (payments) or with the country
    (role search): see EstimatedCountPaginator."""

    django_paginator_class = EstimatedCountPaginator
