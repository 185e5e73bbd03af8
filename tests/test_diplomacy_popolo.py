"""Popolo export and import: the export is valid against the Popolo 1.0.1
JSON Schemas (draft 3, read from ../shared/data/popolo), re-imports into an
empty database as the same record, and a broken file is refused whole."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from jsonschema import Draft3Validator
from referencing import Registry
from referencing.jsonschema import DRAFT3

from reprisals.diplomacy import models
from reprisals.diplomacy.importing.common import ensure_source
from reprisals.diplomacy.importing.hrc import import_hrc_votes
from reprisals.diplomacy.importing.popolo import import_popolo
from reprisals.diplomacy.importing.unga import import_unga_votes
from reprisals.diplomacy.popolo import write_popolo
from reprisals.lib.problems import InputProblems
from tests.diplomacy_data import fingerprint, shared_dataset, write_ga, write_hrc

pytestmark = pytest.mark.django_db
TOP_LEVEL = {"organizations": "organization.json", "areas": "area.json",
             "motions": "motion.json", "vote_events": "vote_event.json"}  # fmt: skip


@pytest.fixture
def validators():
    folder = shared_dataset("popolo")
    schemas = {path.name: json.loads(path.read_text()) for path in folder.glob("*.json")}
    registry = Registry().with_resources(
        (schema["id"].rstrip("#"), DRAFT3.create_resource(schema)) for schema in schemas.values()
    )
    return {name: Draft3Validator(schemas[name], registry=registry) for name in schemas}


@pytest.fixture
def record(tmp_path):
    """The small HRC and GA folders, and a count as a report gives it."""
    import_hrc_votes(write_hrc(tmp_path / "hrc"))
    import_unga_votes(write_ga(tmp_path / "ga"))
    report = ensure_source("seed", "report.pdf", url="https://example.org/report.pdf")
    event = models.VoteEvent.objects.get(identifier="A/HRC/RES/24/24")
    models.Count.objects.create(vote_event=event, option="yes", value=31, source=report, line=7)


def export(**options):
    stream = io.StringIO()
    write_popolo(stream, **options)
    return json.loads(stream.getvalue())


def errors_of(document, validators):
    return [
        f"{key}[{index}]: {error.message}"
        for key, schema in TOP_LEVEL.items()
        for index, item in enumerate(document[key])
        for error in validators[schema].iter_errors(item)
    ]


def test_the_export_is_valid_popolo(record, validators):
    document = export()
    assert errors_of(document, validators) == []
    assert {len(document[key]) for key in ("motions", "vote_events")} == {5}
    event = next(e for e in document["vote_events"] if e["identifier"] == "A/HRC/RES/24/24")
    assert event["counts"] == [{"option": "yes", "value": 31, "reprisals": {
        "note": "", "source": "seed/report.pdf", "line": 7}}]  # fmt: skip
    assert {vote["voter_id"]: vote["option"] for vote in event["votes"]} == {
        "state/AUT": "yes", "state/CHN": "abstain", "state/RUS": "no"}  # fmt: skip
    assert event["sources"] == [{"url": "https://github.com/tsujamin/unhrc-nominate",
                                 "note": "hrc_votes/resolutions.csv line 2"}]  # fmt: skip
    zanzibar = next(e for e in document["vote_events"] if e["identifier"] == "rcid:874")
    # Sorted by State, an entity without one first on either database.
    first = zanzibar["votes"][0]
    assert (first["voter_id"], first["voter"], first["option"]) == (
        None, {"name": "Zanzibar"}, "abstain")  # fmt: skip
    china = next(o for o in document["organizations"] if o["id"] == "state/CHN")
    assert china["identifiers"] == [{"scheme": "ISO 3166-1 alpha-3", "identifier": "CHN"}]


def test_the_validation_would_catch_an_invalid_export(record, validators):
    document = export()
    document["vote_events"][0]["counts"] = [{"option": "yes", "value": "31"}]
    document["motions"][0]["sources"] = [{"note": "no url"}]
    assert errors_of(document, validators) == [
        "motions[0]: 'url' is a required property",
        "vote_events[0]: '31' is not of type 'integer'",
    ]


def test_the_real_hrc_record_exports_as_valid_popolo(validators):
    import_hrc_votes(shared_dataset("hrc_votes"))
    document = export(body="HRC")
    assert len(document["vote_events"]) == 974
    assert sum(len(event["votes"]) for event in document["vote_events"]) == 45387
    assert errors_of(document, validators) == []


def empty_the_record():
    for model in (models.Vote, models.Count, models.ThemeTag, models.Membership,
                  models.VoteEvent, models.Motion, models.Document, models.Theme):  # fmt: skip
        model.objects.all().delete()


def test_an_export_reimported_into_an_empty_record_exports_the_same(record, tmp_path):
    before = export()
    path = tmp_path / "record.json"
    path.write_text(json.dumps(before))
    empty_the_record()
    tally = import_popolo(path)
    assert tally.created["vote"] == 13 and tally.created["count"] == 1
    assert export() == before
    fixed = fingerprint()
    assert not import_popolo(path).changed
    assert fingerprint() == fixed


def test_reimporting_into_the_same_record_changes_nothing(record, tmp_path):
    path = tmp_path / "record.json"
    call_command("export_popolo", output=str(path))
    fixed = fingerprint()
    tally = import_popolo(path)
    assert not tally.changed
    # The only new row: the file itself, as the source of what it may add.
    assert fingerprint()["Source"] != fixed["Source"]
    assert {k: v for k, v in fingerprint().items() if k != "Source"} == {
        k: v for k, v in fixed.items() if k != "Source"}  # fmt: skip


FOREIGN = {
    "organizations": [
        {"id": "un-hrc", "name": "Human Rights Council", "classification": "un body",
         "identifiers": [{"scheme": "reprisals body", "identifier": "HRC"}]},
        {"id": "cn", "name": "China", "classification": "state",
         "identifiers": [{"scheme": "ISO 3166-1 alpha-3", "identifier": "CHN"}]},
        {"id": "party", "name": "A party", "classification": "party"},
    ],
    "motions": [{"id": "m1", "organization_id": "un-hrc", "classification": "point_of_order",
                 "text": "Point of order on a moment of silence"}],
    "vote_events": [{"id": "v1", "motion_id": "m1", "organization_id": "un-hrc",
                     "start_date": "2014-03-20T15:00:00Z", "result": "pass",
                     "counts": [{"option": "yes", "value": 13}, {"option": "no", "value": 20}],
                     "votes": [{"voter_id": "cn", "option": "yes"}]}],
}  # fmt: skip


def test_it_imports_another_tools_popolo_as_far_as_it_maps(tmp_path):
    path = tmp_path / "other.json"
    path.write_text(json.dumps(FOREIGN))
    import_popolo(path)
    event = models.VoteEvent.objects.get(identifier="m1")
    assert (event.result, str(event.date), event.motion.classification) == (
        "adopted", "2014-03-20", "point_of_order")
    assert event.source.dataset == "popolo" and event.source.file == "other.json"
    assert {c.option: c.value for c in event.counts.all()} == {"yes": 13, "no": 20}
    vote = event.votes.get()
    assert (vote.state.iso3, vote.option, vote.raw) == ("CHN", "yes", "yes")


def broken(change):
    document = json.loads(json.dumps(FOREIGN))
    change(document)
    return json.dumps(document)


BROKEN = {
    "not JSON": ('{"motions": [}', "line 1: not valid JSON"),
    "unknown option": (
        broken(lambda d: d["vote_events"][0]["votes"][0].update(option="maybe")),
        "field vote_events[0].votes[0].option: 'maybe' is not one of yes, no, abstain",
    ),
    "unknown voter": (
        broken(lambda d: d["vote_events"][0]["votes"][0].update(voter_id="party")),
        "field vote_events[0].votes[0].voter_id: 'party' is not a State of the file",
    ),
    "missing motion": (
        broken(lambda d: d["vote_events"][0].update(motion_id="m9")),
        "field vote_events[0].motion_id: 'm9' is not a motion of the file",
    ),
    "bad document symbol": (
        broken(lambda d: d["motions"][0].update(reprisals={"document": "A/HRC/RES/24"})),
        "field motions[0].reprisals.document: 'A/HRC/RES/24' is not a UN document symbol",
    ),
    "negative count": (
        broken(lambda d: d["vote_events"][0]["counts"][0].update(value=-1)),
        "field vote_events[0].counts[0].value: must be a whole number from 0",
    ),
    "bad date": (
        broken(lambda d: d["vote_events"][0].update(start_date="20 March 2014")),
        "field vote_events[0].start_date: '20 March 2014' is not a date",
    ),
    "unknown State": (
        broken(lambda d: d["organizations"][1]["identifiers"][0].update(identifier="XXX")),
        "field organizations[1].identifiers: names no state we know by ISO 3166-1 alpha-3",
    ),
    "not an object": ("[]", "the file holds no JSON object"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_file_is_refused_whole_with_its_place(tmp_path, case):
    text, message = BROKEN[case]
    path = tmp_path / "broken.json"
    path.write_text(text)
    with pytest.raises(InputProblems) as caught:
        import_popolo(path)
    assert message in caught.value.report()
    assert not models.VoteEvent.objects.exists() and not models.Source.objects.exists()


def test_the_commands_write_and_read_a_file(record, tmp_path, capsys):
    call_command("export_popolo", body="HRC")
    document = json.loads(capsys.readouterr().out)
    assert {event["organization_id"] for event in document["vote_events"]} == {"body/HRC"}
    path = tmp_path / "hrc.json"
    path.write_text(json.dumps(document))
    call_command("import_popolo", str(path))
    assert "vote: 0 new" in capsys.readouterr().out
    with pytest.raises(CommandError, match="No body with the code 'XX'"):
        call_command("export_popolo", body="XX")
