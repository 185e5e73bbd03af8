"""Backup and restore: the records inside an archive's payload.

The payload is JSON lines: first {"manifest": {...}} (format, database kind,
applied migrations, tables), then per table {"table": name, "columns": [...]}
and one JSON array of raw values per row, then per file {"file": name,
"size": n} followed by its n bytes. See container.py for the encryption and
payload.py for compression and the trailer.
"""

import io
import json
import os
import secrets
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from reprisals.backups import tables as db
from reprisals.backups.container import ChunkReader, ChunkWriter
from reprisals.backups.errors import BackupError, DamagedArchive
from reprisals.backups.files import stored_files, uploads_dir
from reprisals.backups.payload import PIECE, PayloadReader, PayloadWriter
from reprisals.lib.private_files import create_private_file
from reprisals.vault import keyring


def _line(record):
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def write_backup(path, *, using=DEFAULT_DB_ALIAS):
    """Write the archive to `path` (a new file, mode 0600); return what it holds."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} exists: a backup never overwrites a file")
    if not path.parent.is_dir():
        raise BackupError(f"{path.parent} is not a directory")
    ring = keyring.keyring()
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    handle = create_private_file(partial)
    try:
        with handle:
            payload = PayloadWriter(ChunkWriter(handle, ring.kek(ring.current), ring.current))
            summary = {**_dump_database(payload, connections[using]), **_dump_files(payload)}
            payload.finish(summary)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(partial, path)  # fails, rather than overwrites, if path appeared meanwhile
    finally:
        partial.unlink(missing_ok=True)
    return {**summary, "kek_version": ring.current}


def _dump_database(payload, connection):
    """Every table, read in one transaction: a consistent snapshot."""
    with db.snapshot(connection):
        found = db.tables(connection)
        manifest = {
            "format": 1,
            "created": timezone.now().isoformat(timespec="seconds"),
            "vendor": connection.vendor,
            "migrations": db.applied_migrations(connection),
            "tables": [t.name for t in found],
        }
        payload.write(_line({"manifest": manifest}))
        rows = {}
        for table in found:
            payload.write(_line({"table": table.name, "columns": list(table.columns)}))
            rows[table.name] = 0
            for row in db.read_rows(connection, table):
                payload.write(_line([db.encode(value, table.name) for value in row]))
                rows[table.name] += 1
    return {"rows": rows}


def _dump_files(payload):
    count = size = 0
    for name, path in stored_files(uploads_dir()):
        with open(path, "rb") as handle:
            length = os.fstat(handle.fileno()).st_size
            payload.write(_line({"file": name, "size": length}))
            remaining = length
            while remaining and (piece := handle.read(min(PIECE, remaining))):
                payload.write(piece)
                remaining -= len(piece)
            if remaining:
                raise BackupError("a file in the files directory shrank while it was read")
        count, size = count + 1, size + length
    return {"files": count, "file_bytes": size}


# -- reading -------------------------------------------------------------------


def _kek(version):
    try:
        return keyring.kek(version)
    except keyring.UnknownKeyVersion:
        raise BackupError(
            f"the archive was made with key version {version}, which the key file "
            f"{keyring.key_file_path()} does not hold"
        ) from None


def _parse(line):
    try:
        return json.loads(line)
    except ValueError:
        raise DamagedArchive("the archive holds an unreadable record") from None


def _exactly(stream, size):
    remaining = size
    while remaining:
        piece = stream.read(min(PIECE, remaining))
        if not piece:
            raise DamagedArchive("the archive ends inside a file")
        remaining -= len(piece)
        yield piece


def read_backup(path, sink):
    """Open and check the whole archive, handing its contents to `sink`
    (see restore.py). Returns the manifest, the trailer and the KEK version."""
    with open(path, "rb") as handle:
        chunks = ChunkReader(handle, _kek)
        payload = PayloadReader(chunks.chunks())
        stream = io.BufferedReader(payload, 1 << 16)
        first = _parse(stream.readline())
        if not isinstance(first, dict) or "manifest" not in first:
            raise DamagedArchive("the archive does not begin with its manifest")
        manifest = first["manifest"]
        sink.begin(manifest)
        counted = _walk(stream, sink)
    trailer = payload.trailer or {}
    if {key: trailer.get(key) for key in counted} != counted:
        raise DamagedArchive("the archive's contents do not match the counts in its trailer")
    return manifest, trailer, chunks.kek_version


def _walk(stream, sink):
    rows, files, file_bytes = {}, 0, 0
    table, columns, batch = None, None, []
    while line := stream.readline():
        record = _parse(line)
        if isinstance(record, list) and table is not None:
            try:
                batch.append([db.decode(value) for value in record])
            except (KeyError, TypeError, ValueError):
                raise DamagedArchive(f"table {table}: a value is unreadable") from None
            rows[table] += 1
            if len(batch) == db.BATCH:
                sink.rows(table, columns, batch)
                batch = []
            continue
        if batch:
            sink.rows(table, columns, batch)
            batch = []
        if isinstance(record, dict) and "table" in record:
            table, columns = record["table"], record["columns"]
            rows[table] = 0
        elif isinstance(record, dict) and "file" in record:
            sink.file(record["file"], _exactly(stream, record["size"]))
            files, file_bytes = files + 1, file_bytes + record["size"]
        else:
            raise DamagedArchive("the archive holds a record of an unknown kind")
    if batch:
        sink.rows(table, columns, batch)
    return {"rows": rows, "files": files, "file_bytes": file_bytes}
