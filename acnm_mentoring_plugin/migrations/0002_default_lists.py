"""Start every site with the programme's fields and career directions.

Staff edit these lists afterwards; the migration only adds what is missing
and leaves the lists alone on the way back.
"""

from django.db import migrations

FIELDS = [
    ("cardiology", "Cardiology"),
    ("oncology", "Oncology"),
    ("pet", "PET"),
    ("ct", "CT"),
    ("spect", "SPECT"),
    ("theranostics", "Theranostics"),
    ("radiopharmacy", "Radiopharmacy"),
    ("neuro", "Neurology"),
    ("paediatrics", "Paediatrics"),
    ("research", "Research"),
]

DIRECTIONS = [
    ("academic", "Academic centre"),
    ("private-practice", "Private practice"),
    ("industry", "Industry"),
]


def add_lists(apps, schema_editor):
    for model_name, rows in (
        ("FieldOfInterest", FIELDS),
        ("CareerDirection", DIRECTIONS),
    ):
        model = apps.get_model("acnm_mentoring", model_name)
        for order, (slug, name) in enumerate(rows):
            model.objects.get_or_create(
                slug=slug, defaults={"name": name, "sort_order": order * 10}
            )


class Migration(migrations.Migration):
    dependencies = [("acnm_mentoring", "0001_initial")]

    operations = [migrations.RunPython(add_lists, migrations.RunPython.noop)]
