"""Role search that an index serves: on PostgreSQL a tsvector of each role's title, summary,
description and organisation name, kept by triggers (a role's own changes, and an
organisation's new name for all its roles) and indexed with GIN; the published roles' list
orders and filters walk partial indexes. On SQLite the column stays empty and search matches
text."""

from typing import Any

import django.contrib.postgres.search
from django.conf import settings
from django.db import migrations, models

_DOCUMENT = """
    coalesce(NEW.title, '') || ' ' || coalesce(NEW.summary, '') || ' '
    || coalesce(NEW.description, '') || ' '
    || coalesce((SELECT name FROM organisations_organisation WHERE id = NEW.organisation_id), '')
"""
POSTGRESQL = [
    f"""
    CREATE FUNCTION opportunities_search_vector() RETURNS trigger AS $$
    BEGIN
        NEW.search_vector := to_tsvector('pg_catalog.english', {_DOCUMENT});
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER opportunities_search_vector BEFORE INSERT OR UPDATE
    ON opportunities_opportunity FOR EACH ROW EXECUTE FUNCTION opportunities_search_vector()
    """,
    """
    CREATE FUNCTION opportunities_search_vector_organisation() RETURNS trigger AS $$
    BEGIN
        UPDATE opportunities_opportunity SET search_vector = NULL
        WHERE organisation_id = NEW.id;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER opportunities_search_vector_organisation AFTER UPDATE OF name
    ON organisations_organisation FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION opportunities_search_vector_organisation()
    """,
    # Fill: the BEFORE UPDATE trigger computes each row's vector.
    "UPDATE opportunities_opportunity SET search_vector = NULL",
    """
    CREATE INDEX opp_search_vector_idx ON opportunities_opportunity USING gin (search_vector)
    """,
]
POSTGRESQL_REVERSE = [
    "DROP INDEX opp_search_vector_idx",
    "DROP TRIGGER opportunities_search_vector_organisation ON organisations_organisation",
    "DROP FUNCTION opportunities_search_vector_organisation()",
    "DROP TRIGGER opportunities_search_vector ON opportunities_opportunity",
    "DROP FUNCTION opportunities_search_vector()",
]


def _run(schema_editor: Any, statements: list[str]) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite: search matches text (opportunities.roles.selectors)
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, POSTGRESQL)


def uninstall(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, POSTGRESQL_REVERSE)


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0003_session_cancel_move_and_decline_message"),
        ("organisations", "0002_invitations"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="opportunity",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="opportunity",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["closing_date", "id"],
                name="opp_published_closing_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="opportunity",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["involvement_type", "closing_date", "id"],
                name="opp_published_type_idx",
            ),
        ),
        migrations.RunPython(install, uninstall),
    ]
