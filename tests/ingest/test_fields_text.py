"""RFC 5545 TEXT unescaping: the fast path for commas agrees with the one-pass reading on any text."""

import re

from hypothesis import given
from hypothesis import strategies as st

from imm_tui.ingest.fields import unescape


def reference(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_escapes_by_hand() -> None:
    assert unescape(r"Visit Bakker\, Jansen") == "Visit Bakker, Jansen"
    assert unescape(r"a\\,b") == "a\\,b"  # an escaped backslash before a comma: the comma was never escaped
    assert unescape(r"line\nnext\Nthird") == "line\nnext\nthird"
    assert unescape(r"p\;q") == "p;q"
    assert unescape(r"c:\\temp\x") == "c:\\temp\\x"  # an unknown escape stays as written


@given(st.text(alphabet="ab,;\\nN \n", max_size=30))
def test_agrees_with_one_pass(value: str) -> None:
    assert unescape(value) == reference(value)
