"""Staff two-factor devices: enrolment, the secret as an app reads it, reset.

Every staff account needs a confirmed TOTPDevice to use the back office
(StaffSite is django-otp's OTPAdminSite). A new device is unconfirmed until
its first code is entered; at most one device per account.
"""

import base64
import secrets
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.db import transaction

from reprisals.accounts.models import TOTPDevice
from reprisals.audit.log import record

SECRET_BYTES = 20  # 160 bits, as RFC 4226 recommends


def confirmed_device(user):
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


@transaction.atomic
def new_device(user, *, confirmed=False):
    """A device with a fresh secret, replacing any the user had."""
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(
        user=user,
        name="Authenticator app",
        key=secrets.token_bytes(SECRET_BYTES).hex(),
        confirmed=confirmed,
    )


@transaction.atomic
def confirm(device, code, *, actor):
    """Confirm an enrolment with its first code: the device, or None if the code is wrong."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record(actor, "enrol_two_factor", device, fields=["key", "confirmed"])
    return device


@transaction.atomic
def reset(user, *, actor):
    """Remove a user's device: their verified sessions end, and they enrol
    again at their next login."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    record(actor, "reset_two_factor", user, fields=["two-factor device"])
    return removed > 0


def base32_secret(device):
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def otpauth_uri(device):
    """The Key URI Format read by authenticator apps (and shown as a QR code)."""
    issuer = settings.OTP_TOTP_ISSUER.replace(":", "")
    label = quote(f"{issuer}:{device.user.get_username()}")
    parameters = urlencode(
        {
            "secret": base32_secret(device),
            "issuer": issuer,
            "algorithm": "SHA1",
            "digits": device.DIGITS,
            "period": device.STEP,
        },
        quote_via=quote,
    )
    return f"otpauth://totp/{label}?{parameters}"


def qr_code_data_uri(device):
    """The URI as an SVG QR code in a data: URI (the CSP allows data: images;
    no request leaves the page)."""
    return segno.make(otpauth_uri(device), error="m").svg_data_uri(scale=5)
