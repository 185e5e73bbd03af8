"""Staff login: password and code in one form, enrolment, re-authentication.

One form asks for the username, the password and the code of the
authenticator app (like django-otp's OTPAdminSite) rather than two steps: a
wrong password and a wrong code get the same answer, so a guessed password
alone tells an attacker nothing, and each submission is one attempt for the
throttle (accounts.throttle). Only an account that has no confirmed device
yet gets in with its password alone — into a session that django-otp does
not count as verified, which opens nothing but the enrolment page, and only
right after that password login (the enrolment is bound to the session)."""

import django_otp
from django import forms
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache

from reprisals.accounts import reauth, throttle, two_factor
from reprisals.accounts.models import TOTPDevice

INVALID_LOGIN = (
    "Please enter the correct username, password and code for a staff account. "
    "Note that the username and password are case-sensitive."
)


def code_field(required=True):
    return forms.CharField(
        label="Code from your authenticator app",
        required=required,
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )


def refuse_while_cooling_off(username):
    remaining = throttle.cool_off_remaining(username)
    if remaining is not None:
        raise ValidationError(throttle.cool_off_message(remaining), code="throttled")


class StaffLoginForm(AdminAuthenticationForm):
    code = code_field(required=False)  # not yet for an account that must enrol
    error_messages = {**AdminAuthenticationForm.error_messages, "invalid_login": INVALID_LOGIN}

    def clean(self):
        username = self.cleaned_data.get("username")
        if not username or not self.cleaned_data.get("password"):
            return self.cleaned_data  # the field errors say what is missing
        refuse_while_cooling_off(username)
        try:
            super().clean()
        except ValidationError:
            throttle.record_failure(username)
            raise
        device = two_factor.confirmed_device(self.user_cache)
        if device is not None:
            device = django_otp.verify_token(
                self.user_cache, device.persistent_id, self.cleaned_data.get("code") or ""
            )
            if device is None:
                throttle.record_failure(username)
                raise self.get_invalid_login_error()
        throttle.record_success(username)
        # django-otp's user_logged_in receiver calls django_otp.login with it.
        self.user_cache.otp_device = device
        return self.cleaned_data


class StaffLoginView(LoginView):
    authentication_form = StaffLoginForm
    template_name = "admin/staff_login.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.get_user().otp_device is None:
            return start_enrolment(self.request, self.get_success_url())
        reauth.mark_authenticated(self.request)
        return response


ENROLMENT_KEY = "accounts.enrolment_device"


def start_enrolment(request, next_url):
    """After a password login of an account without a confirmed device: a new
    secret, bound to this session, so that only a session that has just
    checked the password can set up the second factor."""
    request.session[ENROLMENT_KEY] = two_factor.new_device(request.user).pk
    return redirect_to_enrolment(next_url)


def redirect_to_enrolment(next_url):
    query = urlencode({REDIRECT_FIELD_NAME: next_url})
    return HttpResponseRedirect(f"{reverse('admin:enrol')}?{query}")


def enrolment_device(request):
    """The device this session is setting up, if any."""
    if not request.user.is_authenticated or ENROLMENT_KEY not in request.session:
        return None
    return TOTPDevice.objects.filter(
        pk=request.session[ENROLMENT_KEY], user=request.user, confirmed=False
    ).first()


class CodeForm(forms.Form):
    code = code_field()


class ReauthenticationForm(CodeForm):
    password = forms.CharField(label="Password", strip=False, widget=forms.PasswordInput)
    field_order = ["password", "code"]

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        password = self.cleaned_data.get("password")
        if not password:
            return self.cleaned_data
        username = self.user.get_username()
        refuse_while_cooling_off(username)
        device = self.user.otp_device
        code = self.cleaned_data.get("code") or ""
        if not (
            self.user.check_password(password)
            and django_otp.verify_token(self.user, device.persistent_id, code)
        ):
            throttle.record_failure(username)
            raise ValidationError("The password or the code is not right.", code="invalid")
        throttle.record_success(username)
        return self.cleaned_data


@never_cache
def enrol(request, site):
    """Set up the authenticator app: show the secret, confirm with a code."""
    user = request.user
    device = enrolment_device(request)
    if device is None:
        return redirect("admin:index" if user.is_authenticated else "admin:login")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        try:
            refuse_while_cooling_off(user.get_username())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            confirmed = two_factor.confirm(device, form.cleaned_data["code"], actor=user)
            if confirmed is not None:
                throttle.record_success(user.get_username())
                django_otp.login(request, confirmed)
                reauth.mark_authenticated(request)
                del request.session[ENROLMENT_KEY]
                messages.success(request, "Two-factor login is set up for your account.")
                return redirect(reauth.safe_next(request, reverse("admin:index")))
            throttle.record_failure(user.get_username())
            form.add_error("code", "That code is not right. Enter the code your app shows now.")
    context = {
        **site.each_context(request),
        "title": "Set up two-factor login",
        "form": form,
        "secret": two_factor.base32_secret(device),
        "otpauth_uri": two_factor.otpauth_uri(device),
        "qr_code": two_factor.qr_code_data_uri(device),
        "next": reauth.safe_next(request, ""),
    }
    return TemplateResponse(request, "admin/enrol.html", context)


@never_cache
def reauthenticate(request, site):
    """Enter the password and a code again before a dangerous action."""
    form = ReauthenticationForm(request.user, request.POST or None)
    if form.is_valid():
        reauth.mark_authenticated(request)
        if request.GET.get("repeat"):
            messages.success(request, "Confirmed. You can now repeat the action.")
        return redirect(reauth.safe_next(request, reverse("admin:index")))
    context = {
        **site.each_context(request),
        "title": "Confirm it is you",
        "form": form,
        "next": reauth.safe_next(request, ""),
        "minutes": int(reauth.RECENT.total_seconds() // 60),
    }
    return TemplateResponse(request, "admin/reauthenticate.html", context)
