"""Staff pages of the register: what becomes public when."""

from django.contrib.auth.decorators import permission_required
from django.template.response import TemplateResponse
from django.utils import timezone

from reprisals.accounts.site import staff_site
from reprisals.cases.models import Case
from reprisals.communications.models import Communication
from reprisals.register import queries, rule


@permission_required("cases.view_case", raise_exception=True)
def publication_calendar(request):
    """Letters and cases of the user's teams, with the moment each becomes
    public under the rule — or why it cannot."""
    now = timezone.now()
    windows = rule.Windows.from_settings()
    letters = []
    for letter in Communication.objects.visible_to(request.user).select_related("addressee"):
        public_from = rule.communication_public_from(queries.communication_facts(letter), windows)
        letters.append({"letter": letter, "public_from": public_from, "public": now >= public_from,
                        "overdue": letter.is_overdue(now)})  # fmt: skip
    letters.sort(key=lambda row: row["public_from"], reverse=True)
    cases = []
    for case in Case.objects.visible_to(request.user).select_related("state"):
        facts = queries.case_facts(case)
        public_from = rule.case_public_from(facts, windows)
        blocked = not facts.consents or any(rule.display(c) is None for c in facts.consents)
        cases.append({"case": case, "public_from": public_from, "blocked_by_consent": blocked,
                      "public": public_from is not None and now >= public_from})  # fmt: skip
    context = {**staff_site.each_context(request), "title": "Publication calendar",
               "now": now, "letters": letters, "cases": cases}  # fmt: skip
    return TemplateResponse(request, "admin/publication_calendar.html", context)
