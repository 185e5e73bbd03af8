"""Public texts: every free text that can reach the public, and its review.

A public text is shown only when two things hold at the moment it is shown:
a reviewer other than its author approved that exact text (the approval is
bound to a keyed digest of the record, the field and the text, so any edit
withdraws it), and screening (register.screening) finds in it no name of a
person or organisation who may not be named. Until then the public side
shows the structured public fields and a generated title only.
"""

import hashlib
import hmac
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from reprisals.audit.log import record
from reprisals.audit.models import AuditEntry
from reprisals.register.models import TextApproval
from reprisals.register.screening import screen_texts
from reprisals.vault.keyring import keyring

# The records' fields whose free text may be shown to the public.
PUBLIC_TEXTS = {
    "cases.case": ("public_title", "public_summary"),
    "cases.act": ("legal_basis",),
    "cases.intervention": ("reference",),
    "cases.source": ("title", "author", "url"),
    "cases.citation": ("locator",),
    "communications.communication": ("subject", "public_text"),
    "communications.reply": ("public_text",),
}


def digest(obj, field, text):
    message = f"approval|{obj._meta.label_lower}|{obj.pk}|{field}|{text}".encode()
    return hmac.new(keyring().index, message, hashlib.sha256).hexdigest()


def _items(objects):
    for obj in objects:
        for field in PUBLIC_TEXTS[obj._meta.label_lower]:
            text = getattr(obj, field) or ""
            if text:
                yield obj, field, text


class Shown:
    """Which public texts of a set of records may be shown now: two queries
    (approvals, screening) for all of them."""

    def __init__(self, objects):
        items = list(_items(objects))
        digests = {digest(obj, field, text): (obj, field) for obj, field, text in items}
        approved = set(
            TextApproval.objects.filter(digest__in=list(digests)).values_list("digest", flat=True)
        )
        keys = {(o._meta.label_lower, o.pk, f): t for o, f, t in items}
        approved_keys = {(o._meta.label_lower, o.pk, f) for d, (o, f) in digests.items()
                         if d in approved}  # fmt: skip
        hits = screen_texts(keys[k] for k in approved_keys)
        self._shown = {k: keys[k] for k in approved_keys if not hits.get(keys[k])}

    def text(self, obj, field):
        """The text if it may be shown, else ""."""
        return self._shown.get((obj._meta.label_lower, obj.pk, field), "")


@dataclass(frozen=True)
class PendingText:
    obj: object
    field: str
    text: str
    digest: str
    approved: bool  # approved, but withheld while screening finds a name
    hits: tuple  # screening.Hit
    author_id: int | None


WRITES = ("add", "change")  # the back office's entries (accounts.site.AuditedAdmin)


def author_of(obj, field):
    """The staff member who last wrote the field, from the audit trail; None
    when no one did through an audited path (an import run by an operator)."""
    writes = AuditEntry.objects.filter(action__in=WRITES).order_by("-sequence")
    entries = writes.filter(model=obj._meta.label_lower, object_pk=str(obj.pk))
    for action, fields, actor in entries.values_list("action", "fields", "actor_id")[:50]:
        if action == "add" or field in fields:
            return actor
    case_id = getattr(obj, "case_id", None)
    if case_id:  # written through the case's form, as an inline
        latest = writes.filter(model="cases.case", object_pk=str(case_id))
        return latest.values_list("actor_id", flat=True).first()
    return None


def pending(objects):
    """The non-empty public texts of these records that are not shown: those
    no approval covers, and approved ones in which screening finds a name."""
    items = [(o, f, t, digest(o, f, t)) for o, f, t in _items(objects)]
    approved = set(
        TextApproval.objects.filter(digest__in=[d for *_, d in items]).values_list(
            "digest", flat=True
        )
    )
    hits = screen_texts(t for _, _, t, _ in items)
    return [PendingText(o, f, t, d, d in approved, tuple(hits.get(t, ())), author_of(o, f))
            for o, f, t, d in items if d not in approved or hits.get(t)]  # fmt: skip


@transaction.atomic
def approve_text(obj, field, *, shown_digest, actor):
    """A reviewer approves the exact text they were shown (`shown_digest`):
    refused if it was edited since, or if they wrote it."""
    if not actor.has_perm("register.approve_text"):
        raise PermissionDenied("Only reviewers may approve public texts.")
    if field not in PUBLIC_TEXTS.get(obj._meta.label_lower, ()):
        raise ValidationError(f"{field} is not a public text.")
    text = getattr(obj, field) or ""
    current = digest(obj, field, text)
    if not text or current != shown_digest:
        raise ValidationError("The text was changed since you read it: read it again.")
    if screen_texts([text]).get(text):
        raise ValidationError("The text names someone who may not be named: rewrite it first.")
    if author_of(obj, field) == actor.pk:
        raise PermissionDenied("A text must be approved by a reviewer other than its author.")
    approval, created = TextApproval.objects.get_or_create(
        digest=current,
        defaults={"model": obj._meta.label_lower, "object_pk": str(obj.pk), "field": field,
                  "approved_by": actor, "approved_at": timezone.now()},
    )  # fmt: skip
    if created:
        record(actor, "approve_text", obj, fields=[field])
        from reprisals.register.search import reindex_cases_of

        reindex_cases_of(obj)
    return approval


def approve_all(objects, *, actor):
    """Approve every pending public text of these records in which screening
    finds no name, as `actor` (the demo's reviewers)."""
    for item in pending(objects):
        if item.approved or item.hits:
            continue
        approve_text(item.obj, item.field, shown_digest=item.digest, actor=actor)
