from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
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


def _schema(api: APIClient) -> dict[str, Any]:
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema: dict[str, Any] = response.json()
    return schema


LIST_OPERATIONS = {
    "applications_list",
    "engagements_list",
    "engagements_attendance_list",
    "expense_claims_list",
    "letters_list",
    "me_alerts_list",
    "notifications_list",
    "opportunities_list",
    "opportunities_sessions_list",
    "organisations_list",
    "organisations_contributors_list",
    "organisations_members_list",
    "organisations_pay_rates_list",
    "organisations_payment_runs_list",
    "organisations_registers_list",
    "payments_list",
    "payments_history_list",
    "auth_tokens_list",
    "organisations_payment_runs_preview_list",
    "organisations_invitations_list",
    "me_invitations_list",
    "organisations_payment_runs_exports_list",
    "organisations_payment_runs_payees_list",
}


def _operations(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        op["operationId"]: op
        for methods in schema["paths"].values()
        for method, op in methods.items()
        if method in {"get", "post", "put", "patch", "delete"}
    }


def _resolve(schema: dict[str, Any], ref: dict[str, Any]) -> dict[str, Any]:
    name = ref["$ref"].rsplit("/", 1)[-1]
    resolved: dict[str, Any] = schema["components"]["schemas"][name]
    return resolved


def test_every_list_is_documented_as_the_page_it_returns(api: APIClient) -> None:
    schema = _schema(api)
    operations = _operations(schema)

    assert {op for op in operations if op.endswith("_list")} == LIST_OPERATIONS
    for operation_id in LIST_OPERATIONS:
        body = operations[operation_id]["responses"]["200"]["content"]["application/json"]
        page = _resolve(schema, body["schema"])
        assert set(page["properties"]) == {
            "count", "count_exact", "next", "previous", "results"
        }, operation_id  # fmt: skip
        assert page["properties"]["results"]["type"] == "array"
        params = {p["name"] for p in operations[operation_id]["parameters"]}
        assert {"page", "page_size"} <= params, operation_id


def test_a_list_answers_with_the_page_its_schema_promises(api: APIClient) -> None:
    body = api.get("/api/v1/opportunities/").json()

    assert set(body) == {"count", "count_exact", "next", "previous", "results"}


def test_every_operation_documents_its_errors_with_the_one_error_schema(api: APIClient) -> None:
    schema = _schema(api)

    assert schema["components"]["schemas"]["Error"]["required"] == ["message", "code", "fields"]
    for operation_id, operation in _operations(schema).items():
        for status in ("400", "401", "403", "404", "429"):
            content = operation["responses"][status]["content"]["application/json"]
            assert content["schema"] == {"$ref": "#/components/schemas/Error"}, operation_id


def test_operation_ids_are_identifiers(api: APIClient) -> None:
    operation_ids = _operations(_schema(api))

    assert "organisations_payment_runs_export_csv_retrieve" in operation_ids
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", op) for op in operation_ids)


def test_interactive_docs_load_only_local_files(api: APIClient) -> None:
    page = api.get("/api/docs/").content.decode()
    scripts = re.findall(r'src="([^"]+)"', page) + re.findall(r'href="([^"]+)"', page)

    assert scripts and all(src.startswith("/") for src in scripts), scripts
    assert "cdn" not in page.lower()


def test_the_committed_client_types_match_the_schema(tmp_path: Path) -> None:
    """The web app's API types are generated from this schema: regenerate with
    `make frontend-client` when this fails, and commit the result."""
    frontend = Path(settings.ROOT_DIR) / "frontend"
    generator = frontend / "node_modules" / ".bin" / "openapi-typescript"
    assert generator.exists(), "install the web app's packages first: `make frontend`"
    schema_file = tmp_path / "openapi.json"
    call_command("spectacular", format="openapi-json", file=str(schema_file))
    generated = tmp_path / "api-types.ts"

    subprocess.run(
        [str(generator), str(schema_file), "--default-non-nullable", "false", "-o", str(generated)],
        check=True,
        capture_output=True,
    )

    committed = (frontend / "src" / "lib" / "api-types.ts").read_text()
    assert generated.read_text() == committed, "run `make frontend-client` and commit the result"
