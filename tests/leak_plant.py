"""Generated cases with a unique marker in every field the public must never
see, for the leak test. Each marker is `LEAK` + 10 hex digits; the set of
planted markers is returned so the test can look for every one of them."""

import datetime
import random
import secrets

from django.utils import timezone

from reprisals.cases import models
from reprisals.communications.models import Communication, Reply
from reprisals.reference.models import State
from reprisals.register.models import PublicationDecision
from tests.factories import MechanismFactory, TeamFactory, UserFactory, approve_texts

PROFILES = ["named", "anonymous", "confidential", "withdrawn", "no_consent", "group_anonymous"]
LETTERS = ["public_ua", "public_al", "recent_ua", "recent_al", "withheld", "none"]


class Planter:
    def __init__(self, seed=7):
        self.random = random.Random(seed)
        self.markers = set()
        self.now = timezone.now()

    def mark(self):
        marker = f"LEAK{secrets.token_hex(5)}"
        self.markers.add(marker)
        return marker

    def plant(self, count=200):
        team = TeamFactory(name="Leak team")
        proposer = UserFactory(username="leak-proposer", role="documenter", teams=[team])
        approver = UserFactory(username="leak-approver", role="reviewer", teams=[team])
        mechanism = MechanismFactory(key="leak-sr", name="Special Rapporteur on leaks")
        public_source = models.Source.objects.create(
            team=team, title="Published UN report", kind="un_document", reliability="high"
        )
        states = list(State.objects.filter(iso3__in=["CHN", "RUS", "EGY", "VEN", "BHR"]))
        for i in range(count):
            self.plant_case(i, team, states[i % len(states)], mechanism, public_source,
                            proposer, approver)  # fmt: skip
        return self.markers

    def plant_case(self, i, team, state, mechanism, public_source, proposer, approver):
        profile = PROFILES[i % len(PROFILES)]
        subject = self.plant_subject(i, team, profile)
        case = models.Case.objects.create(
            team=team, code=f"2020-{state.iso3}-{500 + i:03d}", state=state, opened_on="2020-02",
            status=self.random.choice(["open", "outstanding"]), title=self.mark(),
            summary=self.mark(), internal_notes=self.mark(), public_title=f"Public case {i}",
            # A staff slip: the public summary names someone who is not `named`.
            public_summary=f"About {subject.name}." if profile != "named" and i % 4 == 1 else "",
        )  # fmt: skip
        link = {"person": subject} if isinstance(subject, models.Person) else {
            "organization": subject}  # fmt: skip
        models.CaseSubject.objects.create(case=case, **link)
        engagement = models.Engagement.objects.create(
            case=case, mechanism=mechanism, kind="met_mandate_holder", date="2020-01",
            description=self.mark(),
        )  # fmt: skip
        act = models.Act.objects.create(
            case=case, engagement=engagement, type="arbitrary_detention", date="2020-02",
            perpetrator_type="police", perpetrator=self.mark(), description=self.mark(),
            legal_basis="subversion of State power",
        )  # fmt: skip
        published = models.Intervention.objects.create(
            case=case, mechanism=mechanism, date="2020-06", description=self.mark(),
            kind="report_mention" if i % 3 == 0 else "other",
        )  # fmt: skip
        models.GovernmentResponse.objects.create(
            case=case, intervention=published, type="denied", date="2020-07", summary=self.mark()
        )
        secret_source = models.Source.objects.create(
            team=team, title=self.mark(), kind="interview", reliability="medium",
            confidential=True, author=self.mark(), internal_notes=self.mark(),
        )  # fmt: skip
        models.Citation.objects.create(source=public_source, locator="annex I", case=case)
        models.Citation.objects.create(source=secret_source, locator=self.mark(), act=act)
        self.plant_letter(i, team, state, mechanism, case)
        # A reviewer approved the clean texts; the slip naming the person is refused.
        approve_texts(case)
        if i % 5 == 2:
            decision = PublicationDecision.objects.create(
                case=case, reason=self.mark(), proposed_by=proposer, proposed_at=self.now
            )
            if i % 10 == 2:
                decision.approved_by, decision.approved_at = approver, self.now
                decision.save()

    def plant_subject(self, i, team, profile):
        if profile == "group_anonymous":
            subject = models.Organization.objects.create(
                team=team, name=self.mark(), kind="group", description=self.mark(),
                internal_notes=self.mark(),
            )  # fmt: skip
            level = "anonymous"
        else:
            named = profile == "named"
            subject = models.Person.objects.create(
                team=team, name=f"Named Person {i}" if named else self.mark(),
                other_names="" if named else self.mark(), contact_details=self.mark(),
                address=self.mark(), family_details=self.mark(), internal_notes=self.mark(),
                occupation="lawyer",
            )  # fmt: skip
            level = {"named": "named", "anonymous": "anonymous", "withdrawn": "named"}.get(
                profile, "confidential"
            )
        if profile != "no_consent":
            models.Consent.objects.create(
                **{subject._meta.model_name: subject}, level=level, basis="in_person",
                obtained_on="2020-03-01", obtained_by=self.mark(), note=self.mark(),
                withdrawn_at=self.now if profile == "withdrawn" else None,
            )  # fmt: skip
        return subject

    def plant_letter(self, i, team, state, mechanism, case):
        kind = LETTERS[(i // len(PROFILES)) % len(LETTERS)]
        if kind == "none":
            return
        hours = {"public_ua": 24 * 400, "public_al": 24 * 400, "recent_ua": 47,
                 "recent_al": 24 * 59, "withheld": 24 * 400}[kind]  # fmt: skip
        public = kind.startswith("public")
        letter = Communication.objects.create(
            team=team, type="UA" if kind.endswith("ua") else "AL", addressee=state,
            sent_at=self.now - datetime.timedelta(hours=hours),
            subject=f"Letter about case {i}" if public else self.mark(),
            content=self.mark(), internal_notes=self.mark(),
            public_text=f"Public text {i}" if public else self.mark(),
            withheld_until=self.now + datetime.timedelta(days=30) if kind == "withheld" else None,
            withhold_reason=self.mark() if kind == "withheld" else "",
        )  # fmt: skip
        letter.mandates.add(mechanism)
        letter.cases.add(case)
        Reply.objects.create(
            communication=letter, received_on=self.now.date(), response_type="denied",
            content=self.mark(), internal_notes=self.mark(),
            public_text=f"Reply {i}" if public else self.mark(),
        )  # fmt: skip
        if public:
            approve_texts(letter)
