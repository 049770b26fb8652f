from django.urls import URLPattern, URLResolver, path

from .rules.apis import ThresholdListApi

urlpatterns: list[URLPattern | URLResolver] = [
    path("thresholds/", ThresholdListApi.as_view(), name="thresholds"),
]
