"""Import cases from a JSON file in the `reprisals-cases/1` format.

The format is documented in reprisals/cases/README.md. An import is atomic:
every problem in the file is reported with its place (e.g.
`cases[2] 2019-CHN-003 › acts[0] › date`) and nothing is saved unless the
whole file is sound. It is idempotent: records are matched by their keys
(case code, person/organisation/source/mechanism key), and a case's own
details (subjects, engagements, acts, interventions, responses, sources)
are replaced by the file's, so importing the same file twice changes nothing.
Mechanisms are shared by every team: an import adds new ones but never
changes one on file (see import_mechanism).
"""

import json
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from reprisals.audit.log import record
from reprisals.cases import models
from reprisals.lib.problems import InputProblems, messages_of
from reprisals.lib.text import normalise_newlines, refusal
from reprisals.reference.models import Body, Mechanism, State
from reprisals.vault import blind
from reprisals.vault.models import SealedModel

FORMAT = "reprisals-cases/1"
ENGAGEMENT_FIELDS = ["mechanism", "kind", "date", "description"]
ACT_FIELDS = ["type", "date", "engagement", "perpetrator_type", "perpetrator", "legal_basis",
              "description"]  # fmt: skip
INTERVENTION_FIELDS = ["kind", "mechanism", "date", "reference", "description"]
RESPONSE_FIELDS = ["type", "date", "intervention", "summary"]
# Fields whose value is a list or an object; every other field is text, but for the flag.
NESTED = {"sources", "mechanisms", "organizations", "persons", "cases", "communications",
          "consent", "subjects", "engagements", "acts", "interventions", "responses",
          "mandates", "replies"}  # fmt: skip
FLAGS = {"confidential"}
# What a file states of a mechanism, all shown wherever a case names it.
SHARED_MECHANISM_FIELDS = ["name", "kind", "body"]


def value_problem(value, *, flag=False):
    """Why a JSON value cannot be stored in a text field (or, if `flag`, a true/false
    one); None if it can. Null is always allowed: each field says if it is required."""
    if value is None:
        return None
    if flag:
        return None if isinstance(value, bool) else "must be true or false"
    if not isinstance(value, str):
        kind = {bool: "true or false", list: "a list", dict: "an object"}.get(type(value))
        return f"must be text, not {kind or 'a number'}"
    # Tab and line breaks are allowed here; a single-line field refuses them
    # when the record is checked (full_clean, lib.text.TextValidator).
    return str(found) if (found := refusal(value)) else None


def stored_key(model, key):
    """Keys of team records may contain names (cao-shunli): only a keyed
    digest of them is stored (vault.blind). Reference data keeps its key."""
    return blind.key_token(key) if issubclass(model, SealedModel) else key


def load_file(path, *, team, actor=None):
    try:
        with open(path, encoding="utf-8") as handle:
            # Decimal reads a number of any length (int() refuses over 4,300
            # digits); the format has no numbers, so it is reported at its place.
            data = json.load(handle, parse_int=Decimal)
    except UnicodeDecodeError as error:
        raise InputProblems(
            path, [("encoding", f"the file is not UTF-8 ({error.reason})")]
        ) from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise InputProblems(path, [(where, f"not valid JSON: {error.msg}")]) from None
    except RecursionError:
        raise InputProblems(path, [("document", "nested too deeply to read")]) from None
    return import_cases(data, team=team, actor=actor, source_name=str(path))


def import_cases(data, *, team, actor=None, source_name="input"):
    """Import a parsed document; returns counts of what the file holds."""
    from reprisals.register.search import deferred_indexing

    importer = _Importer(team, actor)
    with transaction.atomic(), deferred_indexing():
        importer.run(data)
        if importer.problems:
            raise InputProblems(source_name, importer.problems)  # rolls everything back
    return importer.counts


class _Importer:
    def __init__(self, team, actor):
        self.team = team
        self.actor = actor
        self.problems = []
        self.counts = {"cases": 0, "persons": 0, "organizations": 0, "sources": 0,
                       "new shared mechanisms": 0}  # fmt: skip
        self.sources, self.mechanisms, self.persons, self.organizations = {}, {}, {}, {}
        self.models_by_table = {
            id(self.sources): models.Source,
            id(self.mechanisms): Mechanism,
            id(self.persons): models.Person,
            id(self.organizations): models.Organization,
        }

    # -- helpers -----------------------------------------------------------

    def problem(self, where, message):
        self.problems.append((where, message))

    def items(self, data, name, where=""):
        value = data.get(name, [])
        if not isinstance(value, list):
            self.problem(f"{where}{name}", "must be a list")
            return []
        return [(f"{where}{name}[{i}]", item) for i, item in enumerate(value)]

    def save(self, obj, where, *, exclude=(), commit=True):
        """Validate and save; report problems field by field instead of raising.

        With commit=False only validate (links to unsaved records excluded), so
        that the parts of an invalid case are checked and reported too.
        """
        if not commit:
            exclude = [*exclude, "case", "engagement", "intervention"]
        try:
            obj.full_clean(exclude=list(exclude), validate_unique=commit)
        except ValidationError as error:
            for field, message in messages_of(error):
                self.problem(f"{where} › {field}" if field else where, message)
            return None
        if commit:
            obj.save()
        return obj

    def lookup(self, table, key, where, what):
        """A record by key: defined in this file, or (for keyed records) already saved."""
        if key is None:
            return None
        if trouble := value_problem(key):
            self.problem(where, trouble)
            return None
        found = table.get(key)
        model = self.models_by_table.get(id(table))
        if found is None and model is not None:
            found = model.objects.filter(key=stored_key(model, key)).first()
            if found is not None and getattr(found, "team_id", self.team.pk) != self.team.pk:
                found = None
        if found is None:
            self.problem(where, f"no {what} with key {key!r} is defined in this file")
        return found

    def fields(self, item, where, allowed):
        if not isinstance(item, dict):
            self.problem(where, "must be an object")
            return None
        unknown = set(item) - set(allowed)
        if unknown:
            self.problem(where, f"unknown field(s): {', '.join(sorted(unknown))}")
        troubles = [
            (name, trouble)
            for name in allowed
            if name not in NESTED and (trouble := value_problem(item.get(name), flag=name in FLAGS))
        ]
        for name, trouble in troubles:
            self.problem(f"{where} › {name}", trouble)
        if troubles:
            return None
        return {
            name: normalise_newlines(value) if isinstance(value := item.get(name), str) else value
            for name in allowed
        }

    def text(self, value):
        return "" if value is None else value

    # -- sections ----------------------------------------------------------

    def run(self, data):
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            self.problem("format", f'the document must be an object with "format": "{FORMAT}"')
            return
        self.fields(
            data,
            "document",
            [
                "format",
                "sources",
                "mechanisms",
                "organizations",
                "persons",
                "cases",
                "communications",
            ],  # fmt: skip
        )
        for where, item in self.items(data, "sources"):
            self.import_source(where, item)
        for where, item in self.items(data, "mechanisms"):
            self.import_mechanism(where, item)
        for where, item in self.items(data, "organizations"):
            self.import_organization(where, item)
        for where, item in self.items(data, "persons"):
            self.import_person(where, item)
        codes = set()
        for where, item in self.items(data, "cases"):
            code = item.get("code") if isinstance(item, dict) else None
            if not isinstance(code, str) or not code:
                self.problem(f"{where} › code", "a public code (YYYY-ISO-NNN) is required")
                continue
            if code in codes:
                self.problem(f"{where} › code", f"{code!r} appears twice in this file")
                continue
            codes.add(code)
            self.import_case(f"{where} {code}", item)
        if "communications" in data:
            # Letters refer to cases, mechanisms and States: they come last.
            from reprisals.communications.importer import import_communication

            for where, item in self.items(data, "communications"):
                import_communication(self, where, item)

    def keyed(self, model, where, values, *, team=True):
        key = values.pop("key")
        if not key:
            self.problem(f"{where} › key", "a key is required")
            return None
        stored = stored_key(model, key)
        obj = model.objects.filter(key=stored).first() or model(key=stored)
        obj.import_key = key  # the file's key; only its digest is stored
        if team:
            if obj.pk and obj.team_id != self.team.pk:
                self.problem(f"{where} › key", f"{key!r} belongs to another team")
                return None
            obj.team = self.team
        for name, value in values.items():
            setattr(obj, name, value)
        return obj

    def import_source(self, where, item):
        values = self.fields(
            item,
            where,
            [
                "key",
                "title",
                "kind",
                "author",
                "published_on",
                "url",
                "reliability",
                "confidential",
            ],
        )
        if values is None:
            return
        for name in ("author", "published_on", "url"):
            values[name] = self.text(values[name])
        values["confidential"] = values["confidential"] or False
        obj = self.keyed(models.Source, where, values)
        if obj and self.save(obj, where):
            self.sources[obj.import_key] = obj
            self.counts["sources"] += 1

    def import_mechanism(self, where, item):
        """Mechanisms are shared by every team: a file may state one that
        exists only as it is (any other name, kind or body is a problem, never
        a change), and may add a new one, counted apart in the summary."""
        values = self.fields(item, where, ["key", "name", "kind", "body"])
        if values is None:
            return
        body_code = values.pop("body")
        values["body"] = None
        compared = SHARED_MECHANISM_FIELDS
        if body_code:
            values["body"] = Body.objects.filter(code=body_code).first()
            if values["body"] is None:
                self.problem(f"{where} › body", f"unknown body code {body_code!r}")
                compared = [name for name in compared if name != "body"]
        existing = Mechanism.objects.filter(key=values["key"]).first() if values["key"] else None
        if existing is not None:
            self.refer_to_mechanism(where, existing, values, compared)
            return
        obj = self.keyed(Mechanism, where, values, team=False)
        if obj and self.save(obj, where):
            self.mechanisms[obj.import_key] = obj
            self.counts["new shared mechanisms"] += 1
            record(self.actor, "add", obj, fields=["key", "name", "kind", "body"])

    def refer_to_mechanism(self, where, mechanism, values, compared):
        """The file's statement of a mechanism on file. Neither value is
        repeated in the problem: the file's may be anything, a name included."""
        differing = [name for name in compared if values[name] != getattr(mechanism, name)]
        for name in differing:
            self.problem(
                f"{where} › {name}",
                f"mechanism {mechanism.key!r} is shared by all teams and has another {name} "
                "on file: an import may refer to it only as it is (an administrator changes "
                "it in the back office)",
            )
        if not differing:
            self.mechanisms[mechanism.key] = mechanism

    def import_organization(self, where, item):
        values = self.fields(
            item, where, ["key", "name", "kind", "description", "consent", "sources"]
        )
        if values is None:
            return
        consent, sources = values.pop("consent"), values.pop("sources")
        values["description"] = self.text(values["description"])
        obj = self.keyed(models.Organization, where, values)
        if obj and self.save(obj, where):
            self.organizations[obj.import_key] = obj
            self.counts["organizations"] += 1
            self.import_consent(f"{where} › consent", consent, organization=obj)
            self.replace_citations(where, {"sources": sources}, organization=obj)

    def import_person(self, where, item):
        values = self.fields(
            item,
            where,
            [
                "key",
                "name",
                "other_names",
                "gender",
                "occupation",
                "organizations",
                "consent",
                "sources",
            ],
        )
        if values is None:
            return
        consent, sources = values.pop("consent"), values.pop("sources")
        organization_keys = [
            key
            for _, key in self.items(
                {"organizations": values.pop("organizations") or []}, "organizations", f"{where} › "
            )
        ]
        for name in ("other_names", "occupation"):
            values[name] = self.text(values[name])
        values["gender"] = values["gender"] or "unknown"
        obj = self.keyed(models.Person, where, values)
        if obj and self.save(obj, where):
            self.persons[obj.import_key] = obj
            self.counts["persons"] += 1
            organizations = [
                self.lookup(self.organizations, key, f"{where} › organizations", "organisation")
                for key in organization_keys
            ]
            obj.organizations.set([o for o in organizations if o])
            self.import_consent(f"{where} › consent", consent, person=obj)
            self.replace_citations(where, {"sources": sources}, person=obj)

    def import_consent(self, where, item, **subject):
        if item is None:
            return  # no consent record: the subject can never be published
        values = self.fields(item, where, ["level", "basis", "obtained_on", "obtained_by", "note"])
        if values is None:
            return
        values["note"] = self.text(values["note"])
        # A record already on file is never added again — and, above all, a
        # re-import never revives a consent that was withdrawn since.
        fields = {k: values[k] for k in ("level", "basis", "obtained_on")}
        if models.Consent.objects.filter(**subject, **fields).exists():
            return
        consent = models.Consent(recorded_by=self.actor, **subject, **values)
        if self.save(consent, where):
            record(self.actor, "record_consent", consent, fields=list(values))

    def citations(self, where, items):
        found = []
        for cite_where, cite in self.items({"sources": items or []}, "sources", f"{where} › "):
            values = self.fields(cite, cite_where, ["source", "locator"])
            if values is None:
                continue
            source = self.lookup(self.sources, values["source"], cite_where, "source")
            if source:
                found.append((cite_where, source, self.text(values["locator"])))
        return found

    def replace_citations(self, where, item, **fact):
        models.Citation.objects.filter(**fact).delete()
        for cite_where, source, locator in self.citations(where, item.get("sources")):
            self.save(models.Citation(source=source, locator=locator, **fact), cite_where)

    def import_case(self, where, item):
        case_fields = [
            "code",
            "state",
            "status",
            "opened_on",
            "title",
            "summary",
            "public_title",
            "public_summary",
            "closure_reason",
            "internal_notes",
        ]
        parts = ["subjects", "engagements", "acts", "interventions", "responses", "sources"]
        values = self.fields(item, where, case_fields + parts)
        if values is None:
            return
        for name in ("summary", "public_title", "public_summary", "closure_reason",
                     "internal_notes", "opened_on", "title"):  # fmt: skip
            values[name] = self.text(values[name])
        state_code = values.pop("state")
        state = State.objects.filter(iso3=state_code).first()
        if state is None:
            self.problem(
                f"{where} › state",
                f"unknown State code {state_code!r}: use an ISO 3166-1 alpha-3 code such as CHN",
            )
            return
        case = models.Case.objects.filter(code=values["code"]).first()
        if case and case.team_id != self.team.pk:
            self.problem(f"{where} › code", f"{values['code']!r} is a case of another team")
            return
        case = case or models.Case()
        for name in case_fields:
            if name != "state":
                setattr(case, name, values[name] if name in values else getattr(case, name))
        case.state, case.team = state, self.team
        case.status = case.status or "open"
        commit = self.save(case, where) is not None
        if commit:
            self.counts["cases"] += 1
            for part in ("subjects", "engagements", "acts", "interventions", "responses"):
                getattr(case, part).all().delete()
            self.replace_citations(where, item, case=case)
        self.import_subjects(where, item, case, commit)
        engagements = self.import_children(
            where, item, case, "engagements", models.Engagement, ENGAGEMENT_FIELDS, commit=commit
        )
        self.import_children(
            where, item, case, "acts", models.Act, ACT_FIELDS,
            links={"engagement": engagements}, commit=commit,
        )  # fmt: skip
        interventions = self.import_children(
            where, item, case, "interventions", models.Intervention, INTERVENTION_FIELDS,
            commit=commit,
        )  # fmt: skip
        self.import_children(
            where, item, case, "responses", models.GovernmentResponse, RESPONSE_FIELDS,
            links={"intervention": interventions}, commit=commit,
        )  # fmt: skip
        if commit:
            record(self.actor, "import", case, fields=["all"])

    def import_subjects(self, where, item, case, commit):
        for sub_where, sub in self.items(item, "subjects", f"{where} › "):
            values = self.fields(sub, sub_where, ["person", "organization", "role"])
            if values is None:
                continue
            person = self.lookup(self.persons, values["person"], sub_where, "person")
            organization = self.lookup(
                self.organizations, values["organization"], sub_where, "organisation"
            )
            subject = models.CaseSubject(
                case=case,
                person=person,
                organization=organization,
                role=values["role"] or "targeted",
            )
            self.save(subject, sub_where)

    def import_children(self, where, item, case, part, model, allowed, links=None, commit=True):
        """Create a case's engagements, acts…; returns them by their file key."""
        links = links or {}
        by_key = {}
        for child_where, child in self.items(item, part, f"{where} › "):
            values = self.fields(child, child_where, ["key", "sources", *allowed])
            if values is None:
                continue
            key, sources = values.pop("key"), values.pop("sources")
            for name in list(values):
                if name == "mechanism":
                    values[name] = self.lookup(
                        self.mechanisms, values[name], f"{child_where} › mechanism", "mechanism"
                    )
                elif name in links:
                    values[name] = self.lookup(
                        links[name], values[name], f"{child_where} › {name}", name
                    )
                elif values[name] is None:
                    values[name] = ""
            obj = self.save(model(case=case, **values), child_where, commit=commit)
            if obj and commit:
                if key:
                    by_key[key] = obj
                fact = model._meta.model_name
                fact = "response" if fact == "governmentresponse" else fact
                self.replace_citations(child_where, {"sources": sources}, **{fact: obj})
        return by_key
