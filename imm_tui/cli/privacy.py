"""`imm privacy` and `imm forget`: what IMM keeps, where, for how long — and removing a person's data."""

from __future__ import annotations

import argparse

from imm_tui.cli.common import EXIT_OK, UsageError, open_workspace, resolve_workspace

STATEMENT = """\
What IMM stores about calendars — {workspace}

Where: only on this computer, in {store} (and the calendar files you put in {imports}).
IMM opens no network connection: nothing is sent anywhere.

What, per calendar appointment in the plan year ({year}):
  - whose calendar it is (the person id in plan.toml), the appointment's calendar id (UID),
  - its day, ISO week, start time (UTC) and length in minutes,
  - its Outlook categories,
  - the e-mail *domains* of its attendees (never addresses or names),
  - flags: external, online meeting, private, cancelled, declined, free,
  - how it was classified (activity, the rule that matched, commitment, account).
{text_line}
Never stored: descriptions or notes, attendee names or addresses, the subject or location of an
appointment marked private, anything outside the plan year and the [plan] history_years before it.

From an orders export of a CRM or ERP, per order line won: who won it (person id), its day, value,
account name, product and order number; no other column of the file.

How long: {retention}
Remove one person's data: imm forget -w {workspace} --person ID (also removes their imported files' records and orders).

Now in the store: {items} appointments of {people} people from {files} imported files{span};
{with_subject} with a subject kept, {private} marked private (no subject kept).
"""


def run_privacy(args: argparse.Namespace) -> int:
    from imm_tui.ingest.store import Store

    workspace = open_workspace(resolve_workspace(args.workspace))
    privacy = workspace.classification.privacy if workspace.classification else None
    count_only = bool(privacy and privacy.count_only)
    months = privacy.retention_months if privacy else None
    facts: dict[str, object] = {"items": 0, "people": 0, "files": 0, "with_subject": 0, "private": 0, "first_day": None, "last_day": None}
    if workspace.paths.store.exists():
        with Store.open_for_reading(workspace.paths.store) as store:
            facts = store.summary()
    span = f", {facts['first_day']} to {facts['last_day']}" if facts["first_day"] else ""
    text_line = ("Count-only mode is on: no subject, location or attendee domain is kept at all.\n" if count_only else
                 "  - the subject and location, so the rules can be applied again (not for private items).\n")
    retention = (f"items older than {months} months are removed at every import." if months else
                 "until you remove them (set [privacy] retention_months in classify.toml to limit this).")
    print(STATEMENT.format(workspace=workspace.paths.root, store=workspace.paths.store, imports=workspace.paths.imports,
                           year=workspace.plan_document.plan.plan.year, text_line=text_line, retention=retention, span=span, **facts))
    return EXIT_OK


def run_forget(args: argparse.Namespace) -> int:
    from imm_tui.ingest.store import Store

    workspace = open_workspace(resolve_workspace(args.workspace))
    if not workspace.paths.store.exists():
        raise UsageError("nothing is stored yet")
    with Store.open(workspace.paths.store) as store:
        stored = {str(row[0]) for row in store.connection.execute(
            "SELECT person FROM items UNION SELECT person FROM files UNION SELECT person FROM orders")}
        if args.person not in stored:
            planned = {p.id for p in workspace.plan_document.plan.people}
            known = ", ".join(sorted(stored)[:12]) or "nobody"
            said = "has nothing stored" if args.person in planned else "is not a person id in plan.toml or the store"
            raise UsageError(f"{args.person!r} {said}; nothing was removed (data stored for: {known})")
        lines = store.connection.execute("SELECT count(*) FROM orders WHERE person = ?", (args.person,)).fetchone()[0]
        removed = store.forget_person(args.person)
    orders = f" and {lines} order line{'' if lines == 1 else 's'}" if lines else ""
    print(f"removed {removed} appointments{orders} of {args.person} from {workspace.paths.store}")
    print(f"their calendar files in {workspace.paths.imports} are yours to delete; IMM does not touch them")
    return EXIT_OK


def run_share(args: argparse.Namespace) -> int:
    """`imm share --person ID -o FILE`: that person's activity as counts, for the manager's `imm import`."""
    from imm_tui.ingest.activity import today
    from imm_tui.ingest.reclassify import ensure_classified
    from imm_tui.ingest.share import SUFFIX, share_document
    from imm_tui.ingest.store import Store
    from imm_tui.model.atomic import write_atomic

    workspace = open_workspace(resolve_workspace(args.workspace))
    plan = workspace.plan_document.plan
    if args.person not in {p.id for p in plan.people}:
        raise UsageError(f"unknown person {args.person!r} (see plan.toml)")
    if not workspace.paths.store.exists():
        raise UsageError("nothing imported yet: run imm import first")
    with Store.open_for_reading(workspace.paths.store) as store:
        ensure_classified(store, workspace)
        counts = store.share_counts(args.person, plan.plan.year)
        covers = store.coverage().get(args.person, [])
    if not counts and not covers:
        raise UsageError(f"nothing of {args.person} is stored for {plan.plan.year}: import their calendar first")
    output = args.output or workspace.paths.exports / f"{args.person}{SUFFIX}"
    write_atomic(output, share_document(args.person, plan.plan.year, counts, covers, today()))
    total = sum(int(row[-1]) for row in counts)  # type: ignore[call-overload]
    print(f"wrote {output}: {total} counted items of {args.person} in {len({row[0] for row in counts})} weeks, as counts "
          "(no subjects, locations, attendees or accounts); the manager imports it with imm import")
    return EXIT_OK
