"""The JSON importer (reprisals/cases/importer.py) and the import_cases command.

An import is all or nothing, says where each problem is, and changes nothing
when the same file is imported again. `table_counts()` is shared with
test_demo.py.
"""

import json
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from reprisals.audit.models import AuditEntry
from reprisals.cases import services
from reprisals.cases.importer import import_cases, load_file
from reprisals.cases.models import Act, Case, Citation, GovernmentResponse, Person
from reprisals.lib.problems import InputProblems
from reprisals.reference.models import Body, Mechanism, State
from reprisals.vault.blind import key_token
from tests.factories import CaseFactory, EngagementFactory, MechanismFactory

CASE = "cases[0] 2020-CHN-001"


def table_counts():
    """Rows per model (link tables included) of the cases, reference and accounts apps.

    The audit trail is left out: it grows with every import, by design.
    """
    return {
        model._meta.label: model._default_manager.count()
        for label in ("cases", "reference", "accounts")
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }


def cite(locator, source="ngo-report"):
    return [{"source": source, "locator": locator}]


def document():
    """A small, valid document: one of everything, each fact with its source."""
    return {
        "format": "reprisals-cases/1",
        "sources": [
            {
                "key": "ngo-report",
                "title": "Reprisals against defenders, annual report",
                "kind": "ngo_report",
                "reliability": "high",
            }
        ],
        "mechanisms": [
            {
                "key": "sr-test",
                "name": "Special Rapporteur on testing",
                "kind": "special_procedure",
                "body": "HRC",
            }
        ],
        "persons": [
            {
                "key": "li-wei",
                "name": "Li Wei",
                "gender": "male",
                "consent": {
                    "level": "named",
                    "basis": "written",
                    "obtained_on": "2020-05-02",
                    "obtained_by": "Intake officer",
                },
                "sources": cite("p. 3"),
            }
        ],
        "cases": [
            {
                "code": "2020-CHN-001",
                "state": "CHN",
                "status": "open",
                "opened_on": "2020-03",
                "title": "Li Wei detained after meeting the Special Rapporteur",
                "subjects": [{"person": "li-wei", "role": "targeted"}],
                "engagements": [
                    {
                        "key": "e1",
                        "mechanism": "sr-test",
                        "kind": "met_mandate_holder",
                        "date": "2020-03-10",
                        "sources": cite("§2, para. 1"),
                    }
                ],
                "acts": [
                    {
                        "type": "arbitrary_detention",
                        "date": "2020-04",
                        "engagement": "e1",
                        "perpetrator_type": "police",
                        "sources": cite("§2, para. 4"),
                    }
                ],
                "interventions": [
                    {
                        "key": "i1",
                        "kind": "communication",
                        "mechanism": "sr-test",
                        "date": "2020-05",
                        "reference": "AL CHN 4/2020",
                        "sources": cite("annex, p. 12"),
                    }
                ],
                "responses": [
                    {
                        "type": "lawful_investigation",
                        "date": "2020-07",
                        "intervention": "i1",
                        "summary": "A lawful investigation under domestic law.",
                        "sources": cite("annex, p. 13"),
                    }
                ],
                "sources": cite("§2"),
            }
        ],
    }


def problems_of(data, team):
    """The problems an import reports; checks that it saved nothing."""
    before = table_counts()
    with pytest.raises(InputProblems) as raised:
        import_cases(data, team=team)
    assert table_counts() == before, "a rejected import left records behind"
    return raised.value.problems


def write(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# -- a sound document --------------------------------------------------------


def test_it_creates_exactly_the_records_of_the_document(team):
    before = table_counts()

    counts = import_cases(document(), team=team)

    assert counts == {
        "cases": 1, "persons": 1, "organizations": 0, "sources": 1, "new shared mechanisms": 1
    }  # fmt: skip
    added = {label: n - before[label] for label, n in table_counts().items() if n != before[label]}
    assert added == {
        "reference.Mechanism": 1,
        "cases.Source": 1,
        "cases.Person": 1,
        "cases.Consent": 1,
        "cases.Case": 1,
        "cases.CaseSubject": 1,
        "cases.Engagement": 1,
        "cases.Act": 1,
        "cases.Intervention": 1,
        "cases.GovernmentResponse": 1,
        "cases.Citation": 6,
    }


def test_it_links_facts_and_keeps_their_citations(team):
    import_cases(document(), team=team)

    case = Case.objects.get(code="2020-CHN-001")
    assert (case.team, case.state.iso3, case.opened_on) == (team, "CHN", "2020-03")
    person = Person.objects.get(key=key_token("li-wei"))
    assert person.team == team
    assert person.current_consent().level == "named"
    assert [link.subject for link in case.subjects.all()] == [person]
    act = Act.objects.get(case=case)
    assert act.engagement == case.engagements.get()
    assert act.engagement.mechanism.body.code == "HRC"
    response = GovernmentResponse.objects.get(case=case)
    assert response.intervention.reference == "AL CHN 4/2020"

    def locators(**fact):
        """(source key, locator) pairs; the stored key is the import key's digest."""
        keys = {key_token("ngo-report"): "ngo-report"}
        return [(keys[c.source.key], c.locator) for c in Citation.objects.filter(**fact)]

    assert locators(case=case) == [("ngo-report", "§2")]
    assert locators(person=person) == [("ngo-report", "p. 3")]
    assert locators(engagement=act.engagement) == [("ngo-report", "§2, para. 1")]
    assert locators(act=act) == [("ngo-report", "§2, para. 4")]
    assert locators(intervention=response.intervention) == [("ngo-report", "annex, p. 12")]
    assert locators(response=response) == [("ngo-report", "annex, p. 13")]


def test_it_changes_nothing_when_the_same_document_is_imported_again(team):
    import_cases(document(), team=team)
    case_pk = Case.objects.get(code="2020-CHN-001").pk
    before = table_counts()

    import_cases(document(), team=team)

    assert table_counts() == before
    assert Case.objects.get(code="2020-CHN-001").pk == case_pk


# -- bad input: every problem named with its place, nothing saved -------------


def set_in(path, value):
    """A change to the document: set (or, with value None, delete) doc[path...]."""

    def change(doc):
        *parents, last = path
        target = doc
        for step in parents:
            target = target[step]
        if value is None:
            del target[last]
        else:
            target[last] = value
        return doc

    return change


def duplicate_case(doc):
    doc["cases"].append(doc["cases"][0])
    return doc


BAD_INPUT = {
    "missing opened_on": (
        set_in(["cases", 0, "opened_on"], None),
        f"{CASE} › opened_on",
        "cannot be blank",
    ),
    "malformed date": (
        set_in(["cases", 0, "opened_on"], "2020-13"),
        f"{CASE} › opened_on",
        "'2020-13' is not a real date",
    ),
    "unknown State": (
        set_in(["cases", 0, "state"], "XYZ"),
        f"{CASE} › state",
        "unknown State code 'XYZ'",
    ),
    "duplicate code": (
        duplicate_case,
        "cases[1] › code",
        "'2020-CHN-001' appears twice in this file",
    ),
    "ISO code differs from the State": (
        set_in(["cases", 0, "state"], "RUS"),
        f"{CASE} › code",
        "The code says CHN but the State concerned is RUS",
    ),
    "unknown act type": (
        set_in(["cases", 0, "acts", 0, "type"], "flogging"),
        f"{CASE} › acts[0] › type",
        "'flogging' is not a valid choice",
    ),
    "undefined person": (
        set_in(["cases", 0, "subjects", 0, "person"], "nobody"),
        f"{CASE} › subjects[0]",
        "no person with key 'nobody' is defined in this file",
    ),
    "undefined source": (
        set_in(["cases", 0, "acts", 0, "sources", 0, "source"], "hearsay"),
        f"{CASE} › acts[0] › sources[0]",
        "no source with key 'hearsay' is defined in this file",
    ),
    "undefined engagement": (
        set_in(["cases", 0, "acts", 0, "engagement"], "e9"),
        f"{CASE} › acts[0] › engagement",
        "no engagement with key 'e9' is defined in this file",
    ),
    "unknown field": (
        set_in(["cases", 0, "victim"], "Li Wei"),
        CASE,
        "unknown field(s): victim",
    ),
    "wrong format": (
        set_in(["format"], "reprisals-cases/2"),
        "format",
        '"format": "reprisals-cases/1"',
    ),
}


@pytest.mark.parametrize("change, place, message", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_it_names_the_place_of_a_problem_and_saves_nothing(team, change, place, message):
    problems = problems_of(change(document()), team)

    assert any(where == place and message in text for where, text in problems), problems


def test_it_refuses_a_code_of_another_teams_case(team, other_team):
    CaseFactory(team=other_team, code="2020-CHN-001")

    problems = problems_of(document(), team)

    assert (f"{CASE} › code", "'2020-CHN-001' is a case of another team") in problems
    assert Case.objects.get(code="2020-CHN-001").team == other_team


def test_it_reports_several_problems_at_once(team):
    doc = document()
    doc["comment"] = "draft"
    doc["persons"][0]["sources"][0]["source"] = "hearsay"
    doc["cases"][0]["acts"][0]["type"] = "flogging"

    problems = problems_of(doc, team)

    places = [where for where, _ in problems]
    assert "document" in places
    assert "persons[0] › sources[0]" in places
    assert f"{CASE} › acts[0] › type" in places
    assert len(problems) == 3


def test_it_does_not_call_cases_without_a_code_duplicates(team):
    doc = document()
    del doc["cases"][0]["code"]
    doc["cases"].append(dict(doc["cases"][0], title="Another case"))

    problems = problems_of(doc, team)

    assert "cases[1] › code" in [where for where, _ in problems]
    assert not [text for _, text in problems if "appears twice" in text], problems


def test_it_reports_a_malformed_act_date_once(team):
    doc = set_in(["cases", 0, "acts", 0, "date"], "2020-13")(document())

    assert problems_of(doc, team) == [
        (f"{CASE} › acts[0] › date", "'2020-13' is not a real date (month must be in 1..12)")
    ]


def test_its_report_counts_the_problems_and_says_nothing_was_imported(team):
    doc = set_in(["cases", 0, "state"], "XYZ")(document())

    with pytest.raises(InputProblems) as raised:
        import_cases(doc, team=team, source_name="cases.json")

    assert str(raised.value).splitlines() == [
        "cases.json: 1 problem(s); nothing was imported.",
        f"cases.json: {CASE} › state: unknown State code 'XYZ': "
        "use an ISO 3166-1 alpha-3 code such as CHN",
    ]


# -- shared mechanisms: a team's file refers to them, never changes them ----------


def mechanism_of_another_team(other_team):
    """sr-test as the document states it, on a case of another team."""
    mechanism = MechanismFactory(
        key="sr-test",
        name="Special Rapporteur on testing",
        kind="special_procedure",
        body=Body.objects.get(code="HRC"),
    )
    EngagementFactory(case=CaseFactory(team=other_team, code="2019-CHN-900"), mechanism=mechanism)
    return mechanism


def everything():
    """Rows per table, the values of every shared record, and the audit trail's length."""
    shared = [list(model.objects.order_by("pk").values()) for model in (Mechanism, Body, State)]
    return table_counts(), shared, AuditEntry.objects.count()


# The fields a file states of a mechanism, each changed as an attacker would.
CHANGES_TO_A_SHARED_MECHANISM = {
    "name": "Special Rapporteur on Li Wei",
    "kind": "treaty_body",
    "body": "GA",
}


@pytest.mark.parametrize("field, value", CHANGES_TO_A_SHARED_MECHANISM.items())
def test_it_refuses_a_file_that_changes_a_shared_mechanism(team, other_team, field, value):
    mechanism_of_another_team(other_team)
    before = everything()
    doc = set_in(["mechanisms", 0, field], value)(document())

    with pytest.raises(InputProblems) as raised:
        import_cases(doc, team=team, source_name="cases.json")

    assert everything() == before, "a rejected import changed something"
    [(where, message)] = raised.value.problems
    assert where == f"mechanisms[0] › {field}"
    assert "'sr-test'" in message and "shared by all teams" in message
    assert f"cases.json: mechanisms[0] › {field}: mechanism 'sr-test'" in str(raised.value)
    assert value not in str(raised.value)  # the file's value is not echoed


def test_it_refuses_a_shared_mechanism_stated_without_its_body(team, other_team):
    mechanism_of_another_team(other_team)
    doc = set_in(["mechanisms", 0, "body"], None)(document())

    problems = problems_of(doc, team)

    assert [where for where, _ in problems] == ["mechanisms[0] › body"]
    assert Mechanism.objects.get(key="sr-test").body.code == "HRC"


def test_it_refuses_a_key_stated_twice_with_different_names(team):
    doc = document()
    doc["mechanisms"].append(dict(doc["mechanisms"][0], name="Special Rapporteur on Li Wei"))

    problems = problems_of(doc, team)

    assert [where for where, _ in problems] == ["mechanisms[1] › name"]
    assert not Mechanism.objects.filter(key="sr-test").exists()


def test_it_refers_to_a_shared_mechanism_stated_as_it_is(team, other_team):
    mechanism = mechanism_of_another_team(other_team)
    _, shared, _ = everything()

    counts = import_cases(document(), team=team)

    assert counts["new shared mechanisms"] == 0
    assert everything()[1] == shared
    case = Case.objects.get(code="2020-CHN-001")
    assert case.engagements.get().mechanism == mechanism


def test_it_refers_to_a_shared_mechanism_by_its_key_alone(team, other_team):
    mechanism = mechanism_of_another_team(other_team)
    doc = document()
    del doc["mechanisms"]

    import_cases(doc, team=team)

    assert Case.objects.get(code="2020-CHN-001").engagements.get().mechanism == mechanism


def test_it_writes_nothing_to_a_shared_mechanism_when_imported_again(team):
    import_cases(document(), team=team)
    before = everything()

    counts = import_cases(document(), team=team)

    assert counts["new shared mechanisms"] == 0
    assert everything()[:2] == before[:2]
    audited = AuditEntry.objects.filter(model="reference.mechanism").values_list("action")
    assert list(audited) == [("add",)]  # its creation, once


# -- files ---------------------------------------------------------------------


def test_it_loads_a_file(team, tmp_path):
    path = write(tmp_path / "cases.json", document())

    assert load_file(path, team=team)["cases"] == 1
    assert Case.objects.filter(code="2020-CHN-001", team=team).exists()


def test_it_reports_the_line_and_column_of_broken_json(team, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "reprisals-cases/1",\n "cases": [,]}\n', encoding="utf-8")

    with pytest.raises(InputProblems) as raised:
        load_file(path, team=team)

    assert raised.value.problems == [("line 2, column 12", "not valid JSON: Expecting value")]
    assert str(path) in str(raised.value)


def test_it_reports_a_file_that_is_not_utf8(team, tmp_path):
    doc = document()
    doc["persons"][0]["name"] = "José Martí"
    path = tmp_path / "latin1.json"
    path.write_bytes(json.dumps(doc, ensure_ascii=False).encode("latin-1"))

    with pytest.raises(InputProblems) as raised:
        load_file(path, team=team)

    [(where, message)] = raised.value.problems
    assert where == "encoding"
    assert "not UTF-8" in message
    assert not Person.objects.exists()


def test_it_never_revives_a_withdrawn_consent(team, documenter, tmp_path):
    path = write(tmp_path / "cases.json", document())
    load_file(path, team=team)
    person = Person.objects.get(key=key_token("li-wei"))
    services.withdraw_consent(person, actor=documenter)

    load_file(path, team=team)

    consent = person.current_consent()
    assert consent.withdrawn_at is not None
    assert consent.allows_publication is False
    assert person.consents.count() == 1


# -- the management command ------------------------------------------------------


def test_the_command_imports_and_prints_counts(team, tmp_path):
    path = write(tmp_path / "cases.json", document())
    out = StringIO()

    call_command("import_cases", str(path), team=team.name, stdout=out)

    assert out.getvalue().strip() == (
        "1 cases, 1 persons, 0 organizations, 1 sources imported. 1 new shared mechanism(s) "
        "created: every team sees and may choose them; only an administrator may change them."
    )
    assert Case.objects.filter(code="2020-CHN-001", team=team).exists()

    again = StringIO()
    call_command("import_cases", str(path), team=team.name, stdout=again)
    assert again.getvalue().strip() == "1 cases, 1 persons, 0 organizations, 1 sources imported."


def test_the_command_refuses_a_file_that_renames_a_shared_mechanism(team, other_team, tmp_path):
    mechanism_of_another_team(other_team)
    renamed = set_in(["mechanisms", 0, "name"], "Special Rapporteur on Li Wei")(document())
    path = write(tmp_path / "renaming.json", renamed)
    before = everything()

    with pytest.raises(CommandError) as raised:
        call_command("import_cases", str(path), team=team.name, stdout=StringIO())

    assert f"{path}: mechanisms[0] › name: mechanism 'sr-test'" in str(raised.value)
    assert "nothing was imported" in str(raised.value)
    assert everything() == before


def test_the_command_reports_the_file_and_the_place_of_a_problem(team, tmp_path):
    bad = set_in(["cases", 0, "acts", 0, "type"], "flogging")(document())
    path = write(tmp_path / "bad-cases.json", bad)
    before = table_counts()

    with pytest.raises(CommandError) as raised:
        call_command("import_cases", str(path), team=team.name, stdout=StringIO())

    assert "bad-cases.json" in str(raised.value)
    assert f"{CASE} › acts[0] › type" in str(raised.value)
    assert table_counts() == before


def test_the_command_refuses_an_unknown_team(db, tmp_path):
    path = write(tmp_path / "cases.json", document())

    with pytest.raises(CommandError, match="No team named 'Nobody'"):
        call_command("import_cases", str(path), team="Nobody", stdout=StringIO())
    assert not Case.objects.exists()
