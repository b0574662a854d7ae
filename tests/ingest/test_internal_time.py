"""Internal and ignored items, the attendee_domain condition, customer against internal time and the
organisation's review queue: hand-counted on a small calendar."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from imm_tui.engine.time_use import time_use
from imm_tui.ingest.activity import load_time, review_queue
from imm_tui.ingest.classify import Classifier, Contact
from imm_tui.ingest.importer import ImportSpec, import_files
from imm_tui.ingest.reclassify import ensure_classified
from imm_tui.ingest.store import Store
from imm_tui.model.classify import Classification, Rule
from imm_tui.model.problems import InputError
from imm_tui.model.workspace import load_workspace
from tests.conftest import DEMO

RULES = """
[company]
domains = ["vanleeuwen.example"]

[[rules]]
subject = '(?i)^teamoverleg$'
internal = true

[[rules]]
subject = '(?i)\\blunch\\b'
ignore = true

[[rules]]
attendee_domain = "partner.example"
activity = "call"

[[rules]]
external = true
activity = "visit"
"""


def event(uid: str, day: str, start: str, end: str, subject: str, *attendees: str, private: bool = False) -> str:
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTART:{day}T{start}00Z", f"DTEND:{day}T{end}00Z", f"SUMMARY:{subject}"]
    lines += [f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{a}" for a in attendees]
    lines += ["CLASS:PRIVATE"] if private else []
    return "\n".join([*lines, "END:VEVENT"])


def calendar(*events: str) -> str:
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", *"\n".join(events).split("\n"), "END:VCALENDAR", ""])


# jdv, weeks 10 and 11 of 2027 (8 and 15 March): hours by hand
JDV = calendar(
    event("a", "20270308", "0800", "0900", "Teamoverleg", "jdv@vanleeuwen.example"),  # internal 1 h (week 10)
    event("b", "20270309", "0900", "1030", "Bezoek Acme", "inkoop@acme.example"),  # visit, customer 1.5 h (week 10)
    event("c", "20270310", "1100", "1130", "Lunch met Bas", "bas@vanleeuwen.example"),  # ignored: in no kind
    event("d", "20270311", "1300", "1345", "Forecast review", "bas@vanleeuwen.example"),  # unclassified 0.75 h (week 10)
    event("e", "20270315", "0800", "0900", "teamoverleg", "jdv@vanleeuwen.example"),  # internal 1 h (week 11)
    event("f", "20270316", "1000", "1030", "Afstemming", "x@eu.partner.example"),  # call via the subdomain, customer 0.5 h
    event("g", "20270317", "1000", "1100", "forecast review ", "bas@vanleeuwen.example"),  # unclassified 1 h, same subject
    event("h", "20270318", "1000", "1100", "Tandarts", private=True),  # private, no categories: unclassified, no subject
)
SBAKKER = calendar(
    event("s1", "20270309", "0800", "0930", "Teamoverleg", "sbakker@vanleeuwen.example"),  # internal 1.5 h (week 10)
    event("s2", "20270310", "0800", "0900", "Forecast Review", "bas@vanleeuwen.example"),  # unclassified 1 h (week 10)
)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(DEMO, root)
    (root / "classify.toml").write_text(RULES, encoding="utf-8")
    for person, text in (("jdv", JDV), ("sbakker", SBAKKER)):
        (root / "imports" / person).mkdir(parents=True)
        (root / "imports" / person / "calendar.ics").write_text(text, encoding="utf-8", newline="")
    with Store.open(root / "imm.sqlite") as store:
        import_files([root / "imports"], store, ImportSpec.for_workspace(load_workspace(root)))
    return root


def test_rules_say_one_outcome() -> None:
    with pytest.raises(ValidationError, match="one outcome"):
        Rule(subject="x", activity="visit", internal=True)
    with pytest.raises(ValidationError, match="commitment"):
        Rule(subject="x", internal=True, commitment=True)
    with pytest.raises(ValidationError, match="needs an activity, internal"):
        Rule(subject="x")
    assert Rule(attendee_domain=" @Partner.Example ", ignore=True).attendee_domain == ["partner.example"]
    with pytest.raises(ValidationError, match="empty domain"):
        Rule(attendee_domain=["partner.example", " "], activity="call")


def test_count_only_refuses_attendee_domain(tmp_path: Path) -> None:
    from imm_tui.model.classify import load_classification

    path = tmp_path / "classify.toml"
    path.write_text('[[rules]]\nattendee_domain = "partner.example"\nactivity = "call"\n\n[privacy]\ncount_only = true\n')
    with pytest.raises(InputError, match="count_only does not keep"):
        load_classification(path)


def contact(subject: str, domains: tuple[str, ...], **flags: bool) -> Contact:
    base = {"online": False, "all_day": False, "private": False, "cancelled": False, "declined": False, "free": False}
    base.update(flags)
    return Contact(subject=subject, location="", categories=(), domains=domains, external=False, minutes=60.0, **base)  # type: ignore[arg-type]


def test_first_rule_with_an_outcome_decides() -> None:
    classifier = Classifier(Classification.model_validate({
        "company": {"domains": ["own.example"]},
        "rules": [{"subject": "#commit", "commitment": True}, {"subject": "(?i)overleg", "internal": True},
                  {"external": True, "activity": "visit"}, {"subject": "(?i)lunch", "ignore": True}],
    }))
    internal = classifier.classify(contact("Overleg #commit", ("acme.example",)))
    assert (internal.activity, internal.skip_reason, internal.rule, internal.commitment) == (None, "internal", 1, False)
    visit = classifier.classify(contact("Lunch bij Acme", ("acme.example",)))  # the visit rule comes before the ignore rule
    assert (visit.activity, visit.skip_reason, visit.rule) == ("visit", None, 2)
    ignored = classifier.classify(contact("Lunch", ("own.example",)))
    assert (ignored.activity, ignored.skip_reason, ignored.rule) == (None, "ignored", 3)
    cancelled = classifier.classify(contact("Overleg", (), cancelled=True))  # a cancelled meeting is no internal time
    assert cancelled.skip_reason == "cancelled"


def test_attendee_domain_matches_the_domain_and_its_subdomains_only() -> None:
    classifier = Classifier(Classification.model_validate({"rules": [{"attendee_domain": ["partner.example"], "activity": "call"}]}))
    assert classifier.classify(contact("x", ("partner.example",))).activity == "call"
    assert classifier.classify(contact("x", ("a.example", "eu.partner.example"))).activity == "call"
    assert classifier.classify(contact("x", ("notpartner.example",))).activity is None
    assert classifier.classify(contact("x", ("partner.example.evil",))).activity is None
    assert classifier.classify(contact("x", ())).activity is None


def test_time_by_kind_hand_counted(workspace: Path) -> None:
    with Store.open(workspace / "imm.sqlite") as store:
        frame = load_time(store, 2027)
    minutes = {(p, int(w), k): float(m) for p, w, k, m, _ in frame.itertuples(index=False)}
    assert minutes == {
        ("jdv", 10, "customer"): 90.0, ("jdv", 10, "internal"): 60.0, ("jdv", 10, "unclassified"): 45.0,
        ("jdv", 11, "customer"): 30.0, ("jdv", 11, "internal"): 60.0, ("jdv", 11, "unclassified"): 120.0,
        ("sbakker", 10, "internal"): 90.0, ("sbakker", 10, "unclassified"): 60.0,
    }
    plan = load_workspace(workspace).plan_document.plan
    table = time_use(plan, frame, 10, {"jdv", "sbakker"}).set_index("group")
    jdv = table.loc["jdv"]  # week 10 only: customer 1.5 h, internal 1 h, unclassified 0.75 h
    assert (jdv["customer_hours"], jdv["internal_hours"], jdv["unclassified_hours"]) == (1.5, 1.0, 0.75)
    assert jdv["customer_share"] == pytest.approx(0.6) and jdv["customer_hours_per_week"] == pytest.approx(0.15)
    org = table.loc["org"]  # jdv and sbakker: customer 1.5, internal 1 + 1.5
    assert (org["people"], org["customer_hours"], org["internal_hours"]) == (2, 1.5, 2.5)
    assert org["customer_share"] == pytest.approx(1.5 / 4) and org["internal_share"] == pytest.approx(2.5 / 4)
    assert org["customer_hours_per_week"] == pytest.approx(1.5 / 2 / 10)
    whole = time_use(plan, frame, 11, {"jdv"}).set_index("group").loc["org"]  # sbakker left out: not monitored
    assert (whole["people"], whole["customer_hours"], whole["internal_hours"], whole["unclassified_hours"]) == (1, 2.0, 2.0, 2.75)


def test_review_queue_groups_subjects_across_people(workspace: Path) -> None:
    with Store.open(workspace / "imm.sqlite") as store:
        queue = review_queue(store, 2027)
    rows = [(s.lower(), n, p, round(h, 2)) for s, n, p, h, *_ in queue.itertuples(index=False)]
    assert rows == [("forecast review", 3, 2, 2.75), ("", 1, 1, 1.0)]  # the private item: no subject, ever
    assert "Tandarts" not in queue.to_string()


def test_a_new_internal_rule_takes_items_out_of_the_queue(workspace: Path) -> None:
    from imm_tui.model.classify import add_rule

    ws = load_workspace(workspace)
    add_rule(ws.paths.classify, Rule(subject="(?i)forecast review", internal=True), ws.plan_document.plan.activity_ids)
    with Store.open(workspace / "imm.sqlite") as store:
        ensure_classified(store, load_workspace(workspace))
        queue = review_queue(store, 2027)
        frame = load_time(store, 2027)
    assert list(queue["items"]) == [1]
    internal = frame[frame["kind"] == "internal"].groupby("person")["minutes"].sum().to_dict()
    assert internal == {"jdv": 60.0 + 45 + 60 + 60, "sbakker": 90.0 + 60}

