from django.urls import URLPattern, URLResolver, path

from .apis import BenefitCircumstancesApi, ProfileApi

urlpatterns: list[URLPattern | URLResolver] = [
    path("me/profile/", ProfileApi.as_view(), name="me-profile"),
    path("me/benefits/", BenefitCircumstancesApi.as_view(), name="me-benefits"),
]
