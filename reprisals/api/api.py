"""The JSON API, /api/v1/: public reads and token-authenticated staff reads,
with one error shape (errors.py) and an OpenAPI document at openapi.json."""

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from reprisals.api import analysis, diplomacy, errors, public, staff
from reprisals.lib.text import printable_data

DESCRIPTION = """\
Public endpoints return only what the publication rule allows at the moment of
the request: a case or letter that is not public answers 404, like one that does
not exist. Staff endpoints (`/staff/…`) need `Authorization: Bearer <token>` and
follow the back office's roles: records of the token owner's teams only; analysts
get aggregate counts only. Every error has the shape
`{"error": {"status", "code", "message", "fields"?}}`; unknown or invalid
parameters are a 422 naming each one in `fields`.
"""


class PrintableJSONRenderer(JSONRenderer):
    """Every text as lib.text.printable: a control character stored before
    input refused it reaches no client (JSON would carry it as an escape)."""

    def render(self, request, data, *, response_status):
        return super().render(request, printable_data(data), response_status=response_status)


# No interactive docs page: ninja's would load scripts from a CDN into the
# browsers of people who may be at risk. The OpenAPI document is the contract.
api = NinjaAPI(
    title="Reprisals Register API",
    version="1",
    description=DESCRIPTION,
    docs_url=None,
    urls_namespace="api",
    renderer=PrintableJSONRenderer(),
)
errors.install(api)
api.add_decorator(errors.reject_unknown_parameters, mode="view")
api.add_router("", public.router)
api.add_router("/staff", staff.router)
api.add_router("/analysis", analysis.public_router)
api.add_router("/staff/analysis", analysis.staff_router)
api.add_router("/diplomacy", diplomacy.router)
