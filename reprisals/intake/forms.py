"""The public intake form: what a defender tells us, in plain words."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from reprisals.intake.models import ENGAGEMENT_CHOICES, Consent, Submission, Targeted
from reprisals.intake.uploads import clean_upload
from reprisals.lib.text import CheckedCharField
from reprisals.reference.models import State
from reprisals.reference.vocab import StateKind


def state_choices():
    """States in the visitor's language, by name; historical entities left out."""
    states = State.objects.exclude(kind=StateKind.HISTORICAL)
    named = sorted(((s.iso3, s.name) for s in states), key=lambda choice: choice[1].casefold())
    return [("", _("— choose, or leave empty —")), *named]


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


def limit(name):
    return Submission._meta.get_field(name).max_length


class SubmissionForm(forms.Form):
    KEPT = ["what_happened", "happened_when", "state", "place", "targeted", "targeted_names",
            "engagement", "engagement_details", "contact", "consent"]  # fmt: skip

    what_happened = CheckedCharField(
        label=_("What happened?"),
        max_length=limit("what_happened"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "What was done, by whom, and how it is linked to the UN. Write in any language."
        ),
    )
    happened_when = CheckedCharField(
        label=_("When did it happen?"),
        required=False,
        max_length=limit("happened_when"),
        help_text=_("Even roughly, for example “March 2024” or “after the June session”."),
    )
    state = forms.ChoiceField(label=_("In which country?"), required=False, choices=state_choices)
    place = CheckedCharField(
        label=_("Where in that country?"),
        required=False,
        max_length=limit("place"),
        help_text=_("A town or a region, if you wish."),
    )
    targeted = forms.ChoiceField(
        label=_("Who was targeted?"),
        required=False,
        choices=Targeted.choices,
        widget=forms.RadioSelect,
    )
    targeted_names = CheckedCharField(
        label=_("Their name, or the group’s name"),
        required=False,
        max_length=limit("targeted_names"),
        help_text=_("Leave it empty if you prefer not to say."),
    )
    engagement = forms.ChoiceField(
        label=_("What was their link with the UN?"),
        required=False,
        choices=[("", _("— choose, or leave empty —")), *ENGAGEMENT_CHOICES],
    )
    engagement_details = CheckedCharField(
        label=_("More about that link"),
        required=False,
        max_length=limit("engagement_details"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example which UN body, session or expert, and when."),
    )
    contact = CheckedCharField(
        label=_("How can we reach you safely?"),
        required=False,
        max_length=limit("contact"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example a Signal number or an e-mail address that cannot be traced "
            "to you. Leave it empty if you do not want to be contacted; then we "
            "cannot ask you questions."
        ),
    )
    consent = forms.ChoiceField(
        label=_("May we publish this case?"),
        choices=Consent.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Nothing is published before our staff have checked it. If you change "
            "your mind, tell us and quote your receipt code."
        ),
    )
    files = MultipleFileField(
        label=_("Photos or screenshots"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # the labels are questions, in six languages
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _(
            "Up to %(count)s JPEG or PNG images, %(size)s each, %(total)s in all."
        ) % {
            "count": settings.INTAKE_MAX_FILES,
            "size": filesizeformat(settings.INTAKE_MAX_FILE_BYTES),
            "total": filesizeformat(settings.INTAKE_MAX_TOTAL_BYTES),
        }

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > settings.INTAKE_MAX_FILES:
            raise ValidationError(
                ngettext(
                    "Please send at most %(count)d file.",
                    "Please send at most %(count)d files.",
                    settings.INTAKE_MAX_FILES,
                )
                % {"count": settings.INTAKE_MAX_FILES}
            )
        if sum(f.size for f in files) > settings.INTAKE_MAX_TOTAL_BYTES:
            raise ValidationError(
                _(
                    "The files are larger than %(size)s altogether. Please send fewer or "
                    "smaller ones."
                ),
                params={"size": filesizeformat(settings.INTAKE_MAX_TOTAL_BYTES)},
            )
        problems, cleaned = [], []
        for uploaded in files:
            if uploaded.size > settings.INTAKE_MAX_FILE_BYTES:
                problems.append(
                    ValidationError(
                        _("“%(name)s” is larger than %(size)s."),
                        params={
                            "name": uploaded.name,
                            "size": filesizeformat(settings.INTAKE_MAX_FILE_BYTES),
                        },
                    )
                )
                continue
            try:
                cleaned.append(clean_upload(uploaded))
            except ValidationError as problem:
                problems.append(problem)
        if problems:
            raise ValidationError(problems)
        return cleaned
