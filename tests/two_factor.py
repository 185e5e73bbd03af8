"""Test helpers for two-factor login: a staff member's device and its codes."""

import time

from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP

from reprisals.accounts import reauth
from reprisals.accounts.models import TOTPDevice
from reprisals.accounts.two_factor import new_device


def device_of(user):
    """The user's confirmed device, made if the user has none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or new_device(user, confirmed=True)


def code_at(device, step):
    """The code an authenticator app shows during time step `step`."""
    totp = TOTP(device.bin_key, step=device.STEP, digits=device.DIGITS)
    totp.time = step * device.STEP
    return f"{totp.token():0{device.DIGITS}d}"


def current_step(device):
    return int(time.time()) // device.STEP


def fresh_code(device):
    """A code the server accepts now: of the current step, or of the next one
    (inside the tolerance) if the current step's code was used already."""
    device.refresh_from_db()
    step = max(current_step(device), device.last_t + 1)
    while step > current_step(device) + device.TOLERANCE:
        time.sleep(1)
    return code_at(device, step)


def login_verified(client, user):
    """force_login, verified by the user's device as a real login would be
    (django-otp's session key), and counting as a recent authentication."""
    device = device_of(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[reauth.SESSION_KEY] = timezone.now().timestamp()
    session.save()
    return device
