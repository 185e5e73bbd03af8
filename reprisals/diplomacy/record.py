"""One State's diplomatic record: its votes on a theme year by year, on the
reprisals resolutions and the amendments to them, its dissociations, and its
statements with their frames. All of it is public record, but a text may
name a case of the register ("(case 2013-CHN-001)", "Cases 2025-ABC-001 and
2025-ABC-002", a bare code…): every text returned here goes through
case_codes.strip_case_codes, which keeps only the codes in `public_codes`
(case_codes.PublicCodes(now): the cases register.public shows; by default
none), and pages link only those.
"""

from collections import Counter, defaultdict

from django.db.models import Count as Tally
from django.db.models import Q

from reprisals.diplomacy.case_codes import codes_in, strip_case_codes
from reprisals.diplomacy.models import Dissociation, Motion, Sponsorship, Statement, Vote, VoteEvent
from reprisals.diplomacy.vocab import VoteOption

# -- statements ------------------------------------------------------------------------


def frames_by_year(iso3):
    """{year: {frame key: number of the State's statements with it}}."""
    found = defaultdict(Counter)
    statements = Statement.objects.filter(state__iso3=iso3).prefetch_related("frames")
    for statement in statements:
        year = statement.date.year if statement.date else _year(statement.approximate_date)
        if year is None:
            continue
        for frame in statement.frames.all():
            found[year][frame.key] += 1
    return {year: dict(found[year]) for year in sorted(found)}


def _year(approximate):
    return int(approximate[:4]) if approximate else None


# -- one State's record ----------------------------------------------------------------

# The title the Human Rights Council gives its resolutions on reprisals.
REPRISALS_TITLE = "Cooperation with the United Nations, its representatives and mechanisms"


def theme_record(iso3, body, theme):
    """How the State voted, year by year, on the body's vote events tagged
    with `theme` (a Theme code): [{"year", "yes", "no", "abstain", "absent",
    "not_voting"}], years without a recorded vote of the State left out."""
    rows = (
        Vote.objects.filter(state__iso3=iso3, vote_event__body__code=body,
                            vote_event__themes__code=theme, vote_event__date__isnull=False)
        .values_list("vote_event__date__year", "option").annotate(n=Tally("id")).order_by()
    )  # fmt: skip
    years = defaultdict(lambda: dict.fromkeys(VoteOption.values, 0))
    for year, option, n in rows:
        years[year][option] += n
    return [{"year": year, **years[year]} for year in sorted(years)]


def reprisals_votes(iso3, public_codes=frozenset()):
    """The vote events on the reprisals resolutions and amendments to them,
    each with the State's vote (None where none is recorded, e.g. adopted
    without a vote or not a member)."""
    on_theme = Q(motion__document__title__icontains=REPRISALS_TITLE) | Q(
        motion__amends__title__icontains=REPRISALS_TITLE
    )
    events = list(
        VoteEvent.objects.filter(on_theme)
        .select_related("motion__document", "motion__amends")
        .order_by("date", "session", "identifier")
    )
    # By id, not by subquery: PostgreSQL may run the subquery once per vote.
    votes = Vote.objects.filter(vote_event_id__in=[event.pk for event in events],
                                state__iso3=iso3)  # fmt: skip
    votes = dict(votes.values_list("vote_event_id", "option"))
    return [
        {"key": event_key(event), "title": strip_case_codes(event.motion.title, public_codes),
         "amends": event.motion.amends and event.motion.amends.symbol, "date": event.date,
         "session": event.session, "classification": event.motion.classification,
         "result": event.result, "vote": votes.get(event.pk)}
        for event in events
    ]  # fmt: skip


def bodies_voted_in(iso3):
    """The codes of the bodies (GA, HRC) where a vote of the State is recorded."""
    votes = Vote.objects.filter(state__iso3=iso3)
    return [code for code in ("GA", "HRC") if votes.filter(vote_event__body__code=code).exists()]


def dissociations_of(iso3, public_codes=frozenset()):
    rows = Dissociation.objects.filter(state__iso3=iso3).select_related("document", "vote_event")
    return [
        {"document": row.document and row.document.symbol, "date": row.date,
         "text": strip_case_codes(row.text, public_codes),
         "vote_event": row.vote_event and event_key(row.vote_event)}
        for row in rows.order_by("date", "pk")
    ]  # fmt: skip


def sponsorships_of(iso3, public_codes=frozenset()):
    """The documents the State sponsored, oldest first; `voted` where a vote
    event on the document is recorded (its page exists)."""
    rows = Sponsorship.objects.filter(state__iso3=iso3).select_related("document")
    voted = set(VoteEvent.objects.filter(motion__document__sponsorships__state__iso3=iso3)
                .values_list("motion__document_id", flat=True))  # fmt: skip
    return [
        {"document": row.document.symbol,
         "title": strip_case_codes(row.document.title, public_codes),
         "classification": row.classification, "voted": row.document_id in voted}
        for row in rows.order_by("document__session", "document__symbol")
    ]  # fmt: skip


def statements_of(iso3, public_codes=frozenset()):
    """The State's statements, oldest first, with their frames."""
    rows = Statement.objects.filter(state__iso3=iso3).prefetch_related("frames")
    found = [
        {"date": row.date.isoformat() if row.date else row.approximate_date,
         "event": strip_case_codes(row.event, public_codes), "language": row.language,
         "summary": strip_case_codes(row.summary or row.text, public_codes),
         "source_url": row.source_url, "frames": [str(frame.get_key_display())
                                                   for frame in row.frames.all()]}
        for row in rows
    ]  # fmt: skip
    return sorted(found, key=lambda row: row["date"] or "")


def event_key(event):
    """What /votes/<key>/ finds the event by: its document's symbol, or its identifier."""
    return event.motion.document.symbol if event.motion.document_id else event.identifier


def public_cases_named(event, public_codes):
    """The codes, among `public_codes`, of the cases the event's motion names
    in its title or text, in any form."""
    named = dict.fromkeys([*codes_in(event.motion.title), *codes_in(event.motion.text)])
    shown = set(named) & public_codes
    return [code for code in named if code in shown]


def vote_events_naming(code, public_codes=frozenset()):
    """The vote events whose motion names case `code` in its title or text,
    in any form. Every motion is read: a code may be written in forms no
    query of the database finds (other digits, dashes, invisible characters)."""
    motions = Motion.objects.filter(vote_event__isnull=False)
    named = [pk for pk, title, text in motions.values_list("vote_event", "title", "text")
             if _names(title, code) or _names(text, code)]  # fmt: skip
    events = VoteEvent.objects.filter(pk__in=named).select_related("motion__document")
    return [{"key": event_key(event), "title": strip_case_codes(event.motion.title, public_codes),
             "date": event.date, "session": event.session, "result": event.result}
            for event in events.order_by("date", "pk")]  # fmt: skip


def _names(text, code):
    # Quick for most texts: one in ASCII names a code only with its year as written.
    return (code[:4] in text or not text.isascii()) and code in codes_in(text)


def document_record(symbol, public_codes=frozenset()):
    """Who sponsored the document with this symbol, who dissociated from it,
    and whether amendments to it are recorded: {"sponsors": [{"state",
    "name", "classification", "source"}], "dissociations": [...],
    "amended": bool}."""
    sponsors = Sponsorship.objects.filter(document__symbol=symbol).select_related("state", "source")
    dissociations = Dissociation.objects.filter(document__symbol=symbol).select_related("state")
    sponsors = [{"state": row.state.iso3, "name": row.state.name,
                 "classification": row.classification, "source": str(row.source)}
                for row in sponsors]  # fmt: skip
    dissociations = [{"state": row.state.iso3, "name": row.state.name, "date": row.date,
                      "text": strip_case_codes(row.text, public_codes)}
                     for row in dissociations]  # fmt: skip
    return {
        # By name in the language of the request (State.name is translated).
        "sponsors": sorted(sponsors, key=lambda row: (row["classification"], row["name"])),
        "dissociations": sorted(dissociations, key=lambda row: row["name"]),
        "amended": Motion.objects.filter(amends__symbol=symbol).exists(),
    }
