"""Who may do what on every route: the policy table of test_access_matrix.py.

Every route of the URL resolver is listed once, under the policy it follows.
A new route: add its pattern (as the failing test prints it) to the list of the
policy it should follow, or write a new policy next to the others.

A policy gives, for each method, the outcome expected for each role, in the
order of ROLES. The objects in the URLs belong to the owner team, which the
analyst, documenter and reviewer are members of; the outsider is a documenter
of another team; the administrator sees every team. The owner team's case and
letter are not public.
"""

from dataclasses import dataclass

ROLES = ("anonymous", "analyst", "outsider", "documenter", "reviewer", "administrator")
PAGE_METHODS = ("GET", "POST")
API_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")

# Outcome classes; any other status stands for itself (401, 403, 404, 405).
OK = "2xx"  # allowed: the page, the data, or the form with its errors
LOGIN = "to login"  # a redirect to the staff login page
INDEX = "to index"  # a redirect to the staff index: "no such record", or "already logged in"
REDIRECT = "3xx"  # a redirect elsewhere


@dataclass(frozen=True, eq=False)
class Policy:
    name: str
    GET: tuple
    POST: tuple
    HEAD: tuple = ()
    PUT: tuple = ()
    PATCH: tuple = ()
    DELETE: tuple = ()

    def expected(self, method, role):
        outcomes = getattr(self, method)
        assert len(outcomes) == len(ROLES), f"{self.name} has no outcomes for {method}"
        return outcomes[ROLES.index(role)]


# The analysis endpoints, public and staff (reprisals/api/analysis.py).
ANALYSIS_FUNCTIONS = ["cases-per-year", "ranking", "reports-citing", "follow-up-rate",
                      "persistence", "distributions", "patterns", "published"]  # fmt: skip


def every_role(outcome):
    return (outcome,) * len(ROLES)


def api_get_only(*outcomes):
    """An API route that answers GET only (ninja answers HEAD with 405 too)."""
    refused = every_role(405)
    return dict(GET=outcomes, HEAD=refused, POST=refused, PUT=refused, PATCH=refused,
                DELETE=refused)  # fmt: skip


# fmt: off
#                 anonymous analyst  outsider documenter reviewer administrator

# --- The public register: the same for everyone, staff or not. Its views are
# read-only and answer POST like GET.
PUBLIC_PAGES = Policy("PUBLIC_PAGES", GET=every_role(OK), POST=every_role(405))
# The owner team's case and letter are not public: no role sees them here.
PUBLIC_HIDDEN_RECORD = Policy("PUBLIC_HIDDEN_RECORD", GET=every_role(404), POST=every_role(405))
# A vote, amendments or agreement page with no record (the test world holds
# no diplomatic record): the same 404 for everyone.
PUBLIC_NO_RECORD = Policy("PUBLIC_NO_RECORD", GET=every_role(404), POST=every_role(405))
# The intake form: a POST without a valid proof of work (here, an empty one)
# is refused alike for everyone.
INTAKE_FORM = Policy("INTAKE_FORM", GET=every_role(OK), POST=every_role(400))
LANGUAGE_SWITCH = Policy("LANGUAGE_SWITCH", GET=every_role(REDIRECT), POST=every_role(REDIRECT))

# --- The JSON API: public reads need no token, staff reads a Bearer token.
API_PUBLIC = Policy("API_PUBLIC", **api_get_only(*every_role(OK)))
API_PUBLIC_HIDDEN_RECORD = Policy("API_PUBLIC_HIDDEN_RECORD", **api_get_only(*every_role(404)))
# The diplomatic record's endpoints for a symbol or States with no vote on
# record (the test world holds no diplomatic record): the same 404 for everyone.
API_PUBLIC_NO_RECORD = Policy("API_PUBLIC_NO_RECORD", **api_get_only(*every_role(404)))
# ninja's OpenAPI view answers every method with the document.
API_CONTRACT = Policy("API_CONTRACT", **{m: every_role(OK) for m in API_METHODS})
API_NO_SUCH_ENDPOINT = Policy("API_NO_SUCH_ENDPOINT", **{m: every_role(404) for m in API_METHODS})
API_STAFF_RECORDS = Policy("API_STAFF_RECORDS", **api_get_only(
                  401,      403,     OK,      OK,        OK,      OK))
API_STAFF_CASE = Policy("API_STAFF_CASE", **api_get_only(
                  401,      403,     404,     OK,        OK,      OK))
API_STAFF_STATISTICS = Policy("API_STAFF_STATISTICS", **api_get_only(
                  401,      OK,      OK,      OK,        OK,      OK))

# --- The back office, /staff/: anonymous visitors are sent to log in.
STAFF_LOGIN = Policy("STAFF_LOGIN",
    GET=(         OK,       INDEX,   INDEX,   INDEX,     INDEX,   INDEX),
    POST=every_role(OK))
STAFF_LOGOUT = Policy("STAFF_LOGOUT",
    GET=(         INDEX,    405,     405,     405,       405,     405),
    POST=(        INDEX,    OK,      OK,      OK,        OK,      OK))
# Setting up the second factor: only a session that has just logged in with
# its password and has no device yet (tests/test_two_factor.py); a verified
# session is sent to the index.
STAFF_ENROL = Policy("STAFF_ENROL",
    GET=(         LOGIN,    INDEX,   INDEX,   INDEX,     INDEX,   INDEX),
    POST=(        LOGIN,    INDEX,   INDEX,   INDEX,     INDEX,   INDEX))
ANY_STAFF = Policy("ANY_STAFF",
    GET=(         LOGIN,    OK,      OK,      OK,        OK,      OK),
    POST=(        LOGIN,    OK,      OK,      OK,        OK,      OK))
ANY_STAFF_READ = Policy("ANY_STAFF_READ",
    GET=(         LOGIN,    OK,      OK,      OK,        OK,      OK),
    POST=(        LOGIN,    405,     405,     405,       405,     405))
STAFF_NOT_FOUND = Policy("STAFF_NOT_FOUND",
    GET=(         LOGIN,    404,     404,     404,       404,     404),
    POST=(        LOGIN,    404,     404,     404,       404,     404))
# The admin's old record URL redirects to the change page before any check.
STAFF_RECORD_REDIRECT = Policy("STAFF_RECORD_REDIRECT",
    GET=(         LOGIN,    REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    POST=(        LOGIN,    REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT))
# Reference data (States, bodies, mechanisms) is shared by every team: every
# role reads it, administrators alone add, change and delete it
# (ADMINISTRATOR_ONLY for adding and deleting).
REFERENCE_READ = Policy("REFERENCE_READ",
    GET=(         LOGIN,    OK,      OK,      OK,        OK,      OK),
    POST=(        LOGIN,    403,     403,     403,       403,     OK))
# Lists and new-record forms of case work: each team sees only its own records.
CASE_WORK = Policy("CASE_WORK",
    GET=(         LOGIN,    403,     OK,      OK,        OK,      OK),
    POST=(        LOGIN,    403,     OK,      OK,        OK,      OK))
# An app's index page (here "cases"): a role that sees none of its models gets 404.
CASE_APP_INDEX = Policy("CASE_APP_INDEX",
    GET=(         LOGIN,    404,     OK,      OK,        OK,      OK),
    POST=(        LOGIN,    404,     OK,      OK,        OK,      OK))
# A record of the owner team: another team's staff get 404, as if it did not exist.
TEAM_RECORD = Policy("TEAM_RECORD",
    GET=(         LOGIN,    403,     404,     OK,        OK,      OK),
    POST=(        LOGIN,    403,     404,     OK,        OK,      OK))
TEAM_RECORD_DELETE = Policy("TEAM_RECORD_DELETE",
    GET=(         LOGIN,    403,     404,     OK,        403,     OK),
    POST=(        LOGIN,    403,     404,     OK,        403,     OK))
# A decision is reached through its case: another team's decision is 404,
# like its case (and like an id that does not exist). Decisions are never
# edited, and only administrators delete them.
PUBLICATION_DECISION = Policy("PUBLICATION_DECISION",
    GET=(         LOGIN,    403,     404,     OK,        OK,      OK),
    POST=(        LOGIN,    403,     404,     403,       403,     403))
PUBLICATION_DECISION_DELETE = Policy("PUBLICATION_DECISION_DELETE",
    GET=(         LOGIN,    403,     404,     403,       403,     OK),
    POST=(        LOGIN,    403,     404,     403,       403,     OK))
PUBLICATION_DECISION_HISTORY = Policy("PUBLICATION_DECISION_HISTORY",
    GET=(         LOGIN,    403,     404,     OK,        OK,      OK),
    POST=(        LOGIN,    403,     404,     OK,        OK,      OK))
# The intake queue: administrators and staff with "triage submissions"
# (documenters and reviewers of any team: submissions belong to no team yet).
TRIAGE = Policy("TRIAGE",
    GET=(         LOGIN,    403,     OK,      OK,        OK,      OK),
    POST=(        LOGIN,    403,     OK,      OK,        OK,      OK))
TRIAGE_DOWNLOAD = Policy("TRIAGE_DOWNLOAD",
    GET=(         LOGIN,    403,     OK,      OK,        OK,      OK),
    POST=(        LOGIN,    405,     405,     405,       405,     405))
# Approving a public text: reviewers and administrators, by POST only (an
# empty form names no record: 404).
TEXT_APPROVAL = Policy("TEXT_APPROVAL",
    GET=(         LOGIN,    405,     405,     405,       405,     405),
    POST=(        LOGIN,    403,     403,     403,       404,     404))
ADMINISTRATOR_ONLY = Policy("ADMINISTRATOR_ONLY",
    GET=(         LOGIN,    403,     403,     403,       403,     OK),
    POST=(        LOGIN,    403,     403,     403,       403,     OK))
# The audit trail and API tokens: written by the actions themselves, read by
# administrators, changed through the admin by nobody.
ADMINISTRATOR_READ = Policy("ADMINISTRATOR_READ",
    GET=(         LOGIN,    403,     403,     403,       403,     OK),
    POST=(        LOGIN,    403,     403,     403,       403,     403))
NOBODY = Policy("NOBODY",
    GET=(         LOGIN,    403,     403,     403,       403,     403),
    POST=(        LOGIN,    403,     403,     403,       403,     403))
# --- Reporting (reprisals/reporting). Cycles, published figures and pattern
# designations are facts of published documents, of no team: every staff role
# reads them, documenters and reviewers add and correct them, administrators
# alone delete them (ADMINISTRATOR_ONLY). Mentions are team records (CASE_WORK,
# TEAM_RECORD…).
SHARED_RECORD = Policy("SHARED_RECORD",
    GET=(         LOGIN,    OK,      OK,      OK,        OK,      OK),
    POST=(        LOGIN,    403,     OK,      OK,        OK,      OK))
SHARED_RECORD_ADD = Policy("SHARED_RECORD_ADD",
    GET=(         LOGIN,    403,     OK,      OK,        OK,      OK),
    POST=(        LOGIN,    403,     OK,      OK,        OK,      OK))
# The follow-up of a cycle, for those who may change cases: the list shows the
# cases of the user's teams (none for the outsider); a case of another team is
# 404. An empty form records the case as listed for follow-up.
FOLLOW_UP_LIST = Policy("FOLLOW_UP_LIST",
    GET=(         LOGIN,    403,     OK,      OK,        OK,      OK),
    POST=(        LOGIN,    405,     405,     405,       405,     405))
FOLLOW_UP_CASE = Policy("FOLLOW_UP_CASE",
    GET=(         LOGIN,    403,     404,     OK,        OK,      OK),
    POST=(        LOGIN,    403,     404,     REDIRECT,  REDIRECT, REDIRECT))
# Reports to download (reprisals/reporting/views.py): those who may see cases,
# over their teams' consented cases (none for the outsider: an empty report).
# Read-only, so POST is 405 before any permission check. State profiles
# (figures only) follow ANY_STAFF_READ.
STAFF_REPORTS = Policy("STAFF_REPORTS",
    GET=(         LOGIN,    403,     OK,      OK,        OK,      OK),
    POST=(        LOGIN,    405,     405,     405,       405,     405))
# fmt: on

TABLE = {
    PUBLIC_PAGES: [
        "", "search/", "communications/", "states/<str:iso3>/", "feed.atom", "exports/",
        "exports/cases.csv", "exports/cases.json",
        "exports/communications.csv", "exports/communications.json",
    ],
    PUBLIC_HIDDEN_RECORD: ["cases/<str:code>/", "communications/<int:letter_id>/"],
    PUBLIC_NO_RECORD: ["votes/<path:symbol>/", "amendments/<path:symbol>/",
                       "agreement/<str:body>/<str:iso3>/"],
    LANGUAGE_SWITCH: ["i18n/setlang/"],
    INTAKE_FORM: ["submit/"],
    API_PUBLIC: [
        "api/v1/cases", "api/v1/communications", "api/v1/states/<iso3>",
        *(f"api/v1/analysis/{name}" for name in ANALYSIS_FUNCTIONS),
        "api/v1/diplomacy/states/<iso3>/record",
    ],
    API_PUBLIC_HIDDEN_RECORD: ["api/v1/cases/<code>", "api/v1/communications/<letter_id>"],
    API_PUBLIC_NO_RECORD: [
        "api/v1/diplomacy/votes", "api/v1/diplomacy/amendments", "api/v1/diplomacy/agreement",
    ],
    API_CONTRACT: ["api/v1/openapi.json"],
    API_NO_SUCH_ENDPOINT: ["api/v1/", 'api/v1/re""'],
    API_STAFF_RECORDS: ["api/v1/staff/cases", "api/v1/staff/communications"],
    API_STAFF_CASE: ["api/v1/staff/cases/<code>"],
    API_STAFF_STATISTICS: [
        "api/v1/staff/statistics",
        *(f"api/v1/staff/analysis/{name}" for name in ANALYSIS_FUNCTIONS),
    ],
    STAFF_LOGIN: ["staff/login/"],
    STAFF_LOGOUT: ["staff/logout/"],
    STAFF_ENROL: ["staff/login/enrol/"],
    ANY_STAFF: [
        "staff/", "staff/password_change/", "staff/statistics/", "staff/reauthenticate/",
        "staff/reference/state/", "staff/reference/state/<path:object_id>/history/",
        "staff/reference/body/", "staff/reference/body/<path:object_id>/history/",
        "staff/reference/mechanism/", "staff/reference/mechanism/<path:object_id>/history/",
        "staff/reporting/reportingcycle/", "staff/reporting/publishedaggregate/",
        "staff/reporting/patterndesignation/",
        "staff/reporting/reportingcycle/<path:object_id>/history/",
        "staff/reporting/publishedaggregate/<path:object_id>/history/",
        "staff/reporting/patterndesignation/<path:object_id>/history/",
    ],
    ANY_STAFF_READ: [
        "staff/password_change/done/", "staff/autocomplete/", "staff/jsi18n/",
        "staff/profiles/", "staff/profiles/<str:iso3>/",
    ],
    STAFF_NOT_FOUND: [
        "staff/r/<path:content_type_id>/<path:object_id>/", 'staff/re"(?P<url>.*)$"',
    ],
    STAFF_RECORD_REDIRECT: [
        f"staff/{model}/<path:object_id>/" for model in [
            "reference/state", "reference/body", "reference/mechanism", "accounts/team",
            "auth/user", "auth/group", "audit/auditentry", "cases/case", "cases/person",
            "cases/organization", "cases/source", "communications/communication",
            "register/publicationdecision", "intake/submission", "api/apitoken",
            "reporting/reportingcycle", "reporting/reportmention",
            "reporting/publishedaggregate", "reporting/patterndesignation",
        ]
    ],
    REFERENCE_READ: [
        "staff/reference/state/<path:object_id>/change/",
        "staff/reference/body/<path:object_id>/change/",
        "staff/reference/mechanism/<path:object_id>/change/",
    ],
    TEXT_APPROVAL: ["staff/texts/approve/"],
    CASE_WORK: [
        "staff/calendar/", "staff/texts/",
        "staff/cases/case/", "staff/cases/case/add/",
        "staff/cases/person/", "staff/cases/person/add/",
        "staff/cases/organization/", "staff/cases/organization/add/",
        "staff/cases/source/", "staff/cases/source/add/",
        "staff/communications/communication/", "staff/communications/communication/add/",
        "staff/register/publicationdecision/", "staff/register/publicationdecision/add/",
        "staff/reporting/reportmention/", "staff/reporting/reportmention/add/",
    ],
    CASE_APP_INDEX: [
        'staff/re"^(?P<app_label>reference|accounts|auth|audit|cases|communications|register|intake|api|reporting)/$"',
    ],
    TEAM_RECORD: [
        "staff/cases/case/<path:object_id>/change/",
        "staff/cases/case/<path:object_id>/history/",
        "staff/cases/person/<path:object_id>/change/",
        "staff/cases/person/<path:object_id>/history/",
        "staff/cases/organization/<path:object_id>/change/",
        "staff/cases/organization/<path:object_id>/history/",
        "staff/cases/source/<path:object_id>/change/",
        "staff/cases/source/<path:object_id>/history/",
        "staff/communications/communication/<path:object_id>/change/",
        "staff/communications/communication/<path:object_id>/history/",
        "staff/reporting/reportmention/<path:object_id>/change/",
        "staff/reporting/reportmention/<path:object_id>/history/",
    ],
    TEAM_RECORD_DELETE: [
        "staff/cases/case/<path:object_id>/delete/",
        "staff/cases/person/<path:object_id>/delete/",
        "staff/cases/organization/<path:object_id>/delete/",
        "staff/cases/source/<path:object_id>/delete/",
        "staff/communications/communication/<path:object_id>/delete/",
        "staff/reporting/reportmention/<path:object_id>/delete/",
    ],
    PUBLICATION_DECISION: ["staff/register/publicationdecision/<path:object_id>/change/"],
    PUBLICATION_DECISION_DELETE: ["staff/register/publicationdecision/<path:object_id>/delete/"],
    PUBLICATION_DECISION_HISTORY: [
        "staff/register/publicationdecision/<path:object_id>/history/",
    ],
    TRIAGE: [
        "staff/intake/submission/", "staff/intake/submission/<path:object_id>/change/",
        "staff/intake/submission/<path:object_id>/history/",
    ],
    TRIAGE_DOWNLOAD: [
        "staff/intake/submission/<path:object_id>/attachment/<int:attachment_id>/",
    ],
    ADMINISTRATOR_ONLY: [
        "staff/reference/state/add/", "staff/reference/state/<path:object_id>/delete/",
        "staff/reference/body/add/", "staff/reference/body/<path:object_id>/delete/",
        "staff/reference/mechanism/add/", "staff/reference/mechanism/<path:object_id>/delete/",
        "staff/accounts/team/", "staff/accounts/team/add/",
        "staff/accounts/team/<path:object_id>/change/",
        "staff/accounts/team/<path:object_id>/delete/",
        "staff/accounts/team/<path:object_id>/history/",
        "staff/auth/user/", "staff/auth/user/add/",
        "staff/auth/user/<path:object_id>/change/",
        "staff/auth/user/<path:object_id>/delete/",
        "staff/auth/user/<path:object_id>/history/",
        "staff/auth/user/<id>/password/",
        "staff/auth/group/", "staff/auth/group/add/",
        "staff/auth/group/<path:object_id>/change/",
        "staff/auth/group/<path:object_id>/delete/",
        "staff/auth/group/<path:object_id>/history/",
        "staff/audit/auditentry/", "staff/audit/auditentry/<path:object_id>/history/",
        "staff/api/apitoken/", "staff/api/apitoken/<path:object_id>/history/",
        "staff/intake/submission/<path:object_id>/delete/",
        "staff/reporting/reportingcycle/<path:object_id>/delete/",
        "staff/reporting/publishedaggregate/<path:object_id>/delete/",
        "staff/reporting/patterndesignation/<path:object_id>/delete/",
    ],
    ADMINISTRATOR_READ: [
        "staff/audit/auditentry/<path:object_id>/change/",
        "staff/api/apitoken/<path:object_id>/change/",
    ],
    NOBODY: [
        "staff/audit/auditentry/add/", "staff/audit/auditentry/<path:object_id>/delete/",
        "staff/api/apitoken/add/", "staff/api/apitoken/<path:object_id>/delete/",
        "staff/intake/submission/add/",
    ],
    SHARED_RECORD: [
        "staff/reporting/reportingcycle/<path:object_id>/change/",
        "staff/reporting/publishedaggregate/<path:object_id>/change/",
        "staff/reporting/patterndesignation/<path:object_id>/change/",
    ],
    SHARED_RECORD_ADD: [
        "staff/reporting/reportingcycle/add/", "staff/reporting/publishedaggregate/add/",
        "staff/reporting/patterndesignation/add/",
    ],
    FOLLOW_UP_LIST: ["staff/reporting/reportingcycle/<path:object_id>/follow-up/"],
    FOLLOW_UP_CASE: ["staff/reporting/reportingcycle/<path:object_id>/follow-up/<str:code>/"],
    STAFF_REPORTS: ["staff/reports/", "staff/reports/annual/", "staff/reports/oral-update/"],
}  # fmt: skip

ROUTES = {route: policy for policy, routes in TABLE.items() for route in routes}
