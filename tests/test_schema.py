from __future__ import annotations

import pytest
from openapi_spec_validator import validate
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

CONTRACT_PATHS = {
    "/api/v1/me/payment-preference/",
    "/api/v1/me/benefits/",
    "/api/v1/me/earnings/",
    "/api/v1/me/alerts/",
    "/api/v1/me/alerts/{alert_id}/acknowledge/",
    "/api/v1/organisations/{organisation_id}/dashboard/",
    "/api/v1/organisations/{organisation_id}/contributors/",
    "/api/v1/opportunities/",
    "/api/v1/engagements/",
    "/api/v1/applications/",
    "/api/v1/payments/",
    "/api/v1/payments/{payment_id}/approve/",
    "/api/v1/payments/{payment_id}/cancel/",
    "/api/v1/payments/{payment_id}/mark-paid/",
    "/api/v1/expense-claims/",
    "/api/v1/expense-claims/{claim_id}/approve/",
    "/api/v1/expense-claims/{claim_id}/reject/",
    "/api/v1/organisations/{organisation_id}/payment-runs/",
    "/api/v1/organisations/{organisation_id}/payment-runs/{run_id}/export.csv",
    "/api/v1/organisations/{organisation_id}/payment-runs/{run_id}/mark-paid/",
    "/api/v1/thresholds/",
}

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
    assert set(schema["paths"]) >= FOUNDATION_PATHS | CONTRACT_PATHS


def test_interactive_docs_are_served(api: APIClient) -> None:
    response = api.get("/api/docs/")

    assert response.status_code == 200
    assert b"swagger" in response.content.lower()
