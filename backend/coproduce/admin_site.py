"""The platform admin at ``/admin/`` asks for a second factor.

django-otp's admin site: a staff account signs in with its password and the code from its
authenticator app (or one of its recovery codes), and a session without a verified device (for
example one signed in through the web app) is sent to the admin's sign-in page. The password is
still checked by ``authenticate()``, so failures count towards the lockout (django-axes) like
every other sign-in. A platform admin sets up the authenticator app the way anyone does
(``GET``/``POST /api/v1/auth/two-factor/``, or the web app's account page).
"""

from __future__ import annotations

from typing import Any

from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


class CoproduceAdminAuthenticationForm(OTPAdminAuthenticationForm):
    """E-mail, password and one code: six digits from the authenticator app, or a recovery
    code. Nobody has to choose a device: the kind of code says which it is for."""

    def _chosen_device(self, user: Any) -> Any:
        chosen = super()._chosen_device(user)
        if chosen is not None:
            return chosen
        code = str(self.cleaned_data.get("otp_token") or "").strip()
        kind = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
        return kind.objects.filter(user=user, confirmed=True).first()


class CoproduceAdminSite(OTPAdminSite):
    login_form = CoproduceAdminAuthenticationForm
    site_header = "Coproduce platform admin"
    site_title = "Coproduce platform admin"
    index_title = "Platform administration"

    def __init__(self, name: str = "admin") -> None:
        # Named "admin", as Django's own site: ``admin:`` URL names keep working.
        super().__init__(name)
