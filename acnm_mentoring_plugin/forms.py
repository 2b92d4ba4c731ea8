"""Plain Django forms for the member-facing pages; they work without JavaScript."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import (
    Application,
    ApplicationRole,
    CareerDirection,
    FieldOfInterest,
    MentorProfile,
)
from .models.members import user_name_fields


class ApplicationForm(forms.ModelForm):
    """The mentoring application; mentee and mentor see different questions."""

    MENTEE_FIELDS = Application.ANSWER_FIELDS
    MENTOR_FIELDS = ["goals", "interests", "career_directions"]

    interests = forms.ModelMultipleChoiceField(
        queryset=FieldOfInterest.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Fields of interest"),
    )
    career_directions = forms.ModelMultipleChoiceField(
        queryset=CareerDirection.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=True,
        label=_("Career direction"),
        help_text=_("Where you see yourself working after training."),
    )

    class Meta:
        model = Application
        fields = Application.ANSWER_FIELDS
        widgets = {
            "expected_completion": forms.DateInput(attrs={"type": "date"}),
            "goals": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, program, role, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.role = ApplicationRole(role)
        keep = self.MENTEE_FIELDS if self.role == "mentee" else self.MENTOR_FIELDS
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        goals = self.fields["goals"]
        goals.required = True
        if self.role == ApplicationRole.MENTEE:
            goals.label = _("Your goals for the mentoring partnership")
            goals.help_text = _(
                "For example: preparing for the ABNM qualifying exam, research, "
                "finding a position in an academic centre or in private practice."
            )
            for name in ("training_programme", "training_year"):
                self.fields[name].required = True
            self.fields["training_year"].min_value = 1
            self.fields["training_year"].widget.attrs.update({"min": 1, "max": 10})
            self.fields["training_year"].help_text = _(
                "Year of your nuclear medicine residency or fellowship (1, 2, ...)."
            )
            self.fields["preferred_mentor"].queryset = (
                MentorProfile.objects.filter(
                    program=program,
                    listed_in_directory=True,
                    accepting_new_mentees=True,
                )
                .select_related("member__user")
                .order_by(*user_name_fields("member__user__"))
            )
            self.fields["preferred_mentor"].label_from_instance = lambda p: str(
                p.member
            )
            self.fields["preferred_mentor"].empty_label = _("No preference")
            self.fields["preferred_mentor"].help_text = _(
                "Optional. Programme staff take it into account when matching."
            )
        else:
            goals.label = _("What you would like to offer mentees")
            goals.help_text = _(
                "Your experience, and the guidance you can give on training, "
                "research and careers."
            )
            self.fields["interests"].label = _("Fields you can advise on")
            self.fields["career_directions"].label = _(
                "Career directions you can advise on"
            )
            self.fields["career_directions"].help_text = ""

    def clean_training_year(self):
        year = self.cleaned_data.get("training_year")
        if year is not None and not 1 <= year <= 10:
            raise forms.ValidationError(_("Enter a training year from 1 to 10."))
        return year

    def clean_expected_completion(self):
        day = self.cleaned_data.get("expected_completion")
        if day and day < timezone.localdate() - datetime.timedelta(days=366):
            raise forms.ValidationError(
                _("This date is more than a year ago; please check it.")
            )
        return day

    def answers(self):
        """The cleaned answers, as the ``submit_application`` service takes them."""
        return {name: self.cleaned_data[name] for name in self.fields}
