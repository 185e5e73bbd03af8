"""The follow-up form of the back office (reporting.admin): one case in one
cycle; the form checks what goes together, the models check the values."""

from django import forms

from reprisals.cases.vocab import CaseStatus, InterventionKind, ResponseType
from reprisals.lib.dates import validate_approximate_date
from reprisals.lib.text import CheckedCharField
from reprisals.reference.models import Mechanism
from reprisals.reporting.models import validate_symbol

NONE = [("", "—")]
DATE_HELP = "YYYY-MM-DD, or YYYY-MM or YYYY when only that is known."


def _text(label, **kwargs):
    return CheckedCharField(label=label, required=False, **kwargs)


def _area(label, help_text=""):
    return CheckedCharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=help_text)  # fmt: skip


class FollowUpForm(forms.Form):
    paragraph = _text("Paragraph", max_length=60, help_text="E.g. 'annex II, para. 14'.")
    listed_under_symbol = _text(
        "Listed under symbol",
        max_length=60,
        validators=[validate_symbol],
        help_text="Only when it differs from the report's own symbol.",
    )
    information = _area("New information", "What is new about the case in this report.")
    action_kind = forms.ChoiceField(
        label="UN action", choices=NONE + InterventionKind.choices, required=False
    )
    action_mechanism = forms.ModelChoiceField(
        label="By", queryset=Mechanism.objects.all(), required=False
    )
    action_date = _text("Date of the action", validators=[validate_approximate_date],
                        help_text=DATE_HELP)  # fmt: skip
    action_reference = _text("Reference", max_length=100, help_text="Symbol or letter reference.")
    action_description = _area("What was done")
    response_type = forms.ChoiceField(
        label="State's response", choices=NONE + ResponseType.choices, required=False
    )
    response_date = _text("Date of the response", validators=[validate_approximate_date],
                          help_text=DATE_HELP)  # fmt: skip
    response_summary = _area("What the State said", "Quoted where possible.")
    status = forms.ChoiceField(
        label="New status", choices=[("", "— unchanged —")] + CaseStatus.choices, required=False
    )
    closure_reason = _area("Reason", "Why the case is resolved or closed.")

    def clean(self):
        data = super().clean()
        details = ("action_mechanism", "action_date", "action_reference", "action_description")
        if any(data.get(name) for name in details) and not data.get("action_kind"):
            self.add_error("action_kind", "Say what kind of action this was.")
        if (data.get("response_date") or data.get("response_summary")) and not data.get(
            "response_type"
        ):
            self.add_error("response_type", "Say how the State responded.")
        closing = data.get("status") in (CaseStatus.RESOLVED, CaseStatus.CLOSED)
        if closing and not data.get("closure_reason", "").strip():
            self.add_error("closure_reason", "Say why the case is resolved or closed.")
        return data

    def follow_up(self):
        """The keyword arguments of followup.record_follow_up."""
        data = self.cleaned_data
        action = response = None
        if data["action_kind"]:
            action = {"kind": data["action_kind"], "mechanism": data["action_mechanism"],
                      "date": data["action_date"], "reference": data["action_reference"],
                      "description": data["action_description"]}  # fmt: skip
        if data["response_type"]:
            response = {"type": data["response_type"], "date": data["response_date"],
                        "summary": data["response_summary"]}  # fmt: skip
        mention = {"paragraph": data["paragraph"], "note": data["information"],
                   "listed_under_symbol": data["listed_under_symbol"]}  # fmt: skip
        return {"mention": mention, "action": action, "response": response,
                "status": data["status"], "reason": data["closure_reason"]}  # fmt: skip
