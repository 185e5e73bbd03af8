"""The payload inside the chunks: zlib-compressed records, then a trailer.

The trailer (JSON, after the end of the compressed stream, in the final
chunk) holds the SHA-256 of the uncompressed payload and the number of rows
per table and of files, so a restore knows it has read all of it.
"""

import hashlib
import io
import json
import zlib

from reprisals.backups.errors import DamagedArchive

PIECE = 1 << 20
MAX_TRAILER = 1 << 20


class PayloadWriter:
    def __init__(self, chunks):
        self.chunks = chunks
        self.digest = hashlib.sha256()
        self.compressor = zlib.compressobj(6)

    def write(self, data):
        self.digest.update(data)
        self.chunks.write(self.compressor.compress(data))

    def finish(self, summary):
        trailer = {**summary, "sha256": self.digest.hexdigest()}
        self.chunks.write(self.compressor.flush())
        self.chunks.write(json.dumps(trailer, sort_keys=True).encode())
        self.chunks.close()


class PayloadReader(io.RawIOBase):
    """The uncompressed payload as a stream. Reaching its end checks the
    SHA-256 against the trailer; `trailer` is set only once that holds."""

    def __init__(self, chunks):
        self.trailer = None
        self._pieces = self._uncompress(chunks)
        self._pending = b""

    def readable(self):
        return True

    def readinto(self, buffer):
        while not self._pending:
            piece = next(self._pieces, None)
            if piece is None:
                return 0
            self._pending = memoryview(piece)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def _uncompress(self, chunks):
        decompressor = zlib.decompressobj()
        digest = hashlib.sha256()
        tail = bytearray()
        for chunk in chunks:
            if decompressor.eof:
                tail += chunk
                continue
            data = chunk
            while data and not decompressor.eof:
                try:
                    piece = decompressor.decompress(data, PIECE)
                except zlib.error:
                    raise DamagedArchive("the archive's payload does not uncompress") from None
                digest.update(piece)
                yield piece
                data = decompressor.unconsumed_tail
            tail += decompressor.unused_data if decompressor.eof else b""
        self.trailer = self._check(decompressor, tail, digest)

    @staticmethod
    def _check(decompressor, tail, digest):
        if not decompressor.eof or len(tail) > MAX_TRAILER:
            raise DamagedArchive("the archive's payload is incomplete")
        try:
            trailer = json.loads(tail)
        except ValueError:
            raise DamagedArchive("the archive's trailer is unreadable") from None
        if trailer.get("sha256") != digest.hexdigest():
            raise DamagedArchive("the archive's payload does not match its SHA-256")
        return trailer
