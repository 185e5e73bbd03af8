"""The public intake form, /submit/.

A POST is checked cheapest first: the honeypot and the proof of work (any
failure gets the same answer, which says nothing of the reason), then the
global cap, then the form and its files; only then is the challenge spent
and the submission stored. The answer to a stored submission is its receipt
page, rendered in place (no redirect, so the code is in no URL or history).

Pages are `Cache-Control: no-store`, and the form asks the browser not to
remember what was typed (autocomplete="off"): a seized device should keep as
little as possible.
"""

from django.conf import settings
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from reprisals.intake import proof, services
from reprisals.intake.forms import SubmissionForm
from reprisals.intake.uploads import MemoryOnlyUploadHandler

TEXT_ALLOWANCE = 1024 * 1024  # the form's text fields and multipart overhead

NOT_SENT_YET = _("Your report could not be sent yet. Please check it, select any files "
                 "again, and press “Send” once more in a moment.")  # fmt: skip
FULL = _("Too many reports are arriving right now. Please try again in an hour. Your text "
         "is still below; select any files again.")  # fmt: skip
TOO_LARGE = _("What you sent was larger than %(size)s altogether, so it was not read. "
              "Go back in your browser to find your text, and send fewer or smaller files.")


@csrf_exempt  # upload handlers must be set before the CSRF check reads the body
@never_cache
def submit(request):
    if request.method != "POST":
        return show(request, SubmissionForm(), proof.issue())
    limit = settings.INTAKE_MAX_TOTAL_BYTES + TEXT_ALLOWANCE
    length = request.META.get("CONTENT_LENGTH") or ""
    if length.isdigit() and int(length) > limit:  # (Django reads a malformed length as 0)
        notice = TOO_LARGE % {"size": filesizeformat(settings.INTAKE_MAX_TOTAL_BYTES)}
        return show(request, SubmissionForm(), proof.issue(), notice=notice, status=413)
    request.upload_handlers = [MemoryOnlyUploadHandler(request)]
    return receive(request)


@csrf_protect
def receive(request):
    challenge = request.POST.get("challenge", "")
    form = SubmissionForm(request.POST, request.FILES)
    try:
        if request.POST.get("website"):
            raise proof.Refused("honeypot filled")
        proof.check(challenge, request.POST.get("proof", ""))
    except proof.Refused:
        return show(request, keeping_text(request), fresh(challenge), notice=NOT_SENT_YET,
                    status=400)  # fmt: skip
    if not services.accepting():
        return show(request, keeping_text(request), challenge, notice=FULL, status=429)
    if not form.is_valid():
        return show(request, form, challenge)
    try:
        code = services.receive(form.cleaned_data, challenge)
    except proof.Refused:  # the challenge was used already: a replay
        return show(request, keeping_text(request), proof.issue(), notice=NOT_SENT_YET,
                    status=400)  # fmt: skip
    return render(request, "intake/receipt.html", {"code": code})


def fresh(challenge):
    """The same challenge if it is still good (the sender keeps the time
    already spent on the form), else a new one."""
    try:
        proof.read(challenge)
    except proof.Refused:
        return proof.issue()
    return proof.issue() if proof.spent(challenge) else challenge


def keeping_text(request):
    """An unchecked form showing what was typed (files cannot be kept)."""
    kept = {name: request.POST.get(name) for name in SubmissionForm.KEPT}
    return SubmissionForm(initial={name: value for name, value in kept.items() if value})


def show(request, form, challenge, *, notice=None, status=200):
    context = {"form": form, "challenge": challenge, "bits": settings.INTAKE_PROOF_BITS,
               "notice": notice}  # fmt: skip
    return render(request, "intake/submit.html", context, status=status)
