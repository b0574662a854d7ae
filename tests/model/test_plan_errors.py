"""Each way a plan can be wrong is reported with file, line, field and what was expected."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from imm_tui.model.plan_file import load_plan
from imm_tui.model.problems import InputError

GOOD = """\
[plan]
name = "t"
year = 2027

[[activities]]
id = "visit"
label = "Visit"

[[activities]]
id = "call"
label = "Call"

[[segments]]
id = "key"
name = "Key"
contacts_per_year = 4
channels = { visit = 0.5, call = 0.5 }

[[teams]]
id = "north"
name = "North"

[[people]]
id = "a"
name = "A"
team = "north"
portfolio = { key = 3 }
"""


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "plan.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_plan(path)
    return [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems]


def test_the_good_plan_loads(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_plan(path).plan.people[0].portfolio == {"key": 3}


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("portfolio = { key = 3 }", "portfolio = { kye = 3 }",
         "plan.toml:27: people[0].portfolio.kye: unknown segment 'kye' (known: key)"),
        ("contacts_per_year = 4", "contact_per_year = 4",
         "plan.toml:16: segments[0].contact_per_year: unknown key 'contact_per_year' (known: id, name, kind, priority, "
         "contacts_per_account, contacts_per_year, offers_per_account, channels)"),
        ("channels = { visit = 0.5, call = 0.5 }", "channels = { visit = 0.5, cal = 0.5 }",
         "plan.toml:17: segments[0].channels.cal: unknown activity 'cal' (known: visit, call)"),
        ("channels = { visit = 0.5, call = 0.5 }", "channels = { visit = 0.5, call = 0.4 }",
         "plan.toml:17: segments[0].channels: channel shares sum to 0.9, expected 1"),
        ('team = "north"', 'team = "south"', "plan.toml:26: people[0].team: unknown team 'south' (known: north)"),
        ('team = "north"', 'team = "north"\nhunting_share = 0.2',
         'plan.toml:27: people[0].hunting_share: hunting_share is only for fop = "mixed" (this person is a farmer)'),
        ('team = "north"', 'team = "north"\nfte = 0', "plan.toml:27: people[0].fte: input should be greater than 0, got 0"),
        ('team = "north"', 'team = "north"\nfop = "farmr"',
         "plan.toml:27: people[0].fop: input should be 'farmer', 'hunter' or 'mixed', got 'farmr'"),
        ('team = "north"', 'team = "north"\nstart = "2027-13-01"', "plan.toml:27: people[0].start: input should be a valid date"),
        ('team = "north"', 'team = "north"\nstart = "2027-05-01"\nend = "2027-04-01"',
         "plan.toml:28: people[0].end: end 2027-04-01 is before start 2027-05-01"),
        ('team = "north"', 'team = "north"\nabsences = [{ from = "2027-05-02", to = "2027-05-01" }]',
         "plan.toml:27: people[0].absences[0]: absence from 2027-05-02 is after its end 2027-05-01"),
        ('team = "north"', 'team = "north"\nminimums = { vist = 2 }',
         "plan.toml:27: people[0].minimums.vist: unknown activity 'vist' (known: visit, call)"),
        ('name = "North"', 'name = "North"\nparent = "nope"',
         "plan.toml:22: teams[0].parent: unknown team 'nope' (known: north)"),
        ("portfolio = { key = 3 }", 'portfolio = { key = 3 }\n\n[[people]]\nid = "a"\nname = "B"\nteam = "north"',
         "plan.toml:30: people[1].id: duplicate id 'a'"),
        ('year = 2027', 'year = 2027\ntimezone = "Mars/Olympus"',
         "plan.toml:4: plan.timezone: unknown time zone 'Mars/Olympus' (use an IANA name such as Europe/Amsterdam)"),
        ('year = 2027', 'year = 2027\nbasis = "both"',
         "plan.toml:4: plan.basis: input should be 'coverage', 'funnel' or 'max', got 'both'"),
        ('year = 2027', 'year = 2027\n[calendar]\nclosed_weeks = [53]',
         "plan.toml:5: calendar.closed_weeks[0]: week 53 does not exist: 2027 has 52 ISO weeks"),
        ('year = 2027', 'year = 2027\n[calendar.seasonality]\njuli = 0.5',
         "plan.toml:5: calendar.seasonality.juli: unknown key 'juli' (known: jan, feb, mar, apr, may, jun, jul, aug, sep, oct, nov, dec)"),
        ('year = 2027', 'year = 2027\n[norms]\nhunter_factor = 0.8',
         "plan.toml:5: norms.hunter_factor: input should be less than or equal to 0.5, got 0.8"),
        ('name = "t"\n', "", "plan.toml:1: plan.name: missing required key"),
        ('year = 2027', 'year = 2027\n[funnel]\naverage_order_value = 0',
         "plan.toml:5: funnel.average_order_value: input should be greater than 0, got 0"),
    ],
)
def test_each_problem_is_named_with_file_line_and_field(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert GOOD.count(old) >= 1
    found = problems(tmp_path, GOOD.replace(old, new, 1))
    assert expected in [f[: len(expected)] for f in found], found


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("contacts_per_year = 4", "contacts_per_year = inf", "plan.toml:16: segments[0].contacts_per_year: input should be a finite number"),
    ("contacts_per_year = 4", "contacts_per_year = nan", "plan.toml:16: segments[0].contacts_per_year: input should be a finite number"),
    ("contacts_per_year = 4", "contacts_per_year = 1e308", "plan.toml:16: segments[0].contacts_per_year: is too large"),
    ("contacts_per_year = 4", "contacts_per_year = 1e-308", "plan.toml:16: segments[0].contacts_per_year: is too small"),
    ("{ key = 3 }", "{ key = 1e-308 }", "plan.toml:27: people[0].portfolio.key: is too small"),
    ("{ visit = 0.5, call = 0.5 }", "{ visit = inf, call = 0.5 }", "plan.toml:17: segments[0].channels.visit: input should be a finite"),
    ("year = 2027", "year = 2027\n[calendar.seasonality]\njan = 1e308", "plan.toml:5: calendar.seasonality.jan: is too large"),
])
def test_numbers_no_plan_can_use_are_refused(tmp_path: Path, old: str, new: str, expected: str) -> None:
    found = problems(tmp_path, GOOD.replace(old, new, 1))
    assert any(f.startswith(expected) for f in found), found


def test_team_cycles_are_found(tmp_path: Path) -> None:
    text = GOOD + '\n[[teams]]\nid = "x"\nname = "X"\nparent = "y"\n\n[[teams]]\nid = "y"\nname = "Y"\nparent = "x"\n'
    assert any("teams form a cycle: x → y → x" in p for p in problems(tmp_path, text))


def test_every_problem_is_reported_at_once_in_line_order(tmp_path: Path) -> None:
    text = GOOD.replace("contacts_per_year", "contact_per_year").replace("{ key = 3 }", "{ kye = 3 }")
    text = text.replace('team = "north"', 'team = "nort"')
    found = problems(tmp_path, text)
    assert len(found) == 3
    assert [int(f.split(":")[1]) for f in found] == sorted(int(f.split(":")[1]) for f in found)


def test_syntax_errors_name_the_line(tmp_path: Path) -> None:
    assert problems(tmp_path, GOOD.replace('name = "Key"', 'name = "Key'))[0].startswith("plan.toml:15: TOML syntax:")


def test_a_missing_file_and_bad_encoding_are_clear(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        load_plan(tmp_path / "plan.toml")
    (tmp_path / "plan.toml").write_bytes(GOOD.replace('"t"', '"Caf\xe9"').encode("cp1252"))
    with pytest.raises(InputError, match=r"plan.toml:2: not valid UTF-8"):
        load_plan(tmp_path / "plan.toml")


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "plan.toml").write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert load_plan(tmp_path / "plan.toml").plan.plan.name == "t"


def test_native_toml_dates_are_accepted(tmp_path: Path) -> None:
    (tmp_path / "plan.toml").write_text(GOOD.replace('team = "north"', "team = \"north\"\nstart = 2027-03-01"), encoding="utf-8")
    assert str(load_plan(tmp_path / "plan.toml").plan.people[0].start) == "2027-03-01"
