from __future__ import annotations

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

CONTRACT_PATHS = {
    "/api/v1/opportunities/": {"get", "post"},
    "/api/v1/opportunities/{opportunity_id}/": {"get", "patch"},
    "/api/v1/opportunities/{opportunity_id}/publish/": {"post"},
    "/api/v1/opportunities/{opportunity_id}/close/": {"post"},
    "/api/v1/opportunities/{opportunity_id}/archive/": {"post"},
    "/api/v1/opportunities/{opportunity_id}/sessions/": {"get", "post"},
    "/api/v1/opportunities/{opportunity_id}/applications/": {"post"},
    "/api/v1/applications/": {"get"},
    "/api/v1/applications/{application_id}/": {"get"},
    "/api/v1/applications/{application_id}/accept/": {"post"},
    "/api/v1/applications/{application_id}/decline/": {"post"},
    "/api/v1/applications/{application_id}/withdraw/": {"post"},
    "/api/v1/engagements/": {"get"},
    "/api/v1/engagements/{engagement_id}/": {"get", "patch"},
    "/api/v1/engagements/{engagement_id}/attendance/": {"get", "post"},
    "/api/v1/organisations/{organisation_id}/pay-rates/": {"get", "post"},
}


def test_every_involvement_path_is_in_the_openapi_schema(api: APIClient) -> None:
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    for path, methods in CONTRACT_PATHS.items():
        assert path in schema["paths"], path
        assert set(schema["paths"][path]) >= methods, path


def test_role_list_documents_its_filters(api: APIClient) -> None:
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    parameters = {p["name"] for p in schema["paths"]["/api/v1/opportunities/"]["get"]["parameters"]}

    assert parameters >= {"q", "involvement_type", "remote", "organisation", "closing_after"}
