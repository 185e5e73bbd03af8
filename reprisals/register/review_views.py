"""The review of public texts: every free text of the user's teams that is
not shown, with the names screening found in it, and the approval of the
exact text read (register.texts)."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from reprisals.accounts.reauth import require_recent_authentication
from reprisals.accounts.site import staff_site
from reprisals.cases.models import Act, Case, Citation, Intervention, Organization, Person, Source
from reprisals.communications.models import Communication, Reply
from reprisals.register import texts


def _records(user):
    cases = Case.objects.visible_to(user)
    letters = Communication.objects.visible_to(user)
    return [
        *cases.select_related("state"),
        *Act.objects.filter(case__in=cases).select_related("case"),
        *Intervention.objects.filter(case__in=cases).select_related("case"),
        *Citation.objects.filter(case__in=cases).select_related("case"),
        *Source.objects.visible_to(user),
        *letters,
        *Reply.objects.filter(communication__in=letters).select_related("communication"),
    ]


def _visible(record, user):
    return type(record).objects.visible_to(user).filter(pk=record.pk).exists()


def _named_hits(item, user):
    """Each hit with the person or organisation it matched: their name and a
    link where they are of the user's teams, never another team's name."""
    rows = []
    for hit in item.hits:
        model = Person if hit.model == "person" else Organization
        subject = model.objects.visible_to(user).filter(pk=hit.pk).first()
        rows.append({
            "whole": hit.whole,
            "subject": subject,
            "url": reverse(f"admin:cases_{hit.model}_change", args=[hit.pk]) if subject else "",
        })  # fmt: skip
    return rows


def _owner(obj):
    """The record a text is edited on in the back office."""
    owner = getattr(obj, "case", None) or getattr(obj, "communication", None) or obj
    return owner, reverse(
        f"admin:{owner._meta.app_label}_{owner._meta.model_name}_change", args=[owner.pk]
    )


@permission_required("cases.view_case", raise_exception=True)
def texts_to_review(request):
    rows = []
    for item in texts.pending(_records(request.user)):
        owner, url = _owner(item.obj)
        rows.append({"item": item, "owner": owner, "url": url,
                     "model": item.obj._meta.label_lower,
                     "label": f"{item.obj._meta.verbose_name} · {item.field.replace('_', ' ')}",
                     "hits": _named_hits(item, request.user),
                     "own": item.author_id == request.user.pk})  # fmt: skip
    context = {
        **staff_site.each_context(request),
        "title": "Public texts to review",
        "rows": rows,
        "may_approve": request.user.has_perm("register.approve_text"),
    }
    return TemplateResponse(request, "admin/texts_to_review.html", context)


@require_http_methods(["POST"])
@permission_required("register.approve_text", raise_exception=True)
@require_recent_authentication
def approve_text(request):
    label, field = request.POST.get("model", ""), request.POST.get("field", "")
    if label not in texts.PUBLIC_TEXTS:
        raise Http404("No such record.")
    model = apps.get_model(label)
    obj = model.objects.filter(pk=request.POST.get("pk") or 0).first()
    if obj is None or not _visible(_owner(obj)[0], request.user):
        raise Http404("No such record.")
    try:
        texts.approve_text(obj, field, shown_digest=request.POST.get("digest", ""),
                           actor=request.user)  # fmt: skip
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, "Approved: the text is shown once its record is public.")
    return redirect("review_texts")
