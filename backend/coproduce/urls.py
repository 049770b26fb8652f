from django.contrib import admin
from django.urls import include, path, re_path, register_converter
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from coproduce.api.ids import IdConverter
from coproduce.frontend import APP_ROUTE_PATTERN, app_index
from letters.pages import VerifyPage

# Registered before the apps' URLs are included: their paths take ids as <id:...>.
register_converter(IdConverter, "id")

api_v1 = [
    path("", include("accounts.urls")),
    path("", include("organisations.urls")),
    path("", include("core.urls")),
    path("", include("contributors.urls")),
    path("", include("opportunities.urls")),
    path("", include("payments.urls")),
    path("", include("thresholds.urls")),
    path("", include("thresholds.monitoring.urls")),
    path("", include("notifications.urls")),
    path("", include("letters.urls")),
    path("", include("dataprotection.urls")),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("verify/", VerifyPage.as_view(), name="letter-verify-page-start"),
    path("verify/<str:reference>/", VerifyPage.as_view(), name="letter-verify-page"),
    # The web app (frontend/): its routes answer with its index.html.
    path("", app_index, name="home"),
    re_path(APP_ROUTE_PATTERN, app_index, name="frontend"),
]

handler404 = "coproduce.api.exception_handlers.not_found"
handler500 = "coproduce.api.exception_handlers.server_error"

admin.site.site_header = "Coproduce platform admin"
admin.site.site_title = "Coproduce admin"
