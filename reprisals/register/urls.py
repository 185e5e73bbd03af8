"""The public register, at the site root. Every view here renders only what
register.public and register.search return.

Pages are read-only: any method but GET and HEAD gets 405. Every response
is marked `Cache-Control: no-cache`: a cache may keep a copy
but must ask again before reusing it, so a withdrawal of consent is never
served stale from a browser or proxy cache.
"""

from django.urls import path
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from reprisals.diplomacy import views as diplomacy_views
from reprisals.register import exports, views
from reprisals.register.feeds import PublicFeed

app_name = "register"


def fresh(view):
    """Read-only (GET and HEAD; anything else is 405) and never served stale."""
    return cache_control(no_cache=True)(require_safe(view))


urlpatterns = [
    path("", fresh(views.home), name="home"),
    path("search/", fresh(views.search), name="search"),
    path("cases/<str:code>/", fresh(views.case_detail), name="case"),
    path("communications/", fresh(views.communication_list), name="communications"),
    path("communications/<int:letter_id>/", fresh(views.communication_detail),
         name="communication"),
    path("states/<str:iso3>/", fresh(views.state_detail), name="state"),
    path("votes/<path:symbol>/", fresh(diplomacy_views.vote_page), name="vote"),
    path("amendments/<path:symbol>/", fresh(diplomacy_views.amendments_page),
         name="amendments"),
    path("agreement/<str:body>/<str:iso3>/", fresh(diplomacy_views.agreement_page),
         name="agreement"),
    path("feed.atom", fresh(PublicFeed()), name="feed"),
    path("exports/", fresh(exports.data_dictionary), name="exports"),
    path("exports/cases.csv", fresh(exports.export_csv), {"dataset": "cases"},
         name="cases-csv"),
    path("exports/cases.json", fresh(exports.export_json), {"dataset": "cases"},
         name="cases-json"),
    path("exports/communications.csv", fresh(exports.export_csv),
         {"dataset": "communications"}, name="communications-csv"),
    path("exports/communications.json", fresh(exports.export_json),
         {"dataset": "communications"}, name="communications-json"),
]  # fmt: skip
