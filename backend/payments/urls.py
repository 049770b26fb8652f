from django.urls import path

from . import history
from .bank import apis as bank
from .expenses import apis as expenses
from .exports import apis as exports
from .fees import apis as fees
from .finance import apis as finance
from .preferences import apis as preferences
from .registers import apis as registers
from .runs import apis as runs

urlpatterns = [
    path(
        "me/payment-preference/",
        preferences.PaymentPreferenceApi.as_view(),
        name="payment-preference",
    ),
    path("me/bank-details/", bank.BankDetailsApi.as_view(), name="bank-details"),
    path("payments/", fees.PaymentListApi.as_view(), name="payment-list"),
    path("payments/<id:payment_id>/", fees.PaymentDetailApi.as_view(), name="payment-detail"),
    path(
        "payments/<id:payment_id>/history/",
        history.PaymentHistoryApi.as_view(),
        name="payment-history",
    ),
    path(
        "payments/<id:payment_id>/approve/",
        fees.PaymentApproveApi.as_view(),
        name="payment-approve",
    ),
    path(
        "payments/<id:payment_id>/cancel/", fees.PaymentCancelApi.as_view(), name="payment-cancel"
    ),
    path(
        "payments/<id:payment_id>/mark-paid/",
        fees.PaymentMarkPaidApi.as_view(),
        name="payment-mark-paid",
    ),
    path(
        "payments/<id:payment_id>/reschedule/",
        fees.PaymentRescheduleApi.as_view(),
        name="payment-reschedule",
    ),
    path("expense-claims/", expenses.ExpenseClaimListApi.as_view(), name="expense-claim-list"),
    path(
        "expense-claims/<id:claim_id>/",
        expenses.ExpenseClaimDetailApi.as_view(),
        name="expense-claim-detail",
    ),
    path(
        "expense-claims/<id:claim_id>/approve/",
        expenses.ExpenseClaimApproveApi.as_view(),
        name="expense-claim-approve",
    ),
    path(
        "expense-claims/<id:claim_id>/reject/",
        expenses.ExpenseClaimRejectApi.as_view(),
        name="expense-claim-reject",
    ),
    path(
        "expense-claims/<id:claim_id>/items/<id:item_id>/receipt/",
        expenses.ReceiptApi.as_view(),
        name="expense-receipt",
    ),
    path(
        "organisations/<id:organisation_id>/payment-runs/",
        runs.PaymentRunListApi.as_view(),
        name="payment-run-list",
    ),
    path(
        "organisations/<id:organisation_id>/payment-runs/<id:run_id>/",
        runs.PaymentRunDetailApi.as_view(),
        name="payment-run-detail",
    ),
    path(
        "organisations/<id:organisation_id>/payment-runs/<id:run_id>/export.csv",
        runs.PaymentRunExportApi.as_view(),
        name="payment-run-export",
    ),
    path(
        "organisations/<id:organisation_id>/payment-runs/<id:run_id>/exports/",
        exports.PaymentRunExportListApi.as_view(),
        name="payment-run-exports",
    ),
    path(
        "organisations/<id:organisation_id>/payment-runs/<id:run_id>/exports/<slug:export_format>/",
        exports.PaymentRunExportFormatApi.as_view(),
        name="payment-run-export-format",
    ),
    path(
        "organisations/<id:organisation_id>/payment-runs/<id:run_id>/payees/",
        exports.PaymentRunPayeesApi.as_view(),
        name="payment-run-payees",
    ),
    path(
        "organisations/<id:organisation_id>/export-settings/",
        exports.ExportSettingsApi.as_view(),
        name="export-settings",
    ),
    path(
        "organisations/<id:organisation_id>/payment-runs/preview/",
        runs.PaymentRunPreviewApi.as_view(),
        name="payment-run-preview",
    ),
    path(
        "organisations/<id:organisation_id>/payment-runs/<id:run_id>/pay-date/",
        runs.PaymentRunScheduleApi.as_view(),
        name="payment-run-pay-date",
    ),
    path(
        "organisations/<id:organisation_id>/payment-runs/<id:run_id>/mark-paid/",
        runs.PaymentRunMarkPaidApi.as_view(),
        name="payment-run-mark-paid",
    ),
    path(
        "organisations/<id:organisation_id>/dashboard/",
        finance.DashboardApi.as_view(),
        name="organisation-dashboard",
    ),
    path(
        "organisations/<id:organisation_id>/finance-settings/",
        finance.FinanceSettingsApi.as_view(),
        name="finance-settings",
    ),
    path(
        "organisations/<id:organisation_id>/finance-settings/mileage-rates/<int:tax_year>/",
        finance.MileageRateApi.as_view(),
        name="mileage-rate",
    ),
    # Engagements carry the contributor's payment choice, and logging attendance records the
    # fee: they are routed here, so that opportunities never needs payments.
    path("engagements/", preferences.EngagementListApi.as_view(), name="engagement-list"),
    path(
        "engagements/<id:engagement_id>/",
        preferences.EngagementDetailApi.as_view(),
        name="engagement-detail",
    ),
    path(
        "engagements/<id:engagement_id>/attendance/",
        fees.AttendanceApi.as_view(),
        name="engagement-attendance",
    ),
    path(
        "sessions/<id:session_id>/register/",
        registers.SessionRegisterApi.as_view(),
        name="session-register",
    ),
    path(
        "organisations/<id:organisation_id>/registers/",
        registers.RegistersWaitingApi.as_view(),
        name="registers-waiting",
    ),
]
