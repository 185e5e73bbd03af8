"""The public register's pages.

Every view takes `now` once per request and renders only projections from
register.public and register.search, and figures counted over the public
cases (reporting.profiles), and the diplomatic record (public record) of a
case's votes: nothing here reads a model. A record the
public may not see answers the same 404 as one that does not exist.
"""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reprisals.diplomacy import charts as diplomacy_charts
from reprisals.diplomacy.case_codes import PublicCodes
from reprisals.diplomacy.record import vote_events_naming
from reprisals.register import public
from reprisals.register.search import FACETS, search_cases
from reprisals.reporting.profiles import public_profile

FACET_HEADINGS = {
    "state": _("State"),
    "year": _("Year"),
    "act_type": _("Act of reprisal"),
    "mechanism": _("UN mechanism engaged"),
    "status": _("Status"),
}
MAX_PAGE = 10_000  # keeps OFFSET within what both databases accept
MAX_ID = 2**63 - 1
RECENT_ITEMS = 10


def home(request):
    now = timezone.now()
    recent = public.feed_entries(now, limit=RECENT_ITEMS)
    return render(request, "register/home.html", {"recent": recent})


def search(request):
    now = timezone.now()
    chosen = {name: param(request, name, 100) for name in FACETS}
    q = param(request, "q", 200)
    found = search_cases(now, q=q, page=page_number(request), **chosen)
    query = {"q": q, **chosen}
    context = {
        "q": q,
        "found": found,
        "facets": facet_links(query, found["facets"]),
        "active": active_filters(query, found["facets"]),
        "chosen": {name: value for name, value in chosen.items() if value},
        "pages": pagination(query, found),
    }
    return render(request, "register/search.html", context)


def case_detail(request, code):
    now = timezone.now()
    shown = public.public_case(code, now)
    if shown is None:
        raise Http404
    votes = vote_events_naming(shown.code, PublicCodes(now))
    return render(request, "register/case.html", {"case": shown, "votes": votes})


def communication_list(request):
    state = param(request, "state", 3)
    found = public.communications_page(timezone.now(), state=state, page=page_number(request))
    windows = {"ua_hours": settings.PUBLICATION_WINDOW_UA_HOURS,
               "al_days": settings.PUBLICATION_WINDOW_AL_DAYS}  # fmt: skip
    context = {"found": found, "state": state, "windows": windows,
               "pages": pagination({"state": state}, found)}  # fmt: skip
    return render(request, "register/communications.html", context)


def communication_detail(request, letter_id):
    now = timezone.now()
    shown = public.public_communication(letter_id, now) if letter_id <= MAX_ID else None
    if shown is None:
        raise Http404
    overdue = not shown.replied and shown.reply_due <= now.date()
    return render(request, "register/communication.html", {"letter": shown, "overdue": overdue})


def state_detail(request, iso3):
    now = timezone.now()
    profile = public.state_profile(iso3, now) if re.fullmatch("[A-Z]{3}", iso3) else None
    if profile is None:
        raise Http404
    figures = public_profile(iso3, now)
    # Rounded half up, like every figure of reporting (1 of 8 is 13 %).
    context = {"state": profile, "reply_rate": figures.replies.percent, "figures": figures,
               "charts": diplomacy_charts.of_record(iso3, figures.diplomacy)}  # fmt: skip
    return render(request, "register/state.html", context)


# -- helpers for links that keep the visitor's query --------------------------


def param(request, name, length):
    """A query parameter, trimmed and cut to `length`, without the NUL
    characters that PostgreSQL refuses in text."""
    return request.GET.get(name, "").replace("\x00", "").strip()[:length]


def page_number(request):
    try:
        return min(max(int(request.GET.get("page", 1)), 1), MAX_PAGE)
    except ValueError:
        return 1


def query_url(query, **changes):
    """`?…` for the query with `changes` applied, empty values and page 1 left out."""
    merged = {**query, **changes}
    kept = {k: v for k, v in merged.items() if v and not (k == "page" and v == 1)}
    return "?" + urlencode(kept) if kept else "?"


def facet_links(query, facets):
    """Per facet: heading and (label, count, url, selected) for each value."""
    groups = []
    for name in FACETS:
        values = [
            {
                "label": label,
                "count": count,
                "selected": str(value) == query[name],
                "url": query_url(query, **{name: "" if str(value) == query[name] else value}),
            }
            for value, label, count in facets.get(name, [])
            if value
        ]
        if values:
            groups.append({"name": name, "heading": FACET_HEADINGS[name], "values": values})
    return groups


def active_filters(query, facets):
    """The filters in force, each with a link that removes it."""
    active = []
    for name in FACETS:
        if query[name]:
            labels = {str(value): label for value, label, _count in facets.get(name, [])}
            active.append(
                {
                    "heading": FACET_HEADINGS[name],
                    "label": labels.get(query[name], query[name]),
                    "url": query_url(query, **{name: ""}),
                }
            )
    return active


def pagination(query, found):
    last = max((found["total"] - 1) // found["per_page"] + 1, 1)
    page = found["page"]
    return {
        "page": page,
        "last": last,
        "previous": query_url(query, page=page - 1) if page > 1 else None,
        "next": query_url(query, page=page + 1) if page < last else None,
    }
