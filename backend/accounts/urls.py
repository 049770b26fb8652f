from django.urls import path

from . import apis, token_apis, two_factor_apis

urlpatterns = [
    path("auth/csrf/", apis.CsrfApi.as_view(), name="auth-csrf"),
    path("auth/register/confirm/", apis.RegisterConfirmApi.as_view(), name="auth-register-confirm"),
    path("auth/login/", apis.LoginApi.as_view(), name="auth-login"),
    path("auth/login/two-factor/", apis.LoginTwoFactorApi.as_view(), name="auth-login-two-factor"),
    path("auth/logout/", apis.LogoutApi.as_view(), name="auth-logout"),
    path("auth/token/", token_apis.TokenApi.as_view(), name="auth-token"),
    path("auth/tokens/", token_apis.TokenListApi.as_view(), name="auth-tokens"),
    path(
        "auth/tokens/<id:token_id>/", token_apis.TokenDetailApi.as_view(), name="auth-token-detail"
    ),
    path("auth/password-reset/", apis.PasswordResetApi.as_view(), name="auth-password-reset"),
    path(
        "auth/password-reset/confirm/",
        apis.PasswordResetConfirmApi.as_view(),
        name="auth-password-reset-confirm",
    ),
    path("auth/password-change/", apis.PasswordChangeApi.as_view(), name="auth-password-change"),
    path("auth/two-factor/", two_factor_apis.TwoFactorApi.as_view(), name="auth-two-factor"),
    path("me/", apis.MeApi.as_view(), name="me"),
]
