import acnm_mentoring_plugin.djangocms.models
import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("acnm_mentoring", "0001_initial"),
        ("cms", "0034_remove_pagecontent_placeholders"),
    ]

    operations = [
        migrations.CreateModel(
            name="AgreementConfig",
            fields=[
                (
                    "cmsplugin_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        related_name="%(app_label)s_%(class)s",
                        serialize=False,
                        to="cms.cmsplugin",
                    ),
                ),
                (
                    "heading",
                    models.CharField(
                        default="Your Mentor/Mentee Agreement",
                        max_length=255,
                        verbose_name="Heading",
                    ),
                ),
                ("intro", models.TextField(blank=True, verbose_name="Introduction")),
            ],
            options={
                "verbose_name": "Mentor/Mentee Agreement",
            },
            bases=("cms.cmsplugin",),
        ),
        migrations.CreateModel(
            name="CallToActionConfig",
            fields=[
                (
                    "cmsplugin_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        related_name="%(app_label)s_%(class)s",
                        serialize=False,
                        to="cms.cmsplugin",
                    ),
                ),
                ("heading", models.CharField(max_length=255, verbose_name="Heading")),
                ("text", models.TextField(blank=True, verbose_name="Text")),
                (
                    "url",
                    models.CharField(
                        help_text="A path on this site, such as /mentoring/, or a full address starting with https://.",
                        max_length=500,
                        validators=[
                            acnm_mentoring_plugin.djangocms.models.validate_address
                        ],
                        verbose_name="Address",
                    ),
                ),
                (
                    "button_label",
                    models.CharField(max_length=100, verbose_name="Button label"),
                ),
            ],
            options={
                "verbose_name": "Call to action",
            },
            bases=("cms.cmsplugin",),
        ),
        migrations.CreateModel(
            name="MyMentoringConfig",
            fields=[
                (
                    "cmsplugin_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        related_name="%(app_label)s_%(class)s",
                        serialize=False,
                        to="cms.cmsplugin",
                    ),
                ),
                (
                    "heading",
                    models.CharField(
                        default="My mentoring", max_length=255, verbose_name="Heading"
                    ),
                ),
            ],
            options={
                "verbose_name": "My mentoring",
            },
            bases=("cms.cmsplugin",),
        ),
        migrations.CreateModel(
            name="SectionConfig",
            fields=[
                (
                    "cmsplugin_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        related_name="%(app_label)s_%(class)s",
                        serialize=False,
                        to="cms.cmsplugin",
                    ),
                ),
                ("heading", models.CharField(max_length=255, verbose_name="Heading")),
                ("text", models.TextField(blank=True, verbose_name="Text")),
                (
                    "points",
                    models.TextField(
                        blank=True,
                        help_text="One point per line.",
                        verbose_name="Points",
                    ),
                ),
            ],
            options={
                "verbose_name": "Section with a list",
            },
            bases=("cms.cmsplugin",),
        ),
        migrations.CreateModel(
            name="ApplicationFormConfig",
            fields=[
                (
                    "cmsplugin_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        related_name="%(app_label)s_%(class)s",
                        serialize=False,
                        to="cms.cmsplugin",
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[("mentee", "Mentee"), ("mentor", "Mentor")],
                        default="mentee",
                        max_length=20,
                        verbose_name="Who applies",
                    ),
                ),
                (
                    "intro",
                    models.TextField(
                        blank=True,
                        help_text="Shown above the form.",
                        verbose_name="Introduction",
                    ),
                ),
                (
                    "success_message",
                    models.TextField(
                        blank=True,
                        help_text="Leave empty for the standard thank-you message.",
                        verbose_name="Message after submitting",
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="acnm_mentoring.program",
                        verbose_name="Programme",
                    ),
                ),
            ],
            options={
                "verbose_name": "Mentoring application form",
            },
            bases=("cms.cmsplugin",),
        ),
        migrations.CreateModel(
            name="AwardNominationConfig",
            fields=[
                (
                    "cmsplugin_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        related_name="%(app_label)s_%(class)s",
                        serialize=False,
                        to="cms.cmsplugin",
                    ),
                ),
                (
                    "heading",
                    models.CharField(
                        blank=True,
                        help_text='Empty: "Best Mentor of the Year" and the cycle\'s year.',
                        max_length=255,
                        verbose_name="Heading",
                    ),
                ),
                ("intro", models.TextField(blank=True, verbose_name="Introduction")),
                (
                    "show_past_recipients",
                    models.BooleanField(
                        default=True, verbose_name="List past recipients"
                    ),
                ),
                (
                    "cycle",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty: the programme's current cycle, so the block stays right from one year to the next.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="acnm_mentoring.awardcycle",
                        verbose_name="Award cycle",
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="acnm_mentoring.program",
                        verbose_name="Programme",
                    ),
                ),
            ],
            options={
                "verbose_name": "Best Mentor of the Year",
            },
            bases=("cms.cmsplugin",),
        ),
        migrations.CreateModel(
            name="ContactConfig",
            fields=[
                (
                    "cmsplugin_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        related_name="%(app_label)s_%(class)s",
                        serialize=False,
                        to="cms.cmsplugin",
                    ),
                ),
                (
                    "heading",
                    models.CharField(
                        default="Contact the programme",
                        max_length=255,
                        verbose_name="Heading",
                    ),
                ),
                ("text", models.TextField(blank=True, verbose_name="Text")),
                (
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="acnm_mentoring.program",
                        verbose_name="Programme",
                    ),
                ),
            ],
            options={
                "verbose_name": "Programme contact",
            },
            bases=("cms.cmsplugin",),
        ),
        migrations.CreateModel(
            name="MentorDirectoryConfig",
            fields=[
                (
                    "cmsplugin_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        related_name="%(app_label)s_%(class)s",
                        serialize=False,
                        to="cms.cmsplugin",
                    ),
                ),
                (
                    "heading",
                    models.CharField(
                        default="Find a mentor", max_length=255, verbose_name="Heading"
                    ),
                ),
                (
                    "level",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("junior", "Junior faculty"),
                            ("senior", "Senior faculty"),
                        ],
                        max_length=20,
                        verbose_name="Only this career level",
                    ),
                ),
                (
                    "accepting_only",
                    models.BooleanField(
                        default=True, verbose_name="Only mentors with a free place now"
                    ),
                ),
                (
                    "count",
                    models.PositiveSmallIntegerField(
                        default=3,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(12),
                        ],
                        verbose_name="How many mentors to show",
                    ),
                ),
                (
                    "directory_url",
                    models.CharField(
                        blank=True,
                        help_text='The mentor directory page that "See all" leads to. Empty: the plugin\'s own directory page.',
                        max_length=500,
                        validators=[
                            acnm_mentoring_plugin.djangocms.models.validate_address
                        ],
                        verbose_name="Directory page",
                    ),
                ),
                (
                    "direction",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="acnm_mentoring.careerdirection",
                        verbose_name="Only mentors advising on this career direction",
                    ),
                ),
                (
                    "field",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="acnm_mentoring.fieldofinterest",
                        verbose_name="Only mentors in this field",
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="acnm_mentoring.program",
                        verbose_name="Programme",
                    ),
                ),
            ],
            options={
                "verbose_name": "Mentor directory excerpt",
            },
            bases=("cms.cmsplugin",),
        ),
    ]
