"""Re-authentication before dangerous actions ("sudo mode").

A view or admin action decorated with `require_recent_authentication` runs
only if the staff member entered their password and a code within the last
RECENT minutes — at login or on the re-authentication page — so a session
left open on an unattended computer cannot approve a publication or reset
someone's second factor.

GET views come back to the same page after re-authentication. Admin
actions are POSTs, which cannot be replayed through a redirect: the staff
member is returned to the list and asked to run the action again.
"""

import datetime
import functools
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

RECENT = datetime.timedelta(minutes=5)
SESSION_KEY = "accounts.authenticated_at"


def mark_authenticated(request):
    request.session[SESSION_KEY] = timezone.now().timestamp()


def recently_authenticated(request):
    at = request.session.get(SESSION_KEY)
    return at is not None and timezone.now().timestamp() - at <= RECENT.total_seconds()


def require_recent_authentication(function):
    """For views (request, …) and admin actions (modeladmin, request, queryset)."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        request = next(arg for arg in args if isinstance(arg, HttpRequest))
        if recently_authenticated(request):
            return function(*args, **kwargs)
        query = {"next": request.get_full_path()}
        if request.method == "POST":
            query["repeat"] = "1"
            messages.info(
                request, "This action needs your password and a code again. "
                "Enter them, then repeat the action."
            )  # fmt: skip
        return redirect(f"{reverse('admin:reauthenticate')}?{urlencode(query)}")

    return wrapper


def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
