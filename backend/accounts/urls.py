from django.urls import path

from . import apis

urlpatterns = [
    path("auth/csrf/", apis.CsrfApi.as_view(), name="auth-csrf"),
    path("auth/register/", apis.RegisterApi.as_view(), name="auth-register"),
    path("auth/login/", apis.LoginApi.as_view(), name="auth-login"),
    path("auth/logout/", apis.LogoutApi.as_view(), name="auth-logout"),
    path("auth/token/", apis.TokenApi.as_view(), name="auth-token"),
    path("me/", apis.MeApi.as_view(), name="me"),
]
