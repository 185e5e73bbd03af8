"""Reading the datasets' CSV files, and collecting every problem found in
them with its file, line and field.

A file is read whole and decoded as UTF-8 first, so a wrong encoding is
reported with its line; then parsed strictly (`csv` with strict=True), so a
broken quote is an error and not a silently merged row.
"""

import csv
import gzip
import io
import zlib
from operator import itemgetter

from reprisals.lib.problems import InputProblems
from reprisals.lib.text import normalise_newlines, refusal


class Problems:
    """The problems of one import, in the order found; past LIMIT only counted."""

    LIMIT = 200

    def __init__(self, source):
        self.source = str(source)
        self.found = []
        self.more = 0

    def add(self, file, line, field, message):
        if len(self.found) >= self.LIMIT:
            self.more += 1
            return
        where = ", ".join(
            part
            for part in (file, f"line {line}" if line else "", f"field {field}" if field else "")
            if part
        )
        self.found.append((where, message))

    def __bool__(self):
        return bool(self.found)

    def raise_if_any(self):
        if self.found:
            more = [("…", f"and {self.more} more problem(s)")] if self.more else []
            raise InputProblems(self.source, self.found + more)


class CsvFile:
    """One CSV file. `records()` yields (line, values) for each sound row:
    line is where the row starts, values those of the `required` columns,
    in that order (other columns are ignored).

    The values read follow lib.text's rule: a row with a character it
    refuses is a problem naming the column and the position; tab and line
    breaks only in the `multiline` columns, where CR LF is read as LF.
    `read_as` reads a dataset's documented slips among those characters as
    what they stand for: {column: {character: replacement}}."""

    def __init__(self, path, required, problems, *, gzipped=False, multiline=(), read_as=None):
        self.name = path.name
        self.required = required
        self.problems = problems
        self.multiline = [name in multiline for name in required]
        self.read_as = [str.maketrans((read_as or {}).get(name, {})) for name in required]
        self.columns = {}
        self.text = self._text(path, problems, gzipped)

    def _text(self, path, problems, gzipped):
        try:
            data = gzip.decompress(path.read_bytes()) if gzipped else path.read_bytes()
        except FileNotFoundError:
            problems.add(self.name, None, None, "the file is missing")
            return None
        except (OSError, EOFError, zlib.error) as error:
            problems.add(self.name, None, None, f"cannot be read: {error}")
            return None
        try:
            return data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            self._report_encoding(data, problems)
            return None

    def _report_encoding(self, data, problems):
        for number, line in enumerate(data.split(b"\n"), 1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as error:
                byte = line[error.start]
                problems.add(
                    self.name, number, None,
                    f"not UTF-8: byte 0x{byte:02x} at column {error.start + 1} (the file must "
                    "be UTF-8; the rest of it was not read)",
                )  # fmt: skip

    def records(self):
        """Sound rows; the others, and a bad header, go to the problems."""
        if self.text is None:
            return
        reader = csv.reader(io.StringIO(self.text, newline=""), strict=True)
        start = 1
        try:
            for fields in reader:
                line, start = start, reader.line_num + 1
                if line == 1:
                    if not self._header(fields):
                        return
                elif fields and self._sound(line, fields):
                    values = self._checked(line, self.pick(fields))
                    if values is not None:
                        yield line, values
        except csv.Error as error:
            self.problems.add(
                self.name, start, None,
                f"broken quoting or field ({error}); the rest of the file was not read",
            )  # fmt: skip
        if not self.columns:
            self.problems.add(self.name, None, None, "the file is empty (no header)")

    def _header(self, fields):
        self.columns = {name: index for index, name in enumerate(fields)}
        missing = [name for name in self.required if name not in self.columns]
        for name in missing:
            self.problems.add(self.name, 1, name, "this column is missing from the header")
        pick = itemgetter(*[self.columns.get(name) for name in self.required])
        self.pick = pick if len(self.required) > 1 else lambda fields: (pick(fields),)
        return not missing

    def _sound(self, line, fields):
        if len(fields) != len(self.columns):
            self.problems.add(
                self.name, line, None,
                f"{len(fields)} field(s) where the header has {len(self.columns)}",
            )  # fmt: skip
            return False
        return True

    def _checked(self, line, values):
        """The values read, or None if one holds a character lib.text refuses."""
        if "".join(values).isprintable():  # one call a row: the common case
            return values
        checked, sound = [], True
        for name, value, multiline, table in zip(
            self.required, values, self.multiline, self.read_as, strict=True
        ):
            value = value.translate(table)
            value = normalise_newlines(value) if multiline else value
            if found := refusal(value, multiline=multiline):
                self.problems.add(self.name, line, name, str(found))
                sound = False
            checked.append(value)
        return tuple(checked) if sound else None
