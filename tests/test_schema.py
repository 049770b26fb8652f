from __future__ import annotations

import pytest
from openapi_spec_validator import validate
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

FOUNDATION_PATHS = {
    "/api/v1/auth/register/",
    "/api/v1/auth/login/",
    "/api/v1/auth/logout/",
    "/api/v1/auth/token/",
    "/api/v1/me/",
    "/api/v1/organisations/",
    "/api/v1/organisations/{organisation_id}/",
    "/api/v1/organisations/{organisation_id}/members/",
    "/api/v1/health/",
}


def test_schema_is_valid_openapi_3_and_documents_the_contract(api: APIClient) -> None:
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate(schema)
    assert set(schema["paths"]) >= FOUNDATION_PATHS


def test_interactive_docs_are_served(api: APIClient) -> None:
    response = api.get("/api/docs/")

    assert response.status_code == 200
    assert b"swagger" in response.content.lower()
