"""The archive container: a header, then AES-GCM chunks.

Layout (integers big-endian):

    header  magic "REPRISALS-BACKUP" (16 bytes) | format (2) | KEK version (4)
            | chunk size (4) | salt (32) | nonce prefix (7) | key check (32)
    chunks  each `chunk size` plaintext bytes sealed with AES-GCM (+ a 16-byte
            tag); the last one may be shorter

The key is derived with HKDF-SHA256 from the key file's KEK (the version the
header names) and the archive's random salt, so every archive has its own
key. Chunk i is sealed with the nonce prefix | i | final flag and the whole
header as associated data: an edited header or chunk, chunks swapped or
dropped, or an archive cut short anywhere fail to authenticate. The key
check, derived beside the key, tells a wrong key file from a damaged archive
before any chunk is opened.
"""

import hmac
import secrets
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from reprisals.backups.errors import BackupError, DamagedArchive

MAGIC = b"REPRISALS-BACKUP"
FORMAT = 1
HEADER = struct.Struct(">16sHII32s7s32s")
NONCE = struct.Struct(">7sIB")
TAG_BYTES = 16
CHUNK_SIZE = 1 << 20
MAX_CHUNKS = 1 << 32


def derive(kek, salt):
    """The archive's key and key check, from the KEK and the salt."""
    material = HKDF(
        algorithm=hashes.SHA256(), length=64, salt=salt, info=b"reprisals-backup/1"
    ).derive(kek)
    return material[:32], material[32:]


class ChunkWriter:
    """Writes the header, then seals what it is given into chunks."""

    def __init__(self, file, kek, kek_version, chunk_size=None):
        self.file = file
        self.chunk_size = chunk_size or CHUNK_SIZE
        salt, self.prefix = secrets.token_bytes(32), secrets.token_bytes(7)
        key, check = derive(kek, salt)
        self.aead = AESGCM(key)
        self.header = HEADER.pack(
            MAGIC, FORMAT, kek_version, self.chunk_size, salt, self.prefix, check
        )
        self.file.write(self.header)
        self.buffer = bytearray()
        self.index = 0

    def write(self, data):
        self.buffer += data
        # Strictly more than one chunk: the final chunk is never empty.
        while len(self.buffer) > self.chunk_size:
            self._seal(bytes(self.buffer[: self.chunk_size]), final=False)
            del self.buffer[: self.chunk_size]

    def close(self):
        self._seal(bytes(self.buffer), final=True)
        self.buffer.clear()

    def _seal(self, plaintext, *, final):
        if self.index >= MAX_CHUNKS:
            raise BackupError("archive too large: more than 2**32 chunks")
        nonce = NONCE.pack(self.prefix, self.index, int(final))
        self.file.write(self.aead.encrypt(nonce, plaintext, self.header))
        self.index += 1


def read_exactly(file, size):
    data = bytearray()
    while len(data) < size:
        piece = file.read(size - len(data))
        if not piece:
            break
        data += piece
    return bytes(data)


class ChunkReader:
    """Checks the header and the key, then opens the chunks in order."""

    def __init__(self, file, kek_of_version):
        self.file = file
        self.header = read_exactly(file, HEADER.size)
        if not self.header.startswith(MAGIC):
            raise DamagedArchive("not a Reprisals Register backup (its first bytes are wrong)")
        if len(self.header) < HEADER.size:
            raise DamagedArchive("the archive is cut short inside its header")
        _, version, self.kek_version, self.chunk_size, salt, self.prefix, check = HEADER.unpack(
            self.header
        )
        if version != FORMAT:
            raise BackupError(f"archive format {version} is not supported (only {FORMAT} is)")
        if not 0 < self.chunk_size <= 64 * CHUNK_SIZE:
            raise DamagedArchive("the archive's header is damaged (chunk size)")
        key, expected = derive(kek_of_version(self.kek_version), salt)
        if not hmac.compare_digest(check, expected):
            raise BackupError(
                "the archive does not open with this key file: it was made with another key "
                "file (or its header was altered)"
            )
        self.aead = AESGCM(key)

    def chunks(self):
        """The plaintext chunks. The last one is the one the end of the file follows."""
        size = self.chunk_size + TAG_BYTES
        block = read_exactly(self.file, size)
        for index in range(MAX_CHUNKS):
            following = read_exactly(self.file, size)
            final = not following
            nonce = NONCE.pack(self.prefix, index, int(final))
            try:
                plaintext = self.aead.decrypt(nonce, block, self.header)
            except InvalidTag:
                raise DamagedArchive(
                    f"the archive is damaged, altered or cut short: chunk {index + 1} "
                    "does not authenticate"
                ) from None
            yield plaintext
            if final:
                return
            block = following
