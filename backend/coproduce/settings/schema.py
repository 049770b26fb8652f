"""The OpenAPI schema (drf-spectacular): fixed, read from no environment variable. Swagger UI
comes from drf-spectacular-sidecar's local files, never a CDN."""

from __future__ import annotations

from typing import Any

SPECTACULAR_SETTINGS: dict[str, Any] = {
    "TITLE": "Coproduce API",
    "DESCRIPTION": (
        "Paid involvement and co-production in UK mental health: roles, payment choices, "
        "earnings against benefit and tax limits, and verifiable letters. Money is a decimal "
        'string in pounds ("25.00"); dates are ISO 8601; errors are '
        '{"message", "code", "fields"}.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # Ids in paths (<id:...>) are integers the database can store (coproduce.api.ids).
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "maximum": 2**63 - 1}},
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "organisations.models.OrganisationKind",
        "MembershipRoleEnum": "organisations.models.Role",
        "OpportunityStatusEnum": "opportunities.models.OpportunityStatus",
        "ApplicationStatusEnum": "opportunities.models.ApplicationStatus",
        "EngagementStatusEnum": "opportunities.models.EngagementStatus",
        "SessionStatusEnum": "opportunities.models.SessionStatus",
        "PayUnitEnum": "opportunities.models.PayUnit",
        "InvolvementTypeEnum": "opportunities.models.InvolvementType",
        "ExpenseEnum": "opportunities.models.Expense",
        "PaymentStatusEnum": "payments.models.PaymentStatus",
        "PaymentChoiceEnum": "payments.models.PaymentChoice",
        "PaymentMethodEnum": "payments.models.PaymentMethod",
        "PaymentKindEnum": "payments.models.PaymentKind",
        "ExpenseItemStatusEnum": "payments.models.ItemStatus",
        "LetterKindEnum": "letters.models.LetterKind",
        "LetterStatusEnum": "letters.models.LetterStatus",
        "LetterVerificationStatusEnum": ["issued", "revoked", "superseded"],
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "coproduce.api.schema.add_error_responses",
    ],
}
