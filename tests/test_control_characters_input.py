"""Control characters at every input (lib.text): the case and letter importer,
the diplomacy importers (HRC and GA CSV, Popolo JSON, the facts and history
files), the back office's forms, the API and the public intake form each
refuse a text holding one, naming the field and the position, and write
nothing; tab and line breaks pass where a text may hold lines, and CR LF is
stored as LF."""

import copy
import html
import json
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from reprisals.cases.importer import import_cases
from reprisals.cases.models import Case
from reprisals.communications.models import Communication
from reprisals.diplomacy import models as diplomacy
from reprisals.diplomacy.importing.facts import load_facts
from reprisals.diplomacy.importing.hrc import import_hrc_votes
from reprisals.diplomacy.importing.popolo import import_popolo
from reprisals.diplomacy.importing.unga import import_unga_votes
from reprisals.intake.forms import SubmissionForm
from reprisals.intake.models import Submission
from reprisals.lib.problems import InputProblems
from reprisals.lib.text import (
    TextValidator,
    allowed_pattern,
    normalise_newlines,
    printable,
    printable_utf8,
    refusal,
)
from reprisals.reporting.history import load_history
from reprisals.reporting.models import ReportingCycle, ReportMention
from tests.diplomacy_data import HRC_RESOLUTIONS, write_ga, write_hrc
from tests.factories import CaseFactory
from tests.fuzz import fuzz_settings
from tests.http import Session
from tests.intake_client import IntakeForm, a_report
from tests.test_backoffice import new_case_fields, post_case
from tests.test_importer import document, problems_of
from tests.two_factor import login_verified

# One character of each class the rule refuses, and the message it gets.
REFUSED = {
    "NUL": ("\x00", "control character U+0000"),
    "vertical tab (Word's line break)": ("\x0b", "control character U+000B"),
    "escape": ("\x1b", "control character U+001B"),
    "DEL": ("\x7f", "control character U+007F"),
    "C1 next line": ("\x85", "control character U+0085"),
    "C1 CSI": ("\x9b", "control character U+009B"),
    "right-to-left override": ("\u202e", "bidirectional control character U+202E"),
    "left-to-right embedding": ("\u202a", "bidirectional control character U+202A"),
    "first strong isolate": ("\u2068", "bidirectional control character U+2068"),
    "noncharacter FFFE": ("\ufffe", "invalid character U+FFFE"),
    "noncharacter FFFF": ("\uffff", "invalid character U+FFFF"),
    "unpaired surrogate": ("\ud800", "invalid character U+D800"),
}
# Browsers cannot send a lone surrogate (it has no UTF-8), nor CSV files hold one.
SENDABLE = {name: value for name, value in REFUSED.items() if name != "unpaired surrogate"}
BEFORE = "Detention of Mr X"  # the character comes next: position 18
AT = "at position 18; remove it"
ONE_LINE = "line break or tab (U+{:04X}) at position 18: this field holds one line"


def planted(character):
    return f"{BEFORE}{character} after the session"


# -- the rule ---------------------------------------------------------------------


@pytest.mark.parametrize("name", REFUSED)
def test_the_rule_refuses_each_class_with_its_position_and_output_replaces_it(name):
    character, message = REFUSED[name]
    for multiline in (True, False):
        assert str(refusal(planted(character), multiline=multiline)) == f"{message} {AT}"
    assert printable(planted(character)) == planted("\ufffd")


@pytest.mark.parametrize("character", ["\t", "\n", "\r"])
def test_tab_and_line_breaks_pass_in_multi_line_text_only(character):
    assert refusal(planted(character)) is None
    assert str(refusal(planted(character), multiline=False)).startswith(
        ONE_LINE.format(ord(character))
    )
    assert printable(planted(character)) == planted(character)


def test_direction_marks_and_other_scripts_pass():
    texts = ["Jiang Tianyong", "江天勇", "Долкун Иса", "الإبلاغ عن\u200f عمل", "a\u200eb", "🙂"]
    for text in texts:
        assert refusal(text, multiline=False) is None
        assert printable(text) == text


def test_cr_lf_and_lone_cr_become_lf():
    assert normalise_newlines("one\r\ntwo\rthree\n") == "one\ntwo\nthree\n"


@fuzz_settings(300)
@given(st.text(st.characters(exclude_categories=["Cs"])))
def test_the_byte_pass_over_pages_replaces_exactly_what_the_text_pass_does(text):
    assert printable_utf8(text.encode()) == printable(text).encode()


@fuzz_settings(300)
@given(st.text(st.characters(exclude_categories=["Cs"])), st.booleans())
def test_the_pattern_the_api_documents_is_the_rule(text, multiline):
    """fullmatch: `$` ends the text, as in JSON Schema (ECMA-262), not before a final LF."""
    pattern = re.compile(allowed_pattern(multiline=multiline))
    assert (pattern.fullmatch(text) is not None) == (refusal(text, multiline=multiline) is None)


# -- models: full_clean and every ModelForm -------------------------------------------


def test_every_text_field_of_every_model_carries_the_rule():
    """Single-line: CharFields and sealed fields declared single_line."""
    missing = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                multiline = isinstance(field, models.TextField) and not getattr(
                    field, "single_line", False
                )
                if TextValidator(multiline=multiline) not in field.validators:
                    missing.append(f"{model._meta.label}.{field.name}")
    assert not missing
    assert TextValidator(multiline=False) in Case._meta.get_field("public_title").validators
    assert TextValidator(multiline=True) in Case._meta.get_field("public_summary").validators


@pytest.mark.parametrize("name", REFUSED)
def test_full_clean_names_the_field_and_the_position(team, name):
    character, message = REFUSED[name]
    case = CaseFactory.build(team=team, code="2021-CHN-007", opened_on="2021",
                             public_summary=planted(character))  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        case.full_clean()
    assert refused.value.message_dict == {"public_summary": [f"{message} {AT}"]}


def test_a_multi_line_text_is_saved_with_lf_line_breaks(team):
    case = CaseFactory(team=team, code="2021-CHN-007", opened_on="2021",
                       public_summary="First line\r\n\tSecond line\rThird")  # fmt: skip
    case.refresh_from_db()
    assert case.public_summary == "First line\n\tSecond line\nThird"


# -- the case and letter importer -------------------------------------------------------

CASE = "cases[0] 2020-CHN-001"


def with_letter():
    data = document()
    data["communications"] = [{
        "reference": "UA CHN 1/2020", "type": "UA", "addressee": "CHN", "mandates": ["sr-test"],
        "cases": ["2020-CHN-001"], "sent_at": "2020-05-04T10:00:00+00:00",
        "subject": "Detention of Li Wei", "public_text": "The experts wrote about a detention.",
        "replies": [{"received_on": "2020-06-01", "response_type": "denied",
                     "public_text": "The Government denies it."}],
    }]  # fmt: skip
    return data


IMPORTED = {  # where in the document -> the place its problem is reported at
    ("cases", 0, "title"): f"{CASE} › title",
    ("cases", 0, "public_summary"): f"{CASE} › public_summary",
    ("persons", 0, "name"): "persons[0] › name",
    ("cases", 0, "acts", 0, "perpetrator"): f"{CASE} › acts[0] › perpetrator",
    ("communications", 0, "subject"): "communications[0] › subject",
    ("communications", 0, "replies", 0, "public_text"): "communications[0] › replies[0] › "
                                                        "public_text",
}  # fmt: skip


def put(data, path, value):
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


@pytest.mark.parametrize("name", REFUSED)
@pytest.mark.parametrize("path", IMPORTED)
def test_the_importer_refuses_each_class_at_its_place_and_saves_nothing(team, path, name):
    character, message = REFUSED[name]
    data = with_letter()
    put(data, path, planted(character))
    problems = problems_of(data, team)
    assert (IMPORTED[path], f"{message} {AT}") in problems
    assert not Communication.objects.exists()


def test_the_importer_refuses_a_tab_in_a_single_line_field(team):
    data = with_letter()
    put(data, ("cases", 0, "title"), planted("\t"))
    assert (f"{CASE} › title", ONE_LINE.format(9) + "; remove it") in problems_of(data, team)


def test_the_importer_keeps_tabs_and_lines_and_reads_cr_lf_as_lf(team):
    data = with_letter()
    put(data, ("cases", 0, "public_summary"), "Detained.\r\n\tHeld for ten days.\rReleased.")
    put(data, ("communications", 0, "replies", 0, "public_text"), "One.\r\nTwo.")
    import_cases(data, team=team)
    assert Case.objects.get().public_summary == "Detained.\n\tHeld for ten days.\nReleased."
    assert Communication.objects.get().replies.get().public_text == "One.\nTwo."


# -- the diplomacy importers ------------------------------------------------------------


def refused_report(run):
    with pytest.raises(InputProblems) as refused:
        run()
    assert not diplomacy.Document.objects.exists() and not diplomacy.Vote.objects.exists()
    assert not diplomacy.Source.objects.exists()
    return refused.value.report()


@pytest.mark.parametrize("name", SENDABLE)
def test_the_hrc_import_names_file_line_field_and_position(db, tmp_path, name):
    character, message = REFUSED[name]
    resolutions = HRC_RESOLUTIONS.replace("Cooperation with the UN :resolution",
                                          f"Cooperation{character} :resolution")  # fmt: skip
    report = refused_report(lambda: import_hrc_votes(
        write_hrc(tmp_path / "hrc", {"resolutions.csv": resolutions})))  # fmt: skip
    assert f"resolutions.csv, line 2, field summary: {message} at position 12; remove it" in report


def test_the_hrc_import_refuses_a_tab_in_a_one_line_field(db, tmp_path):
    votes = "resolution_name,country_short,vote\nA/HRC/RES/24/24,AUT,\tYES\n"
    report = refused_report(lambda: import_hrc_votes(write_hrc(tmp_path / "hrc",
                                                               {"votes.csv": votes})))  # fmt: skip
    assert "votes.csv, line 2, field vote: line break or tab (U+0009) at position 1" in report


def test_the_hrc_import_keeps_lines_in_a_summary_and_reads_cr_lf_as_lf(db, tmp_path):
    resolutions = HRC_RESOLUTIONS.replace('"Cooperation with the UN :resolution',
                                          '"Cooperation\r\n\twith the UN :resolution')  # fmt: skip
    import_hrc_votes(write_hrc(tmp_path / "hrc", {"resolutions.csv": resolutions}))
    motion = diplomacy.Motion.objects.get(identifier="A/HRC/RES/24/24")
    assert motion.title == "Cooperation\n\twith the UN"


@pytest.mark.parametrize("name", SENDABLE)
def test_the_ga_import_names_file_line_field_and_position(db, tmp_path, name):
    character, message = REFUSED[name]
    roll_calls = ("rcid,session,importantvote,date,unres,amend,para,short,descr\n"
                  f"6129,73.0,,2018-12-17,R/73/175,,,Moratorium{character},A/73/251\n")  # fmt: skip
    report = refused_report(
        lambda: import_unga_votes(
            write_ga(
                tmp_path / "ga",
                {
                    "roll_calls.csv": roll_calls,
                    "issues.csv": "rcid\n",
                    "unvotes.csv.gz": "rcid,country,country_code,vote\n",
                },
            )
        )
    )
    assert f"roll_calls.csv, line 2, field short: {message} at position 11; remove it" in report


def test_the_ga_import_reads_the_sources_backspaces_as_spaces(db, tmp_path):
    """The real roll_calls.csv has a backspace where its text extraction met
    a page break (eight roll calls): a documented slip, read as a space."""
    roll_calls = (
        "rcid,session,importantvote,date,unres,amend,para,short,descr\n"
        '6129,73.0,,2018-12-17,R/73/175,,,Moratorium,"16-45266\b15/37 A/71/PV.66"\n'
    )
    import_unga_votes(write_ga(tmp_path / "ga", {
        "roll_calls.csv": roll_calls, "issues.csv": "rcid,short_name,issue\n",
        "unvotes.csv.gz": "rcid,country,country_code,vote\n6129,China,CN,no\n"}))  # fmt: skip
    assert diplomacy.Motion.objects.get().text == "16-45266 15/37 A/71/PV.66"


POPOLO = {
    "organizations": [
        {"id": "un-hrc", "classification": "un body",
         "identifiers": [{"scheme": "reprisals body", "identifier": "HRC"}]},
        {"id": "cn", "classification": "state",
         "identifiers": [{"scheme": "ISO 3166-1 alpha-3", "identifier": "CHN"}]},
    ],
    "motions": [{"id": "m1", "organization_id": "un-hrc", "classification": "point_of_order",
                 "text": "Point of order", "reprisals": {"title": "A title"}}],
    "vote_events": [{"id": "v1", "motion_id": "m1", "organization_id": "un-hrc",
                     "start_date": "2014-03-20", "result": "pass",
                     "votes": [{"voter_id": "cn", "option": "yes"}]}],
}  # fmt: skip


@pytest.mark.parametrize("name", REFUSED)
def test_the_popolo_import_names_the_item_path_and_position(db, tmp_path, name):
    character, message = REFUSED[name]
    data = copy.deepcopy(POPOLO)
    data["motions"][0]["text"] = planted(character)
    path = tmp_path / "popolo.json"
    path.write_text(json.dumps(data), encoding="utf-8")  # a surrogate as a \u escape
    report = refused_report(lambda: import_popolo(path))
    assert f"field motions[0].text: {message} {AT}" in report


def test_the_popolo_import_keeps_lines_in_a_motion_text_only(db, tmp_path):
    data = copy.deepcopy(POPOLO)
    data["vote_events"][0]["identifier"] = "Point\tof order"
    path = tmp_path / "popolo.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    report = refused_report(lambda: import_popolo(path))
    assert "field vote_events[0].identifier: line break or tab (U+0009) at position 6" in report
    data = copy.deepcopy(POPOLO)
    data["motions"][0]["text"] = "Point\r\n\tof order"
    path.write_text(json.dumps(data), encoding="utf-8")
    import_popolo(path)
    assert diplomacy.Motion.objects.get().text == "Point\n\tof order"


def facts_document(character):
    return {
        "format": "reprisals-diplomacy-facts/1", "read_at": "2024-01-01T00:00:00+00:00",
        "sources": [{"key": "s", "dataset": "A report", "file": "p. 1", "note": ""}],
        "resolutions": [], "point_of_order": {}, "tables": [], "dissociations": [],
        "statements": [{"source": "s", "state": "CHN", "event": "ID", "date": "2020",
                        "language": "zh", "summary": planted(character), "text": "",
                        "source_url": "", "frames": []}],
    }  # fmt: skip


@pytest.mark.parametrize("name", REFUSED)
def test_the_facts_file_is_refused_with_the_item_path(db, tmp_path, name):
    character, message = REFUSED[name]
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(facts_document(character)), encoding="utf-8")
    report = refused_report(lambda: load_facts(path))
    assert f"facts.json: statements[0].summary: {message} {AT}" in report
    assert not diplomacy.Statement.objects.exists()


def test_the_history_file_is_refused_with_the_item_path(db, tmp_path):
    path = tmp_path / "history.json"
    history = {"format": "reprisals-history/1", "mentions": [], "pattern_designations": [],
               "published_aggregates": [],
               "cycles": [{"year": 2020, "symbol": "A/HRC/45/36", "title": planted("\t"),
                           "hrc_session": 45, "published_on": "2020-09", "source": "",
                           "period_start": None, "period_end": None}]}  # fmt: skip
    path.write_text(json.dumps(history), encoding="utf-8")
    with pytest.raises(InputProblems) as refused:
        load_history(path)
    assert "cycles[0].title: line break or tab (U+0009) at position 18" in refused.value.report()
    assert not ReportingCycle.objects.exists()


# -- the back office -------------------------------------------------------------------


@pytest.mark.parametrize("name", SENDABLE)
@pytest.mark.parametrize("field", ["title", "summary"])  # one line; several lines
def test_the_back_office_refuses_each_class_in_a_case_field(client, documenter, team, name,
                                                            field):  # fmt: skip
    """Django's own form field refuses NUL first, in its words."""
    character, message = REFUSED[name]
    login_verified(client, documenter)
    fields = new_case_fields(team, **{field: planted(character)})
    response = post_case(client, reverse("admin:cases_case_add"), fields)
    assert response.status_code == 200
    expected = "Null characters are not allowed." if character == "\x00" else f"{message} {AT}"
    assert response.context["adminform"].form.errors[field] == [expected]
    assert not Case.objects.exists()


def test_the_back_office_takes_a_text_areas_lines_and_refuses_a_tab_on_one_line(
    client, documenter, team
):
    login_verified(client, documenter)
    fields = new_case_fields(team, title=planted("\t"))
    response = post_case(client, reverse("admin:cases_case_add"), fields)
    assert response.context["adminform"].form.errors["title"] == [
        ONE_LINE.format(9) + "; remove it"
    ]
    fields = new_case_fields(team, summary="Detained.\r\n\tHeld.\r\nReleased.")
    assert post_case(client, reverse("admin:cases_case_add"), fields).status_code == 302
    assert Case.objects.get().summary == "Detained.\n\tHeld.\nReleased."


def test_the_back_office_refuses_it_in_a_shared_record_too(client, administrator):
    login_verified(client, administrator)
    response = client.post(
        reverse("admin:reference_mechanism_add"),
        {"key": "sr-x", "name": planted("\x1b"), "kind": "special_procedure"},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["name"] == [f"control character U+001B {AT}"]


def test_the_follow_up_form_refuses_it_at_the_field(client, team, documenter):
    """A plain form whose values the models check again: refused at the form's
    own field, never as a model error it has no field for."""
    from tests import reporting_data

    reporting_data.build(team)
    cycle = ReportingCycle.objects.create(year=2015, title="Report 2015")
    login_verified(client, documenter)
    url = reverse("admin:reporting_reportingcycle_follow_up_case", args=[cycle.pk, "2010-CHN-002"])
    response = client.post(url, {"information": planted("\x1b"), "paragraph": "para.\t7"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["information"] == [f"control character U+001B {AT}"]
    assert errors["paragraph"] == ["line break or tab (U+0009) at position 6: this field holds "
                                   "one line; remove it"]  # fmt: skip
    assert not ReportMention.objects.filter(cycle=cycle).exists()


# -- the API ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", SENDABLE)
def test_the_api_answers_422_in_its_one_error_shape_naming_the_parameter(client, db, name):
    character, message = REFUSED[name]
    response = client.get("/api/v1/cases", {"q": planted(character)})
    assert response.status_code == 422
    assert response.json() == {"error": {
        "status": 422, "code": "invalid", "message": "Some parameters are invalid; see 'fields'.",
        "fields": {"q": f"{message} {AT}"}}}  # fmt: skip


def test_the_api_refuses_a_tab_in_a_search_and_speaks_english(client, db):
    response = client.get("/api/v1/cases", {"q": planted("\t")},
                          headers={"accept-language": "fr"})  # fmt: skip
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"q": ONE_LINE.format(9) + "; remove it"}


def test_the_staff_api_refuses_it_in_its_one_error_shape_too(client, documenter):
    from reprisals.api.auth import issue_token

    _, token = issue_token(documenter, name="test", actor=None)
    response = client.get("/api/v1/staff/cases", {"state": "CH\x0b"},
                          headers={"authorization": f"Bearer {token}"})  # fmt: skip
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"state"}


# -- the intake form -------------------------------------------------------------------


@pytest.mark.parametrize("name", SENDABLE)
@pytest.mark.parametrize("field", ["what_happened", "place"])  # several lines; one line
def test_the_intake_form_refuses_each_class_in_french(db, name, field):
    from django.utils import translation

    character, _ = REFUSED[name]
    with translation.override("fr"):
        form = SubmissionForm(a_report(**{field: planted(character)}))
        assert not form.is_valid()
        [error] = form.errors[field]
    code = f"U+{ord(character):04X}"
    assert code in error and "à la position 18" in error and "supprimez-le" in error


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_report_sent_in_french_is_answered_in_french_and_nothing_is_stored(
    live_server, settings, tmp_path
):
    settings.UPLOADS_DIR = tmp_path / "uploads"
    settings.INTAKE_PROOF_BITS = 12
    form = IntakeForm(Session(live_server.url), headers={"Accept-Language": "fr"})
    form.open()
    status, _, page = form.post(a_report(what_happened=planted("\x0b")))
    assert status == 200
    message = "caractère de contrôle U+000B à la position 18 ; supprimez-le"
    assert message in html.unescape(page)
    assert not Submission.objects.exists()


def test_the_intake_form_takes_lines_and_tabs_in_a_text_area_only(db):
    form = SubmissionForm(a_report(what_happened="Police came.\r\n\tThey took my phone."))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["what_happened"] == "Police came.\n\tThey took my phone."
    form = SubmissionForm(a_report(place="Bei\tjing"))
    assert form.errors["place"] == ["line break or tab (U+0009) at position 4: this field holds "
                                    "one line; remove it"]  # fmt: skip
