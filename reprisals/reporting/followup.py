"""The follow-up of a reporting cycle: which cases of a team need following
up in the new report, and the writes that record it — the mention, the new
information, the UN action and the State's response (cases.Intervention and
GovernmentResponse), a resolution or closure with its reason. Each write is
audited in its own transaction (audit.log.record), and a follow-up is saved
whole or not at all.

Recording a mention does not publish a case: what the public sees still
follows the publication rule (an intervention of kind "report_mention" with
a date, consent of everyone concerned).
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from reprisals.audit.log import record
from reprisals.cases.models import Case, GovernmentResponse, Intervention
from reprisals.cases.vocab import CaseStatus
from reprisals.reporting.models import ReportMention
from reprisals.reporting.vocab import MentionKind

STILL_OPEN = [CaseStatus.OPEN, CaseStatus.OUTSTANDING]


@dataclass(frozen=True)
class Outstanding:
    case: Case
    last_listed: int  # year of the last earlier report listing it
    mention: ReportMention | None  # its listing in this cycle, once recorded


@dataclass(frozen=True)
class StateFollowUp:
    state: object  # reference.State
    cases: list


def outstanding_cases(cycle, user):
    """Per State, the cases of the user's teams that need follow-up in
    `cycle`: still open or outstanding, and listed in an earlier report.
    Those already recorded in this cycle are included, with their mention."""
    earlier = ReportMention.objects.filter(
        case__in=Case.objects.visible_to(user),
        case__status__in=STILL_OPEN,
        cycle__year__lt=cycle.year,
    )
    last_listed = dict(earlier.values("case").annotate(last=Max("cycle__year")).values_list(
        "case", "last"))  # fmt: skip
    cases = Case.objects.filter(pk__in=last_listed).select_related("state")
    recorded = {m.case_id: m for m in ReportMention.objects.filter(cycle=cycle, case__in=cases)}
    by_state = {}
    for case in sorted(cases, key=lambda c: (c.state.name_en, c.code)):
        item = Outstanding(case, last_listed[case.pk], recorded.get(case.pk))
        by_state.setdefault(case.state, []).append(item)
    return [StateFollowUp(state, items) for state, items in by_state.items()]


@transaction.atomic
def record_mention(case, cycle, *, kind, actor, paragraph="", listed_under_symbol="", note="",
                   source=""):  # fmt: skip
    """Record (or correct) that the report of `cycle` lists `case`."""
    mention = ReportMention.objects.filter(case=case, cycle=cycle).first()
    mention = mention or ReportMention(case=case, cycle=cycle)
    values = {"kind": kind, "paragraph": paragraph, "listed_under_symbol": listed_under_symbol,
              "note": note, "source": source}  # fmt: skip
    changed = [name for name, value in values.items() if getattr(mention, name) != value]
    for name, value in values.items():
        setattr(mention, name, value)
    mention.full_clean()
    mention.save()
    record(actor, "record_report_mention", mention, fields=changed)
    return mention


@transaction.atomic
def record_follow_up(case, cycle, *, actor, mention=None, action=None, response=None,
                     status="", reason=""):  # fmt: skip
    """The follow-up of `case` in `cycle`, whole or not at all: its listing
    in annex II (`mention`: paragraph, listed_under_symbol, note — the new
    information), the UN action taken (`action`: Intervention fields), the
    State's response to it (`response`: GovernmentResponse fields), and a
    new status (with the reason when resolving or closing)."""
    listed = record_mention(case, cycle, kind=MentionKind.FOLLOW_UP, actor=actor, **(mention or {}))
    intervention = None
    if action:
        intervention = Intervention(case=case, **action)
        _save_new(intervention, actor, list(action))
    if response:
        _save_new(GovernmentResponse(case=case, intervention=intervention, **response), actor,
                  list(response))  # fmt: skip
    if status:
        set_case_status(case, status=status, reason=reason, actor=actor)
    return listed


def _save_new(fact, actor, fields):
    fact.full_clean()
    fact.save()
    record(actor, "add", fact, fields=fields)


@transaction.atomic
def set_case_status(case, *, status, actor, reason=""):
    """Change a case's status; resolving or closing needs the reason
    (Case.clean), which is kept in `closure_reason`."""
    case.status = status
    if reason:
        case.closure_reason = reason
    case.full_clean()
    case.save(update_fields=["status", "closure_reason", "updated_at"])
    verb = {CaseStatus.RESOLVED: "resolve_case", CaseStatus.CLOSED: "close_case"}
    record(actor, verb.get(status, "set_case_status"), case, fields=["status", "closure_reason"])
    return case
