"""Plain Django forms for the member-facing pages; they work without JavaScript."""

import datetime

from django import forms
from django.core import validators
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .conf import mentoring_settings
from .models import (
    Agreement,
    Application,
    ApplicationRole,
    CareerDirection,
    CareerLevel,
    ContactLog,
    ContactMethod,
    FieldOfInterest,
    Member,
    MentorProfile,
    NomineeRule,
)
from .models.members import user_name_fields
from .services.agreements import signature_problem
from .services.awards import (
    eligible_nominees,
    nominee_problem,
    shortlisted_mentors,
    statement_problem,
)
from .services.mentor_profiles import EDITABLE_FIELDS

#: The largest id a database's integer column holds.
LARGEST_ID = 2**63 - 1
#: The most a member writes in one free-text field (goals, notes, a
#: biography, feedback): room for a long letter, not for a pasted document.
LONG_TEXT = 4000


def limit_length(field, limit=LONG_TEXT):
    """Hold a free-text ``field`` to ``limit`` characters.

    Checked on the server only, without the browser's ``maxlength``, which
    cuts a long paste short without a word: the member is told how long the
    text is, and gets it back whole to shorten.
    """
    field.max_length = limit
    field.validators.append(validators.MaxLengthValidator(limit))


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, refusing an id no database column can hold as it refuses
    any unknown choice: Django passes such an id on to the database, which
    fails (a tampered form, not a person, sends one)."""

    def _check_values(self, value):
        for pk in value if isinstance(value, (list, tuple)) else ():
            try:
                too_large = abs(int(pk)) > LARGEST_ID
            except (TypeError, ValueError):
                continue
            if too_large:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class ApplicationForm(forms.ModelForm):
    """The mentoring application; mentee and mentor see different questions."""

    MENTEE_FIELDS = Application.ANSWER_FIELDS
    MENTOR_FIELDS = ["goals", "interests", "career_directions"]

    interests = ModelMultipleChoiceField(
        queryset=FieldOfInterest.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Fields of interest"),
    )
    career_directions = ModelMultipleChoiceField(
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
        limit_length(goals)
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


class DirectoryFilterForm(forms.Form):
    """The directory's search and filters, read from the query string.

    Every filter is in the URL, so a filtered list can be shared or
    bookmarked. A value that names nothing (an old link) is reported and
    ignored; the other filters still apply.
    """

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    field = forms.ModelChoiceField(
        queryset=FieldOfInterest.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Field"),
        empty_label=_("Any field"),
        error_messages={
            "invalid_choice": _(
                "This field is no longer offered; showing mentors in any field."
            )
        },
    )
    direction = forms.ModelChoiceField(
        queryset=CareerDirection.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Career direction"),
        empty_label=_("Any career direction"),
        error_messages={
            "invalid_choice": _(
                "This career direction is no longer offered; showing mentors "
                "advising on any."
            )
        },
    )
    level = forms.ChoiceField(
        choices=[("", _("Any career level")), *CareerLevel.choices],
        required=False,
        label=_("Career level"),
        error_messages={
            "invalid_choice": _("Unknown career level; showing mentors of any level.")
        },
    )
    place = forms.CharField(
        label=_("Institution or region"), required=False, max_length=100
    )
    accepting = forms.BooleanField(
        label=_("Only mentors with a free place now"), required=False
    )

    def filters(self):
        """The valid filters, even when another one was not."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and value not in (None, "", False)
        }


class MentorRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the mentor"),
        help_text=_(
            "Introduce yourself: your training, what you hope to gain and why "
            "this mentor. They see it with your request."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
    )


MAX_PHOTO_BYTES = 2 * 1024 * 1024


class MentorProfileForm(forms.ModelForm):
    capacity = forms.IntegerField(
        min_value=1,
        max_value=20,
        label=MentorProfile._meta.get_field("capacity").verbose_name,
        help_text=_("How many mentees you take at once."),
    )
    specialties = ModelMultipleChoiceField(
        queryset=FieldOfInterest.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Fields"),
    )
    career_directions = ModelMultipleChoiceField(
        queryset=CareerDirection.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Career directions you advise on"),
    )

    class Meta:
        model = MentorProfile
        fields = [
            "bio",
            "photo",
            "specialties",
            "career_level",
            "career_directions",
            "capacity",
            "accepting_new_mentees",
            "listed_in_directory",
        ]
        labels = {"bio": _("About you")}
        help_texts = {
            "bio": _(
                "Your work, what you can help with, how you like to meet. "
                "Mentees read it in the directory; never add contact details."
            ),
            "photo": _("A portrait, JPEG or PNG, at most 2 MB."),
            "accepting_new_mentees": _(
                "Off: you stay in the directory, but nobody can ask you now."
            ),
            "listed_in_directory": _("Off: mentees cannot find you."),
        }
        widgets = {"bio": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_length(self.fields["bio"])

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and getattr(photo, "size", 0) > MAX_PHOTO_BYTES:
            raise forms.ValidationError(_("The photo is larger than 2 MB."))
        return photo

    def changes(self):
        return mentor_profile_changes(self)


def mentor_profile_changes(form):
    """What ``update_mentor_profile`` takes from a valid profile form (the
    member's or the admin's): its values, the photo only if it changed."""
    data = {name: form.cleaned_data[name] for name in EDITABLE_FIELDS}
    data["specialties"] = list(form.cleaned_data["specialties"])
    data["career_directions"] = list(form.cleaned_data["career_directions"])
    if "photo" in form.changed_data:
        data["photo"] = form.cleaned_data["photo"] or None
    return data


def _term_choices():
    low, high = mentoring_settings.MIN_TERM_YEARS, mentoring_settings.MAX_TERM_YEARS
    return [
        (
            years,
            ngettext("%(years)d year", "%(years)d years", years) % {"years": years},
        )
        for years in range(low, high + 1)
    ]


class AgreementSignForm(forms.Form):
    """Completing and signing the Mentor/Mentee Agreement.

    The first to sign sets the goals, the contact and the term; the second
    signs what the first signed, so those fields are left out for them.
    """

    goals = forms.CharField(
        label=_("Agreed goals"),
        help_text=_(
            "What you will work on together: the ABNM qualifying exam, a "
            "research project, the next career step..."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )
    contact_cadence = forms.ChoiceField(
        label=_("How often you will be in touch"),
        choices=Agreement.Cadence.choices,
        initial=Agreement.Cadence.MONTHLY,
        widget=forms.RadioSelect,
    )
    planned_term_years = forms.TypedChoiceField(
        label=_("Planned term"),
        coerce=int,
        widget=forms.RadioSelect,
    )
    typed_name = forms.CharField(label=_("Type your full name to sign"), max_length=200)
    confirm = forms.BooleanField(
        label=_("I have read the terms above and agree to them."),
        error_messages={"required": _("Please confirm that you agree to the terms.")},
    )

    def __init__(self, *args, first_signer=True, signer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["planned_term_years"].choices = _term_choices()
        self.fields["planned_term_years"].initial = mentoring_settings.MIN_TERM_YEARS
        self.fields["typed_name"].help_text = _(
            "Exactly as the association knows you: %(name)s."
        ) % {"name": signer.display_name if signer else ""}
        self.signer = signer
        if not first_signer:
            for name in ("goals", "contact_cadence", "planned_term_years"):
                del self.fields[name]

    def clean_typed_name(self):
        """The service's rule, checked here too so the error sits at the field."""
        typed = self.cleaned_data["typed_name"].strip()
        problem = self.signer and signature_problem(self.signer, typed)
        if problem:
            raise forms.ValidationError(problem)
        return typed

    def terms(self):
        """What the service takes besides the signature."""
        return {
            "goals": self.cleaned_data.get("goals"),
            "contact_cadence": self.cleaned_data.get("contact_cadence"),
            "years": self.cleaned_data.get("planned_term_years"),
        }


class ContactForm(forms.ModelForm):
    class Meta:
        model = ContactLog
        fields = ["date", "method", "notes"]
        labels = {
            "date": _("When"),
            "method": _("How"),
            "notes": _("Notes (only the two of you see them)"),
        }
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "method": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate
        self.fields["method"].choices = ContactMethod.choices
        limit_length(self.fields["notes"])


class EndEarlyForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the partnership ends"),
        help_text=_("The other party and the programme coordinator see it."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class MentorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, member):
        return member.display_name


class NominationForm(forms.Form):
    """A nomination for the Best Mentor of the Year: whom, and why."""

    nominee = MentorChoiceField(
        queryset=Member.objects.none(),
        label=_("Mentor you nominate"),
        empty_label=None,
        error_messages={"invalid_choice": _("Please choose one of the mentors.")},
    )
    statement = forms.CharField(
        label=_("Why this mentor deserves the award"),
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, cycle, nominator, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        self.nominator = nominator
        field = self.fields["nominee"]
        if cycle.nominee_rule == NomineeRule.OWN_MENTORS:
            field.widget = forms.RadioSelect()
        else:
            field.empty_label = _("Choose a mentor")
        field.queryset = eligible_nominees(cycle, nominator)
        statement = self.fields["statement"]
        statement.help_text = _(
            "Between %(min)d and %(max)d characters: what they did for you, and "
            "how it shaped your training or career. Only programme staff read it."
        ) % {"min": cycle.statement_min_length, "max": cycle.statement_max_length}
        # No ``maxlength``: a browser would cut a pasted statement silently;
        # the server says how long it is instead.

    def clean_nominee(self):
        nominee = self.cleaned_data["nominee"]
        problem = nominee_problem(self.cycle, self.nominator, nominee)
        if problem:
            raise forms.ValidationError(problem)
        return nominee

    def clean_statement(self):
        statement = self.cleaned_data["statement"]
        problem = statement_problem(self.cycle, statement)
        if problem:
            raise forms.ValidationError(problem)
        return statement.strip()


class VoteForm(forms.Form):
    nominee = MentorChoiceField(
        queryset=Member.objects.none(),
        label=_("Your vote for the Best Mentor of the Year"),
        empty_label=None,
        widget=forms.RadioSelect,
        help_text=_("You vote once, and cannot change it afterwards."),
        error_messages={
            "required": _("Please choose a mentor."),
            "invalid_choice": _("Please choose a mentor on the ballot."),
        },
    )

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].queryset = shortlisted_mentors(cycle)


class OutcomeForm(forms.ModelForm):
    """A mentee's outcomes, as they record them; the service's rules decide
    (``outcome_problems``), said beside the field they are about."""

    class Meta:
        from .models import Outcome

        model = Outcome
        fields = [
            "abnm_exam_passed_year",
            "first_position",
            "publications",
            "presentations",
        ]
        labels = {
            "abnm_exam_passed_year": _("Year you passed the ABNM qualifying exam"),
            "publications": _("Publications"),
            "presentations": _("Presentations"),
        }
        help_texts = {
            "first_position": _("Where you worked first after training."),
            "publications": _("Papers, chapters and abstracts published so far."),
            "presentations": _("Talks and posters at meetings so far."),
        }
        widgets = {
            "abnm_exam_passed_year": forms.NumberInput(
                attrs={"inputmode": "numeric", "autocomplete": "off"}
            ),
        }

    def clean(self):
        from .services.outcomes import outcome_problems

        cleaned = super().clean()
        for field, problem in outcome_problems(cleaned).items():
            if field not in self.errors:
                self.add_error(field, problem)
        return cleaned

    def values(self):
        """What ``record_outcome`` takes from the valid form."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class FeedbackForm(forms.Form):
    """One party's feedback, asked in the words of their question
    (``feedback.QUESTIONS``); the service's rules decide
    (``feedback_problems``), said beside the field they are about."""

    rating = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect)
    comments = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 5}), strip=True
    )
    goals_met = forms.ChoiceField(widget=forms.RadioSelect)
    would_recommend = forms.TypedChoiceField(
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, question, **kwargs):
        from .models import GoalsMet
        from .models.feedback import RATING_MAX, RATING_MIN

        super().__init__(*args, **kwargs)
        self.question = question
        rating = self.fields["rating"]
        rating.label = question.rating
        rating.choices = [
            (
                value,
                f"{value} – {question.low}"
                if value == RATING_MIN
                else f"{value} – {question.high}"
                if value == RATING_MAX
                else str(value),
            )
            for value in range(RATING_MIN, RATING_MAX + 1)
        ]
        rating.error_messages["required"] = _("Choose a rating from 1 to 5.")
        comments = self.fields["comments"]
        limit_length(comments)
        comments.label = question.comments
        comments.help_text = question.comments_help
        comments.required = question.comments_required
        comments.error_messages["required"] = _(
            "Write a few words on your mentee's progress: it is what they will read."
        )
        if question.end_of_term:
            self.fields["goals_met"].label = _("Were the goals of your agreement met?")
            self.fields["goals_met"].choices = GoalsMet.choices
            self.fields["goals_met"].error_messages["required"] = _(
                "Say whether the goals of your agreement were met."
            )
            self.fields["would_recommend"].label = _(
                "Would you recommend the programme to a colleague?"
            )
            self.fields["would_recommend"].error_messages["required"] = _(
                "Say whether you would recommend the programme."
            )
        else:
            del self.fields["goals_met"]
            del self.fields["would_recommend"]

    def clean(self):
        from .services.feedback import feedback_problems

        cleaned = super().clean()
        for field, problem in feedback_problems(cleaned, self.question).items():
            if field not in self.errors:
                self.add_error(field, problem)
        return cleaned
