from django.urls import path

from . import apis

urlpatterns = [
    path("me/export/", apis.ExportApi.as_view(), name="me-export"),
    path("me/erase/", apis.EraseApi.as_view(), name="me-erase"),
]
