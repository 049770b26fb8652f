from __future__ import annotations

from django.contrib.admin.apps import AdminConfig


class CoproduceAdminConfig(AdminConfig):
    """Django's admin, with the two-factor site (``coproduce.admin_site``) as ``admin.site``,
    so every app's ``@admin.register`` lands on it."""

    default_site = "coproduce.admin_site.CoproduceAdminSite"
