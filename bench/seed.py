"""Fill a fresh SQLite file with N synthetic cases for the benchmarks.

    .venv/bin/python bench/seed.py [--cases 100000] [--db /tmp/bench.sqlite3]

Deletes the file, runs the migrations, writes the records with bulk_create
(no signals), then fills the public search index with the project's own
search.document_for, so the index holds exactly what search.index_case would
write. The data is made up but shaped like the register's: States weighted
towards those the Secretary-General's reports name most, acts from the
vocabulary, consent mostly named or anonymous, and letters of every type sent
over the years, so most cases are public and recent ones are not yet.
"""

import datetime
import random
import time

from common import arguments, setup_django

# Share of cases per State for the States most often named; others share the rest.
FREQUENT_STATES = {
    "CHN": 6, "EGY": 5, "VEN": 4, "BHR": 4, "RUS": 4, "IND": 3, "SAU": 3, "ARE": 3,
    "VNM": 3, "CUB": 3, "BDI": 2, "MMR": 3, "NIC": 3, "PHL": 2, "TUR": 2, "IRN": 3,
    "BLR": 3, "COL": 2, "MEX": 2, "GTM": 2, "KGZ": 1, "UZB": 1, "AZE": 2, "CMR": 1,
    "DZA": 2, "MAR": 1, "ISR": 2, "LKA": 2, "BGD": 2, "THA": 2, "KHM": 2, "YEM": 1,
    "SYR": 1, "SDN": 2, "COD": 1, "RWA": 1, "ZWE": 1, "TZA": 1, "UGA": 1, "HND": 1,
}  # fmt: skip
FIRST = ("Li Wei Zhang Min Ahmed Fatima Mohamed Aisha Olga Sergei Maria José Ana Nguyen Thi "
         "Aung Hnin Leila Omar Yusuf Chen Hui Irina Dmitri Ngozi Amina Rosa Carlos Priya Arjun "
         "Mariam Hassan Tatiana Luis Lucía Mai Linh Kyaw Nasrin Reza").split()  # fmt: skip
LAST = ("Wang Liu Huang Hassan Ibrahim Mahmoud Ivanova Petrov García Rodríguez Tran Pham Min "
        "Soe Karimi Haddad Al-Khawaja Rahman Hossain Kumar Singh Okafor Mensah Mutua Morales "
        "Castro Nikolaev Sokolova Abdullah Yilmaz Demir Aliyev Nasser Farah Osei Banda"
        ).split()  # fmt: skip
OCCUPATIONS = ["human rights lawyer", "journalist", "woman human rights defender", "blogger",
               "environmental defender", "trade unionist", "indigenous leader", "academic",
               "NGO director", "student activist", "land rights defender"]  # fmt: skip
ORGANISATIONS = ["Centre for Human Rights", "Legal Aid Network", "Defenders Coalition",
                 "Women's Rights Association", "Press Freedom Group", "Indigenous Peoples Council",
                 "Committee for Justice", "Land Rights Forum"]  # fmt: skip
PLACES = ["Northern", "Coastal", "National", "Capital", "Highland", "Delta", "United", "Free"]
ACTS = {"arbitrary_detention": 14, "travel_ban": 12, "harassment": 12, "surveillance": 10,
        "intimidation": 10, "police_investigation": 8, "criminal_charges": 7, "public_smear": 6,
        "physical_assault": 4, "enforced_disappearance": 3, "rsdl": 2, "torture": 3,
        "sentence": 4, "reprisal_against_family": 3, "visa_denial": 2, "accreditation": 2,
        "denial_of_un_access": 1, "expulsion_from_un_premises": 1, "death_in_custody": 1,
        }  # fmt: skip
LEGAL_BASES = ["subversion of State power", "inciting subversion", "spreading false news",
               "membership of a terrorist organisation", "foreign agent law",
               "undermining national unity", "picking quarrels and provoking trouble",
               ""]  # fmt: skip
ENGAGEMENTS = [("met_mandate_holder", "after meeting a UN Special Rapporteur"),
               ("attended_session", "after attending the Human Rights Council"),
               ("spoke_at_session", "after speaking at the Human Rights Council"),
               ("submitted_information", "after submitting information to the UN"),
               ("submitted_information", "after a submission to the Universal Periodic Review"),
               ("sought_to_travel", "when travelling to engage with the UN"),
               ("named_in_communication", "after being named in a UN communication")]  # fmt: skip
MANDATES = ["Special Rapporteur on the situation of human rights defenders",
            "Special Rapporteur on the independence of judges and lawyers",
            "Special Rapporteur on freedom of expression",
            "Special Rapporteur on freedom of peaceful assembly and association",
            "Working Group on Arbitrary Detention",
            "Working Group on Enforced or Involuntary Disappearances",
            "Special Rapporteur on torture",
            "Special Rapporteur on the rights of Indigenous Peoples",
            "Assistant Secretary-General for Human Rights (reprisals)",
            "Universal Periodic Review", "Committee against Torture"]  # fmt: skip
CONSENT = {"named": 45, "anonymous": 40, "confidential": 8, None: 5, "withdrawn": 2}
LETTER_TYPES = {"AL": 55, "UA": 35, "OL": 7, "unstated": 3}
PRECISIONS = {"exact": 85, "day": 10, "month": 3, "year": 2}
FIRST_YEAR, LAST_YEAR = 2005, 2026
NOW = datetime.datetime(2026, 11, 28, tzinfo=datetime.UTC)


def weighted(rng, table):
    return rng.choices(list(table), weights=list(table.values()))[0]


class Seeder:
    """Builds one chunk of cases at a time with everything they hold."""

    def __init__(self, rng):
        from django.contrib.auth import get_user_model

        from reprisals.accounts.models import Team
        from reprisals.accounts.roles import assign_role
        from reprisals.reference.models import Mechanism, State

        self.rng = rng
        self.team = Team.objects.create(name="Bench team")
        users = get_user_model().objects
        self.proposer = users.create_user("bench-documenter")
        self.approver = users.create_user("bench-reviewer")
        assign_role(self.proposer, "documenter", actor=None)
        assign_role(self.approver, "reviewer", actor=None)
        states = {s.iso3: s for s in State.objects.filter(kind="member")}
        rest = (100 - sum(FREQUENT_STATES.values())) / (len(states) - len(FREQUENT_STATES))
        self.state_weights = {s: FREQUENT_STATES.get(iso3, rest) for iso3, s in states.items()}
        self.mechanisms = Mechanism.objects.bulk_create(
            Mechanism(key=f"bench-{i}", name=name, kind="special_procedure")
            for i, name in enumerate(MANDATES)
        )
        self.numbers = {}  # (year, ISO) or (type, ISO, year) -> last number used
        self.pseudonyms = set()

    def next_number(self, key):
        self.numbers[key] = self.numbers.get(key, 0) + 1
        return self.numbers[key]

    def pseudonym(self):
        alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
        while (label := "P-" + "".join(self.rng.choices(alphabet, k=6))) in self.pseudonyms:
            pass
        self.pseudonyms.add(label)
        return label

    def day_after(self, start):
        return start + datetime.timedelta(days=self.rng.randrange(0, 200))

    def chunk(self, count):
        """Write `count` cases and what they hold; return their ids."""
        from reprisals.cases import models

        rng, plans = self.rng, []
        for _ in range(count):
            state = weighted(rng, self.state_weights)
            year = rng.randint(FIRST_YEAR, LAST_YEAR)
            while self.numbers.get((year, state.iso3), 0) >= 999:
                year = rng.randint(FIRST_YEAR, LAST_YEAR)
            plans.append((state, year, self.next_number((year, state.iso3))))
        cases = models.Case.objects.bulk_create(self.case(*plan) for plan in plans)
        subjects = self.subjects(cases)
        self.facts(cases, subjects)
        self.letters(cases)
        return [c.pk for c in cases]

    def case(self, state, year, number):
        from reprisals.cases.models import Case

        opened = self.day_after(datetime.date(year, 1, 1))
        return Case(
            team=self.team, code=f"{year}-{state.iso3}-{number:03d}", state=state,
            status=self.rng.choice(["open", "outstanding", "outstanding"]),
            title=f"Case {year}-{state.iso3}-{number:03d}", opened_on=opened.isoformat(),
            internal_notes="Bench record: internal notes are never public.",
        )  # fmt: skip

    def subjects(self, cases):
        """One to three people or organisations per case, with consent; the
        public title and summary name only those who consented to be named."""
        from reprisals.cases import models

        rng, people, organisations, links = self.rng, [], [], []
        for case in cases:
            for _ in range(rng.choices([1, 2, 3], weights=[75, 20, 5])[0]):
                if rng.random() < 0.15:
                    name = f"{rng.choice(PLACES)} {rng.choice(ORGANISATIONS)}"
                    subject = models.Organization(team=self.team, name=name, kind="ngo",
                                                  pseudonym=self.pseudonym())  # fmt: skip
                    organisations.append(subject)
                else:
                    subject = models.Person(
                        team=self.team, name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                        occupation=rng.choice(OCCUPATIONS), pseudonym=self.pseudonym(),
                        contact_details="+00 000 000 000 (never public)",
                    )  # fmt: skip
                    people.append(subject)
                links.append((case, subject, weighted(rng, CONSENT)))
        models.Person.objects.bulk_create(people)
        models.Organization.objects.bulk_create(organisations)
        models.CaseSubject.objects.bulk_create(
            models.CaseSubject(case=case, **{subject._meta.model_name: subject})
            for case, subject, _ in links
        )
        models.Consent.objects.bulk_create(
            models.Consent(
                **{subject._meta.model_name: subject},
                level="named" if level == "withdrawn" else level, basis="written",
                obtained_on=case.opened_on, obtained_by="Bench intake",
                withdrawn_at=NOW if level == "withdrawn" else None,
            )
            for case, subject, level in links
            if level
        )  # fmt: skip
        return links

    def facts(self, cases, links):
        """Engagement, acts, UN publications, public title and summary."""
        from reprisals.cases import models

        rng, named = self.rng, {}
        for case, subject, level in links:
            if level == "named":
                named.setdefault(case.pk, subject.name)
        engagements, acts, interventions = [], [], []
        for case in cases:
            year = int(case.opened_on[:4])
            kind, after = rng.choice(ENGAGEMENTS)
            engagements.append(models.Engagement(
                case=case, mechanism=rng.choice(self.mechanisms), kind=kind,
                date=case.opened_on[:7],
            ))  # fmt: skip
            types = [weighted(rng, ACTS) for _ in range(rng.choices([1, 2, 3], [50, 35, 15])[0])]
            acts += [
                models.Act(case=case, type=kind_of_act, date=case.opened_on,
                           perpetrator_type=rng.choice(["police", "state_security", "judiciary"]),
                           legal_basis=rng.choice(LEGAL_BASES),
                           description="Bench record: act descriptions are never public.")
                for kind_of_act in types
            ]  # fmt: skip
            if rng.random() < 0.35:  # named in the Secretary-General's annual report
                report_year = min(year + 1, LAST_YEAR)
                interventions.append(models.Intervention(
                    case=case, kind="report_mention", date=f"{report_year}-09",
                    reference=f"A/HRC/{3 * (report_year - 2005)}/{rng.randint(20, 40)}",
                ))  # fmt: skip
            act_label = str(models.Act(type=types[0]).get_type_display())
            who = named.get(case.pk) or rng.choice(OCCUPATIONS)
            case.public_title = f"{act_label}: {who} {after}"
            case.public_summary = (
                f"{act_label} reported in {case.opened_on[:4]} against a {rng.choice(OCCUPATIONS)} "
                f"{after}. The authorities cited "
                f"{rng.choice(LEGAL_BASES) or 'no legal basis'}."
            )
        models.Engagement.objects.bulk_create(engagements)
        models.Act.objects.bulk_create(acts)
        models.Intervention.objects.bulk_create(interventions)
        fields = [models.Case._meta.get_field(n) for n in ("public_title", "public_summary")]
        for case in cases:  # bulk_update takes only sealed values (vault.fields)
            for field in fields:
                setattr(case, field.attname, case.seal(field, getattr(case, field.attname)))
        models.Case.objects.bulk_update(cases, [f.name for f in fields])

    def letters(self, cases):
        """A letter for two cases in three, some with replies; a few publication decisions."""
        from reprisals.communications.models import Communication, Reply, latest_possible
        from reprisals.register.models import PublicationDecision

        rng, letters, covered = self.rng, [], []
        for case in cases:
            if rng.random() < 0.33:
                continue
            kind, precision = weighted(rng, LETTER_TYPES), weighted(rng, PRECISIONS)
            opened = datetime.date.fromisoformat(case.opened_on)
            sent = datetime.datetime.combine(self.day_after(opened), datetime.time(9),
                                             tzinfo=datetime.UTC)  # fmt: skip
            sent = min(sent, NOW - datetime.timedelta(hours=rng.randint(1, 24 * 90)))
            reference = ""
            if kind != "unstated":
                number = self.next_number((kind, case.state.iso3, sent.year))
                reference = f"{kind} {case.state.iso3} {number}/{sent.year}"
            letters.append(Communication(
                team=self.team, type=kind, reference=reference, addressee=case.state,
                sent_at=sent, sent_precision=precision,
                latest_sent_at=latest_possible(sent, precision),
                subject=f"Alleged reprisal against a {rng.choice(OCCUPATIONS)}",
                content="Bench record: full letters are never public.",
            ))  # fmt: skip
            covered.append(case)
        Communication.objects.bulk_create(letters)
        Communication.cases.through.objects.bulk_create(
            Communication.cases.through(communication=letter, case=case)
            for letter, case in zip(letters, covered, strict=True)
        )
        Communication.mandates.through.objects.bulk_create(
            Communication.mandates.through(communication=letter, mechanism=mechanism)
            for letter in letters
            for mechanism in rng.sample(self.mechanisms, rng.choice([1, 1, 2, 3]))
        )
        Reply.objects.bulk_create(
            Reply(communication=letter, response_type=rng.choice(["denied", "lawful_investigation",
                  "partial", "substantive"]), received_on=(letter.sent_at + datetime.timedelta(
                  days=rng.randint(20, 120))).date())
            for letter in letters
            if rng.random() < 0.4
        )  # fmt: skip
        PublicationDecision.objects.bulk_create(
            PublicationDecision(case=case, reason="Bench decision", proposed_by=self.proposer,
                                proposed_at=NOW - datetime.timedelta(days=30),
                                approved_by=self.approver,
                                approved_at=NOW - datetime.timedelta(days=29))
            for case in cases
            if rng.random() < 0.03
        )  # fmt: skip


def fill_index(case_ids, chunk=2000):
    """The search index for these cases, with search.entry_values, in bulk:
    the same rows search.index_case writes one by one."""
    from django.db import connection

    from reprisals.cases.models import Case
    from reprisals.register import public, search
    from reprisals.register.models import SearchEntry

    for start in range(0, len(case_ids), chunk):
        ids = case_ids[start : start + chunk]
        cases = Case.objects.filter(pk__in=ids).select_related("state")
        cases = cases.prefetch_related(*public.CASE_PREFETCH, "communications",
                                       "publication_decisions")  # fmt: skip
        entries = [SearchEntry(case_id=case.pk, **search.entry_values(case)) for case in cases]
        SearchEntry.objects.bulk_create(entries)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {search.FTS_TABLE} (rowid, document) VALUES (%s, %s)",
                [(e.case_id, e.document) for e in entries if e.document],
            )


def main():
    options = arguments(__doc__.splitlines()[0], cases=(int, 100_000, "number of cases"),
                        seed=(int, 2026, "random seed"))  # fmt: skip
    for suffix in ("", "-wal", "-shm"):
        options.db.with_name(options.db.name + suffix).unlink(missing_ok=True)
    setup_django(options.db)
    from django.core.management import call_command
    from django.db import transaction

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    seeder, case_ids = Seeder(random.Random(options.seed)), []
    with transaction.atomic():
        while len(case_ids) < options.cases:
            case_ids += seeder.chunk(min(10_000, options.cases - len(case_ids)))
            print(f"{len(case_ids):>7} cases written ({time.perf_counter() - started:.0f} s)")
    indexing = time.perf_counter()
    with transaction.atomic():
        fill_index(case_ids)
    done = time.perf_counter()
    print(f"indexed in {done - indexing:.0f} s; total {done - started:.0f} s -> {options.db}")


if __name__ == "__main__":
    main()
