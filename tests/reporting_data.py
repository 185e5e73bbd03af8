"""A known list of cases and report mentions, for the reporting tests; the
answers in tests/test_reporting_analysis.py are computed by hand from it.

Reports of 2010, 2011, 2013 and 2014 (none in 2012). Mentions (N = new,
annex I; F = follow-up, annex II):

    case          2010 2011 2013 2014
    2010-CHN-001   N    F    F    F     four reports: persistent
    2010-CHN-002   N
    2011-CHN-001        N    F*         * listed under another symbol
    2013-CHN-001             N    N     re-listed as new
    2010-VNM-001   N    F
    2013-VNM-001             N
    2011-BHR-001        N
    2013-BHR-001             F          first mention is a follow-up
    2014-EGY-001                  N
    2014-CHN-005   (no mention)

Norway (NOR) has no case at all.
"""

from reprisals.reference.models import State
from reprisals.reporting.models import PatternDesignation, ReportingCycle, ReportMention
from tests.factories import (
    ActFactory,
    CaseFactory,
    ConsentFactory,
    EngagementFactory,
    InterventionFactory,
    MechanismFactory,
    OrganizationFactory,
    PersonFactory,
    SubjectFactory,
)

SYMBOLS = {2010: "A/HRC/14/1", 2011: "A/HRC/18/1", 2013: "A/HRC/24/1", 2014: "A/HRC/27/1"}
RELISTED_UNDER = "A/HRC/24/1/Add.1"
MENTIONS = {
    "2010-CHN-001": [(2010, "new"), (2011, "follow_up"), (2013, "follow_up"),
                     (2014, "follow_up")],
    "2010-CHN-002": [(2010, "new")],
    "2011-CHN-001": [(2011, "new"), (2013, "follow_up")],
    "2013-CHN-001": [(2013, "new"), (2014, "new")],
    "2010-VNM-001": [(2010, "new"), (2011, "follow_up")],
    "2013-VNM-001": [(2013, "new")],
    "2011-BHR-001": [(2011, "new")],
    "2013-BHR-001": [(2013, "follow_up")],
    "2014-EGY-001": [(2014, "new")],
    "2014-CHN-005": [],
}  # fmt: skip


def cycle(year):
    return ReportingCycle.objects.get(year=year)


def build(team):
    """The cycles, cases and mentions above, owned by `team`; returns {code: case}."""
    for year, symbol in SYMBOLS.items():
        ReportingCycle.objects.create(year=year, symbol=symbol, title=f"Report {year}")
    cases = {}
    for code, mentions in MENTIONS.items():
        state = State.objects.get(iso3=code[5:8])
        cases[code] = CaseFactory(team=team, code=code, state=state, opened_on=code[:4])
        for year, kind in mentions:
            relisted = RELISTED_UNDER if (code, year) == ("2011-CHN-001", 2013) else ""
            ReportMention.objects.create(
                case=cases[code], cycle=cycle(year), kind=kind, listed_under_symbol=relisted
            )
    return cases


def add_facts(cases):
    """Acts, engagements and people of the two 2010 Chinese cases."""
    first, second = cases["2010-CHN-001"], cases["2010-CHN-002"]
    ActFactory(case=first, type="travel_ban", perpetrator_type="police")
    ActFactory(case=first, type="arbitrary_detention", perpetrator_type="police")
    ActFactory(case=first, type="arbitrary_detention", perpetrator_type="judiciary")
    ActFactory(case=second, type="arbitrary_detention", perpetrator_type="state_security")
    hrc = MechanismFactory(key="m-one", name="Mechanism one")
    EngagementFactory(case=first, mechanism=hrc)
    EngagementFactory(case=first, mechanism=hrc)
    EngagementFactory(case=second, mechanism=MechanismFactory(key="m-two", name="Mechanism two"))
    both = PersonFactory(team=first.team, gender="female")
    SubjectFactory(case=first, person=both)
    SubjectFactory(case=second, person=both)
    SubjectFactory(case=first, person=PersonFactory(team=first.team, gender="male"))
    SubjectFactory(case=first, person=PersonFactory(team=first.team, gender="female"))
    SubjectFactory(case=first, person=None, organization=OrganizationFactory(team=first.team))


def designate(year, *codes):
    for code in codes:
        PatternDesignation.objects.create(
            cycle=cycle(year), state=State.objects.get(iso3=code), source="Report, para. 1"
        )


def make_public(case, name):
    """Named consent of everyone it concerns (and of a new person, `name`)
    and a UN report naming the case (published in 2015): the publication
    rule makes it public."""
    SubjectFactory(case=case, person__name=name)
    for link in case.subjects.all():
        if link.person:
            ConsentFactory(person=link.person, level="named")
        else:
            ConsentFactory(person=None, organization=link.organization, level="named")
    InterventionFactory(case=case, date="2015-01")
