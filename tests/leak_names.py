"""The leak test's second world: names written into public texts.

Two teams. People who may not be named (confidential, anonymous, withdrawn,
no consent; people and groups; Latin, Cyrillic and Chinese names with
accents) are the subjects of cases of both teams. Public cases and letters of
the first team have public texts (title, summary, legal basis, reference,
source title and author, citation locator, letter subject and text, reply
text) that name them in the forms an outside tester tries: a part of the
name alone, other whitespace, the other Unicode normalisation form, another
case, joined or hyphenated, declined, in capitals. Those texts carry an
approval, as if a reviewer had approved them before the consent changed, so
only screening stands between them and the public. A mechanism, shared
reference data, is named after one of them. Other public texts carry a
`LEAK` marker and no approval: only the review stands between them and the
public. Each name is random, so any trace of it on a public page is a leak.
"""

import datetime
import random
import secrets
import unicodedata

from django.utils import timezone

from reprisals.cases import models
from reprisals.communications.models import Communication, Reply
from reprisals.reference.models import State
from reprisals.register.models import TextApproval
from reprisals.register.texts import PUBLIC_TEXTS, digest
from tests.factories import MechanismFactory, TeamFactory, UserFactory

LATIN = ["ka", "lo", "mi", "zu", "ver", "tan", "qui", "bor", "sel", "dra", "nim", "ruv"]
ACCENTED = ["é", "ü", "å", "ñ", "ø", "ç"]
CYRILLIC = ["ка", "ло", "ми", "зу", "вер", "тан", "бор", "сел", "дра", "ним"]
HAN = "顺梅涛琳娟磊洁睿晗峻珂璇翊骞瑾暄"
HIDDEN_PROFILES = ["confidential", "anonymous", "withdrawn", "no_consent"]


class NamePlanter:
    def __init__(self, seed=11):
        self.random = random.Random(seed)
        self.now = timezone.now()
        self.hidden = []  # (name, script) of everyone who may not be named
        self.named = []  # names that may be shown
        self.markers = set()  # in texts no one approved

    # -- names ------------------------------------------------------------

    def word(self, syllables, count, accent=False):
        text = "".join(self.random.choice(syllables) for _ in range(count))
        if accent:
            at = self.random.randrange(1, len(text))
            text = text[:at] + self.random.choice(ACCENTED) + text[at:]
        return text.capitalize()

    def name(self, script):
        if script == "han":
            surname = self.random.choice("曹王李")
            return surname + "".join(self.random.sample(HAN, 2))
        syllables = LATIN if script == "latin" else CYRILLIC
        return f"{self.word(syllables, 2)} {self.word(syllables, 3, accent=script == 'latin')}"

    def mark(self):
        marker = f"LEAK{secrets.token_hex(5)}"
        self.markers.add(marker)
        return marker

    # -- the world --------------------------------------------------------

    def plant(self):
        self.team_a, self.team_b = (
            TeamFactory(name="Names team A"),
            TeamFactory(name="Names team B"),
        )
        self.reviewer = UserFactory(username="names-reviewer", role="reviewer", teams=[self.team_a])
        self.state = State.objects.get(iso3="CHN")
        hidden = []
        for i, profile in enumerate(HIDDEN_PROFILES * 3):
            script = ["latin", "cyrillic", "han"][i % 3]
            team = self.team_a if i % 2 else self.team_b
            hidden.append(self.hidden_case(900 + i, team, profile, script))
        group = self.subject(self.team_b, f"{self.word(LATIN, 3)} Defenders Collective",
                             "anonymous", organization=True)  # fmt: skip
        self.case(self.team_b, 950, [group])
        hidden.append((group.name, "group"))
        shared = MechanismFactory(key="names-sr", name=f"Special Rapporteur {hidden[0][0]}")
        for i, (name, script) in enumerate(hidden):
            self.public_case(700 + i, name, script, shared if i == 0 else None)
        return self

    def subject(self, team, name, level, *, organization=False):
        if organization:
            subject = models.Organization.objects.create(team=team, name=name, kind="group")
        else:
            subject = models.Person.objects.create(team=team, name=name, occupation="lawyer")
        if level != "no_consent":
            models.Consent.objects.create(
                **{subject._meta.model_name: subject}, basis="in_person",
                level="named" if level == "withdrawn" else level, obtained_on="2024-01-01",
                obtained_by="Intake", withdrawn_at=self.now if level == "withdrawn" else None,
            )  # fmt: skip
        if level == "named":
            self.named.append(name)
        else:
            self.hidden.append((name, "group" if organization else None))
        return subject

    def case(self, team, number, subjects, **fields):
        case = models.Case.objects.create(
            team=team, code=f"2024-CHN-{number:03d}", state=self.state, opened_on="2024-03",
            title=f"Working title {number}", **fields,
        )  # fmt: skip
        for subject in subjects:
            key = subject._meta.model_name
            models.CaseSubject.objects.create(case=case, **{key: subject})
        return case

    def hidden_case(self, number, team, profile, script):
        person = self.subject(team, self.name(script), profile)
        self.hidden[-1] = (person.name, script)
        self.case(team, number, [person])
        return person.name, script

    def forms(self, name, script):
        """The ways a careless text names someone."""
        if script == "han":
            return [f"关于{name[1:]}的拘留", f"{name}被拘留", f"同事{name}"]
        if script == "group":
            return [f"Members of the {name.upper()}", f"the {name.replace(' ', '  ')}"]
        given, family = name.split(" ")
        declined = f"{family}а" if script == "cyrillic" else f"{family}'s"
        other_form = "NFD" if unicodedata.is_normalized("NFC", family) else "NFC"
        return [
            f"Detention of Mr {family}", f"{given} was questioned", f"{given}\u00a0{family}",
            f"{given}  {family}", f"{given}\t{family}", unicodedata.normalize(other_form, name),
            f"{family.upper()}, {given}", f"{given}-{family}", f"{given}{family}",
            f"Colleague of {declined}", f"{given}\u200b{family}",
        ]  # fmt: skip

    def public_case(self, number, hidden_name, script, mechanism):
        """A public case of team A, its person named, whose texts name the
        hidden person in every form; some texts carry an unapproved marker."""
        named = self.subject(self.team_a, f"Shownperson Number{number}", "named")
        forms = self.forms(hidden_name, script)
        pick = lambda i: f"{forms[i % len(forms)]} ({self.random.randint(1, 99)})"  # noqa: E731
        unreviewed = number % 3 == 0
        case = self.case(
            self.team_a, number, [named], public_title=f"{named.name}: {pick(0)}",
            public_summary=self.mark() if unreviewed else " ".join(forms),
        )  # fmt: skip
        if mechanism:
            models.Engagement.objects.create(
                case=case, mechanism=mechanism, kind="met_mandate_holder"
            )
        act = models.Act.objects.create(case=case, type="travel_ban", date="2024-03",
                                        perpetrator_type="police", legal_basis=pick(1))  # fmt: skip
        action = models.Intervention.objects.create(case=case, kind="other", reference=pick(2))
        source = models.Source.objects.create(
            team=self.team_a, title=pick(3), author=pick(4), kind="ngo_report", reliability="high"
        )
        citation = models.Citation.objects.create(source=source, case=case, locator=pick(5))
        letter = Communication.objects.create(
            team=self.team_a, type="UA", addressee=self.state,
            sent_at=self.now - datetime.timedelta(days=5), subject=pick(6),
            public_text=self.mark() if unreviewed else pick(7),
        )  # fmt: skip
        letter.cases.add(case)
        reply = Reply.objects.create(communication=letter, received_on=self.now.date(),
                                     response_type="denied", public_text=pick(8))  # fmt: skip
        for record in (case, act, action, source, citation, letter, reply):
            self.approve(record)

    def approve(self, record):
        """An approval as a reviewer gave it before the consent changed, so
        only screening withholds these texts; marker texts stay unapproved."""
        for field in PUBLIC_TEXTS[record._meta.label_lower]:
            text = getattr(record, field)
            if text and text not in self.markers:
                TextApproval.objects.create(
                    digest=digest(record, field, text), model=record._meta.label_lower,
                    object_pk=str(record.pk), field=field, approved_by=self.reviewer,
                    approved_at=self.now,
                )  # fmt: skip
