"""Each organisation's spend per day and kind, kept by triggers on payments_payment (PostgreSQL
and SQLite), filled from the payments already there."""

from decimal import Decimal
from typing import Any

import django.db.models.deletion
from django.db import migrations, models

import coproduce.money

# Every row change moves its old amount out of its old day and its new amount into its new
# day; a cancelled payment counts nowhere.
POSTGRESQL = [
    """
    CREATE FUNCTION payments_daily_spend_apply() RETURNS trigger AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status <> 'cancelled' THEN
            UPDATE payments_dailyspend SET total = total - OLD.payable
            WHERE organisation_id = OLD.organisation_id AND day = OLD.counts_on
              AND kind = OLD.kind;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status <> 'cancelled' THEN
            INSERT INTO payments_dailyspend (organisation_id, day, kind, total)
            VALUES (NEW.organisation_id, NEW.counts_on, NEW.kind, NEW.payable)
            ON CONFLICT (organisation_id, day, kind)
            DO UPDATE SET total = payments_dailyspend.total + EXCLUDED.total;
        END IF;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER payments_daily_spend_insert_delete AFTER INSERT OR DELETE
    ON payments_payment FOR EACH ROW EXECUTE FUNCTION payments_daily_spend_apply()
    """,
    """
    CREATE TRIGGER payments_daily_spend_update AFTER UPDATE ON payments_payment FOR EACH ROW
    WHEN ((OLD.organisation_id, OLD.counts_on, OLD.kind, OLD.status, OLD.payable)
          IS DISTINCT FROM (NEW.organisation_id, NEW.counts_on, NEW.kind, NEW.status,
                            NEW.payable))
    EXECUTE FUNCTION payments_daily_spend_apply()
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER payments_daily_spend_update ON payments_payment",
    "DROP TRIGGER payments_daily_spend_insert_delete ON payments_payment",
    "DROP FUNCTION payments_daily_spend_apply()",
]

_SQLITE_ADD = """
    INSERT INTO payments_dailyspend (organisation_id, day, kind, total)
    VALUES (NEW.organisation_id, NEW.counts_on, NEW.kind, NEW.payable)
    ON CONFLICT (organisation_id, day, kind) DO UPDATE SET total = total + excluded.total;
"""
_SQLITE_REMOVE = """
    UPDATE payments_dailyspend SET total = total - OLD.payable
    WHERE organisation_id = OLD.organisation_id AND day = OLD.counts_on AND kind = OLD.kind;
"""
SQLITE = [
    f"""CREATE TRIGGER payments_daily_spend_insert AFTER INSERT ON payments_payment
    WHEN NEW.status <> 'cancelled' BEGIN {_SQLITE_ADD} END""",
    f"""CREATE TRIGGER payments_daily_spend_delete AFTER DELETE ON payments_payment
    WHEN OLD.status <> 'cancelled' BEGIN {_SQLITE_REMOVE} END""",
    f"""CREATE TRIGGER payments_daily_spend_update_old AFTER UPDATE ON payments_payment
    WHEN OLD.status <> 'cancelled' BEGIN {_SQLITE_REMOVE} END""",
    f"""CREATE TRIGGER payments_daily_spend_update_new AFTER UPDATE ON payments_payment
    WHEN NEW.status <> 'cancelled' BEGIN {_SQLITE_ADD} END""",
]
SQLITE_REVERSE = [
    f"DROP TRIGGER payments_daily_spend_{name}"
    for name in ("insert", "delete", "update_old", "update_new")
]

FILL = """
    INSERT INTO payments_dailyspend (organisation_id, day, kind, total)
    SELECT organisation_id, counts_on, kind, SUM(payable) FROM payments_payment
    WHERE status <> 'cancelled' GROUP BY organisation_id, counts_on, kind
"""


def _run(schema_editor: Any, statements: list[str]) -> None:
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise RuntimeError(f"No daily spend triggers for {vendor}.")
    _run(schema_editor, [FILL, *(POSTGRESQL if vendor == "postgresql" else SQLITE)])


def uninstall(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    reverse = POSTGRESQL_REVERSE if vendor == "postgresql" else SQLITE_REVERSE
    _run(schema_editor, [*reverse, "DELETE FROM payments_dailyspend"])


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_invitations"),
        ("payments", "0005_bank_details_and_exports"),
    ]

    operations = [
        migrations.CreateModel(
            name="DailySpend",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField()),
                (
                    "kind",
                    models.CharField(
                        choices=[("fee", "Fee"), ("expense", "Expense")], max_length=20
                    ),
                ),
                (
                    "total",
                    coproduce.money.MoneyField(
                        decimal_places=2, default=Decimal("0"), max_digits=12
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="organisations.organisation",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("organisation", "day", "kind"), name="payments_daily_spend_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
