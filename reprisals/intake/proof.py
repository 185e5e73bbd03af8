"""Abuse protection without knowing who is asking: a self-hosted proof of work.

The form carries a challenge signed by the server (django.core.signing, with
its issue time and difficulty). The page's script (static intake/proof.js)
finds a number `proof` such that SHA-256("<challenge>:<proof>") starts with
`bits` zero bits: about 2**bits hashes, a second or so in a browser, and a
real cost for anyone sending thousands.

Without JavaScript (Tor Browser at its "Safest" level) the form still works:
a challenge without a proof is accepted once it is MIN_FILL_SECONDS old,
the time a person needs to fill the form. That fallback costs a robot time,
not work, so the global cap (intake.services) bounds what it can send.

Each challenge is good for one accepted submission (SpentChallenge) and for
TTL seconds. Nothing is keyed on the client: no address, no cookie.
"""

import datetime
import hashlib
import re
import secrets
import time

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from reprisals.intake.models import SpentChallenge

SALT = "reprisals.intake.proof"
TTL = 3 * 3600  # long enough to write a careful account
PROOF = re.compile(r"^[0-9]{1,16}$")


class Refused(Exception):
    """The challenge or its proof does not hold. The reason is for tests and
    code, never shown: every refusal looks the same to the sender."""


def issue():
    payload = {"id": secrets.token_urlsafe(16), "bits": settings.INTAKE_PROOF_BITS,
               "t": int(time.time())}  # fmt: skip
    return signing.dumps(payload, salt=SALT)


def leading_zero_bits(digest):
    number = int.from_bytes(digest, "big")
    return len(digest) * 8 - number.bit_length()


def solves(challenge, proof, bits):
    digest = hashlib.sha256(f"{challenge}:{proof}".encode()).digest()
    return leading_zero_bits(digest) >= bits


def read(challenge):
    """The challenge's payload if it is ours and fresh, else Refused."""
    try:
        payload = signing.loads(challenge, salt=SALT, max_age=TTL)
    except signing.BadSignature as error:  # SignatureExpired is one
        raise Refused(f"challenge: {type(error).__name__}") from None
    return payload


def check(challenge, proof):
    """Refused unless the proof solves the challenge, or, without a proof,
    the challenge is old enough to have been filled in by hand."""
    payload = read(challenge)
    if proof:
        if not PROOF.match(proof) or not solves(challenge, proof, payload["bits"]):
            raise Refused("proof does not solve the challenge")
    elif time.time() - payload["t"] < settings.INTAKE_MIN_FILL_SECONDS:
        raise Refused("no proof, and sent too soon after the form was given")
    if spent(challenge):
        raise Refused("challenge already used")
    return payload


def digest(challenge):
    return hashlib.sha256(challenge.encode()).hexdigest()


def spent(challenge):
    return SpentChallenge.objects.filter(digest=digest(challenge)).exists()


def spend(challenge):
    """Mark the challenge used (call inside the submission's transaction)."""
    now = timezone.now()
    SpentChallenge.objects.filter(expires_at__lt=now).delete()
    expires = now + datetime.timedelta(seconds=TTL)
    expires = expires.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=1)
    try:
        with transaction.atomic():
            SpentChallenge.objects.create(digest=digest(challenge), expires_at=expires)
    except IntegrityError:
        raise Refused("challenge already used") from None
