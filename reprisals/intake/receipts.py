"""Receipt codes: what a defender can quote to refer to their submission.

16 characters of Crockford's base32 (80 random bits), shown as four groups
(`7KQ2-XD9M-…`). Only a keyed digest is stored (vault.blind.token). Reading
is forgiving: case, spaces and dashes do not matter, O reads as 0, I and L
as 1.
"""

import re
import secrets

from reprisals.vault.blind import token

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 16
MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code():
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))


def normalised(code):
    """The code's 16 characters, or None if it cannot be a receipt code."""
    plain = re.sub(r"[\s-]", "", code).upper().translate(MISREAD)
    if len(plain) != LENGTH or any(c not in ALPHABET for c in plain):
        return None
    return plain


def receipt_token(code):
    plain = normalised(code)
    return token("receipt", plain) if plain else None
