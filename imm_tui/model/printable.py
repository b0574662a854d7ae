"""Text from files and file names, safe to print on a terminal."""

from __future__ import annotations

import re

# C0 and C1 controls (escape sequences, line breaks, bells), DEL, Unicode line and paragraph separators,
# bidirectional overrides that reorder what is shown, and lone surrogates (undecodable file-name bytes)
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with every character that would steer a terminal written as a visible escape (`\\x1b`, `\\n`)."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
