"""Load the threshold rules file shipped with the code. The same loader runs from
``manage.py load_threshold_rules`` and the demo seed, so running it again changes nothing."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def load_rules(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from thresholds.rules.services import rule_rows_apply, rule_rows_parse, rules_file_read

    version, rows = rule_rows_parse(rules_file_read())
    rule_rows_apply(model=apps.get_model("thresholds", "ThresholdRule"), version=version, rows=rows)


class Migration(migrations.Migration):
    dependencies = [("thresholds", "0001_initial")]

    operations = [migrations.RunPython(load_rules, migrations.RunPython.noop)]
