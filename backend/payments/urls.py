from django.urls import path

from . import apis, history

urlpatterns = [
    path("me/payment-preference/", apis.PaymentPreferenceApi.as_view(), name="payment-preference"),
    path("payments/", apis.PaymentListApi.as_view(), name="payment-list"),
    path("payments/<id:payment_id>/", apis.PaymentDetailApi.as_view(), name="payment-detail"),
    path(
        "payments/<id:payment_id>/history/",
        history.PaymentHistoryApi.as_view(),
        name="payment-history",
    ),
    path(
        "payments/<id:payment_id>/approve/",
        apis.PaymentApproveApi.as_view(),
        name="payment-approve",
    ),
    path(
        "payments/<id:payment_id>/cancel/", apis.PaymentCancelApi.as_view(), name="payment-cancel"
    ),
    path(
        "payments/<id:payment_id>/mark-paid/",
        apis.PaymentMarkPaidApi.as_view(),
        name="payment-mark-paid",
    ),
    path(
        "payments/<id:payment_id>/reschedule/",
        apis.PaymentRescheduleApi.as_view(),
        name="payment-reschedule",
    ),
    path("expense-claims/", apis.ExpenseClaimListApi.as_view(), name="expense-claim-list"),
    path(
        "expense-claims/<id:claim_id>/",
        apis.ExpenseClaimDetailApi.as_view(),
        name="expense-claim-detail",
    ),
    path(
        "expense-claims/<id:claim_id>/approve/",
        apis.ExpenseClaimApproveApi.as_view(),
        name="expense-claim-approve",
    ),
    path(
        "expense-claims/<id:claim_id>/reject/",
        apis.ExpenseClaimRejectApi.as_view(),
        name="expense-claim-reject",
    ),
    path(
        "expense-claims/<id:claim_id>/items/<id:item_id>/receipt/",
        apis.ReceiptApi.as_view(),
        name="expense-receipt",
    ),
    path(
        "organisations/<id:organisation_id>/payment-runs/",
        apis.PaymentRunListApi.as_view(),
        name="payment-run-list",
    ),
    path(
        "organisations/<id:organisation_id>/payment-runs/<id:run_id>/",
        apis.PaymentRunDetailApi.as_view(),
        name="payment-run-detail",
    ),
    path(
        "organisations/<id:organisation_id>/payment-runs/<id:run_id>/export.csv",
        apis.PaymentRunExportApi.as_view(),
        name="payment-run-export",
    ),
    path(
        "organisations/<id:organisation_id>/payment-runs/preview/",
        apis.PaymentRunPreviewApi.as_view(),
        name="payment-run-preview",
    ),
    path(
        "organisations/<id:organisation_id>/payment-runs/<id:run_id>/pay-date/",
        apis.PaymentRunScheduleApi.as_view(),
        name="payment-run-pay-date",
    ),
    path(
        "organisations/<id:organisation_id>/payment-runs/<id:run_id>/mark-paid/",
        apis.PaymentRunMarkPaidApi.as_view(),
        name="payment-run-mark-paid",
    ),
    path(
        "organisations/<id:organisation_id>/dashboard/",
        apis.DashboardApi.as_view(),
        name="organisation-dashboard",
    ),
    path(
        "organisations/<id:organisation_id>/finance-settings/",
        apis.FinanceSettingsApi.as_view(),
        name="finance-settings",
    ),
]
