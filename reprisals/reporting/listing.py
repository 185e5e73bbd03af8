"""Which cases a report may list, and what it shows of each: the consented
cases only, through the register's public projection.

A report (reporting.reports) counts and lists a case only if everyone it
concerns has current consent `named` or `anonymous` — the consent part of
the publication rule, asked in SQL first (the case's search entry, kept by
the register in the same transaction as every consent) and then by the pure
rule, which has the last word (register.rule.consents_allow). A case is shown
as register.public.project_case shows it: a `named` person's name, an
`anonymous` one's pseudonym, never a field the public may not see. A case
without consent is not listed and not counted, so no report tells it exists.

Reports are drafted before the UN publishes them: a consented case is listed
even if no publication has made it public yet.
"""

from reprisals.cases.models import Case
from reprisals.register import public, queries, rule


def consented_scope(cases):
    """The cases of `cases` whose people have all consented (in SQL)."""
    return cases.filter(search_entry__consents_allow=True)


def consented(cases):
    """{case code: PublicCase} of the cases of `cases` whose people have all
    consented, by the pure rule."""
    chosen = Case.objects.filter(pk__in=consented_scope(cases).values("pk"))
    chosen = chosen.select_related("state").prefetch_related(*public.CASE_PREFETCH)
    windows = rule.Windows.from_settings()
    shown = {}
    for case in chosen:
        facts = queries.case_facts(case)
        if rule.consents_allow(facts):
            shown[case.code] = public.project_case(case, rule.case_public_from(facts, windows))
    return shown


def public_letters(case_codes, now):
    """{case code: [PublicCommunication]} of the public letters covering the
    cases: a letter still in its confidentiality window is never listed."""
    letters = public.public_communication_queryset(now).filter(cases__code__in=case_codes)
    found = {code: [] for code in case_codes}
    for letter in letters.distinct():
        shown = public.project_communication(letter, now)
        for code in shown.case_codes if shown else ():
            if code in found:
                found[code].append(shown)
    return found
