"""Find the line of a key in a TOML text, so a problem can say `plan.toml:42`.

tomllib parses; it keeps no positions. This scanner only reads table headers and `key =` lines to
map field paths such as `people[3].portfolio` to line numbers; it never decides what a value is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")
_INLINE_KEY = re.compile(r"""[{,]\s*([A-Za-z0-9_-]+|"[^"]*"|'[^']*')\s*=""")


def _split_key(text: str) -> list[str]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", text)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


class TomlLines:
    """Maps dotted field paths (with `[i]` for array-of-tables elements) to 1-based line numbers."""

    def __init__(self, text: str) -> None:
        self._lines: dict[tuple[str | int, ...], int] = {}
        arrays: dict[tuple[str | int, ...], int] = {}  # array-of-tables path -> last index
        current: tuple[str | int, ...] = ()
        in_string: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string:
                if in_string in line:
                    in_string = None
                continue
            header = _HEADER.match(line)
            if header and not _KEY.match(line):
                names = _split_key(header.group(2))
                resolved: tuple[str | int, ...] = ()
                for position, name in enumerate(names):
                    resolved = (*resolved, name)
                    # `[[people.absences]]` and `[people.x]` refer to the last `[[people]]` element
                    is_last = position == len(names) - 1
                    if resolved in arrays and not (is_last and header.group(1) == "[["):
                        resolved = (*resolved, arrays[resolved])
                if header.group(1) == "[[":
                    index = arrays.get(resolved, -1) + 1
                    arrays[resolved] = index
                    self._lines.setdefault(resolved, number)
                    resolved = (*resolved, index)
                current = resolved
                self._lines.setdefault(current, number)
                continue
            key = _KEY.match(line)
            if key:
                path = (*current, *_split_key(key.group(1)))
                self._lines.setdefault(path, number)
                rest = line[key.end() :]
                for inner in _INLINE_KEY.finditer(rest):
                    self._lines.setdefault((*path, *_split_key(inner.group(1))), number)
                for quote in ('"""', "'''"):
                    if rest.count(quote) == 1:
                        in_string = quote

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """The line of `path`, else of its longest prefix that was found."""
        parts = tuple(path)
        while parts:
            if parts in self._lines:
                return self._lines[parts]
            parts = parts[:-1]
        return None
