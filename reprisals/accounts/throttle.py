"""Login throttling by account: a cool-off after repeated failures.

After FREE_FAILURES failed attempts (a wrong password or a wrong code) for a
username, further attempts for it are refused for a minute; each failure
after a cool-off doubles the next one, up to an hour. There is no permanent
lockout, and a success starts again from zero. Failures are forgotten a day
after the last one.

Usernames that do not exist are throttled exactly like real ones, so the
answer tells nothing about which accounts exist. Only a keyed digest of the
username is stored (vault.blind), never an IP address or a user agent: an
attacker who spreads guesses over many addresses is slowed all the same.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from reprisals.accounts.models import LoginThrottle
from reprisals.vault.blind import token

FREE_FAILURES = 5
FIRST_COOL_OFF = datetime.timedelta(minutes=1)
LONGEST_COOL_OFF = datetime.timedelta(hours=1)
FORGET_AFTER = datetime.timedelta(days=1)


def _digest(username):
    return token("login-throttle", username.strip().casefold())


def _current(username, now):
    """The username's throttle row, or None if it has nothing to hold against it."""
    row = LoginThrottle.objects.filter(username_digest=_digest(username)).first()
    if row is None or now - row.last_failure_at > FORGET_AFTER:
        return None
    return row


def cool_off_remaining(username):
    """How long attempts for this username are still refused, or None."""
    now = timezone.now()
    row = _current(username, now)
    if row is None or row.blocked_until is None or row.blocked_until <= now:
        return None
    return row.blocked_until - now


def cool_off_message(remaining):
    minutes = max(1, -(-int(remaining.total_seconds()) // 60))
    unit = "minute" if minutes == 1 else "minutes"
    return (
        f"Too many failed attempts for this account. Try again in {minutes} {unit}. "
        "The wait grows with each failure; a successful login resets it."
    )


@transaction.atomic
def record_failure(username):
    now = timezone.now()
    row, _ = LoginThrottle.objects.select_for_update().get_or_create(
        username_digest=_digest(username), defaults={"last_failure_at": now}
    )
    if now - row.last_failure_at > FORGET_AFTER:
        row.failures, row.blocked_until = 0, None
    row.failures += 1
    row.last_failure_at = now
    beyond = row.failures - FREE_FAILURES
    if beyond >= 0:
        cool_off = min(FIRST_COOL_OFF * 2 ** min(beyond, 12), LONGEST_COOL_OFF)
        row.blocked_until = now + cool_off
    row.save()


def record_success(username):
    LoginThrottle.objects.filter(username_digest=_digest(username)).delete()
