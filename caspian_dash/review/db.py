"""The review log: SQLite in the documents folder (the I/O edge of the review).

- WAL mode and one ``BEGIN IMMEDIATE`` transaction per action: two sessions (or processes)
  writing at once wait for each other and lose nothing; a process killed mid-write leaves
  the database as before or after the action (SQLite's own guarantee).
- The ``actions`` table is append-only (triggers refuse UPDATE and DELETE), and each row
  carries a checksum chained to the row before it: a row changed or removed outside
  caspian_dash is found when the log is read, and nothing is written to such a file.
- ``current`` is a view: each key's latest action (by time, then by order in the log).
- A file that is not SQLite, or is SQLite without our application id, is refused by name.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from caspian_dash.review.decisions import (
    Action,
    Anchor,
    ReviewError,
    changed,
    make_action,
)

DB_NAME = "review.sqlite"
APPLICATION_ID = 0x43445256  # "CDRV": marks the file as ours
SCHEMA_VERSION = 1
_CRASH_AT = os.environ.get("CASPIAN_DASH_CRASH_AT", "")  # for the crash tests only

_SCHEMA = """
CREATE TABLE IF NOT EXISTS actions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    uid TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    action TEXT NOT NULL,
    key TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    sentence_hash TEXT NOT NULL,
    origin_type TEXT NOT NULL,
    origin_date TEXT NOT NULL,
    before TEXT NOT NULL,
    after TEXT NOT NULL,
    comment TEXT NOT NULL,
    target TEXT NOT NULL,
    seen INTEGER NOT NULL,
    chain TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS actions_by_key ON actions (key, seq);
CREATE TRIGGER IF NOT EXISTS actions_no_update BEFORE UPDATE ON actions
BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS actions_no_delete BEFORE DELETE ON actions
BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
CREATE VIEW IF NOT EXISTS current AS
SELECT * FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY key ORDER BY at DESC, seq DESC) AS rank
    FROM actions
) WHERE rank = 1;
"""
_COLUMNS = (
    "seq uid at reviewer action key doc_id char_start char_end sentence sentence_hash "
    "origin_type origin_date before after comment target seen chain"
).split()


def default_reviewer() -> str:
    """The system user's name, the reviewer until the session names another."""
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment (a container without one)
        return "reviewer"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _row(action: Action) -> tuple:
    """The values stored for an action (every column but ``seq`` and ``chain``)."""
    a = action.anchor
    return (
        action.uid,
        action.at,
        action.reviewer,
        action.action,
        action.key,
        a.doc_id,
        a.char_start,
        a.char_end,
        a.sentence,
        a.sentence_hash,
        a.origin_type,
        a.origin_date,
        json.dumps(action.before, ensure_ascii=False, sort_keys=True),
        json.dumps(action.after, ensure_ascii=False, sort_keys=True),
        action.comment,
        action.target,
        action.seen,
    )


def _chain(previous: str, values: tuple) -> str:
    """A row's checksum: its stored values, chained to the row before it."""
    content = json.dumps([previous, *values], ensure_ascii=False)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def _from_row(row: sqlite3.Row) -> Action:
    anchor = Anchor(
        row["doc_id"],
        row["char_start"],
        row["char_end"],
        row["sentence"],
        row["origin_type"],
        row["origin_date"],
    )
    return Action(
        row["key"],
        row["action"],
        anchor,
        json.loads(row["after"]),
        json.loads(row["before"]),
        row["comment"],
        row["target"],
        row["reviewer"],
        row["at"],
        row["seq"],
        row["seen"],
        row["uid"],
    )


@dataclass
class Recorded:
    action: Action
    warnings: list[str] = field(default_factory=list)


class ReviewLog:
    """The review database of one documents folder."""

    def __init__(self, folder: Path | str, name: str = DB_NAME) -> None:
        self.path = Path(folder) / name

    # --- opening -------------------------------------------------------------------------

    def _connect(self, create: bool) -> sqlite3.Connection:
        if not self.path.exists() and not create:
            raise FileNotFoundError(self.path)
        try:
            con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            con.row_factory = sqlite3.Row
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise ReviewError(
                f"{self.path.name} is not a review database (not SQLite, or damaged: {error})"
            ) from None
        if tables == 0 and app_id == 0:
            if not create:
                con.close()
                raise FileNotFoundError(self.path)
            self._create(con)
        elif app_id != APPLICATION_ID:
            con.close()
            raise ReviewError(
                f"{self.path.name} is not a caspian_dash review database; it was left as it is"
            )
        version = con.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            con.close()
            raise ReviewError(f"{self.path.name} was written by a newer caspian_dash")
        con.execute("PRAGMA busy_timeout = 30000")
        return con

    def _create(self, con: sqlite3.Connection) -> None:
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("BEGIN IMMEDIATE")
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        for statement in _SCHEMA.split(";\n"):
            if statement.strip():
                con.execute(statement)
        con.execute("COMMIT")

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection | None]:
        try:
            con = self._connect(create=False)
        except FileNotFoundError:
            yield None  # no review yet: an empty log, and no file made for it
            return
        with closing(con):
            yield con

    # --- reading -------------------------------------------------------------------------

    def version(self) -> tuple[int, int]:
        """Changes whenever an action is added (to cache what is derived from the log)."""
        with self._reading() as con:
            if con is None:
                return (0, 0)
            row = con.execute("SELECT count(*), coalesce(max(seq), 0) FROM actions").fetchone()
            return (row[0], row[1])

    def actions(self) -> list[Action]:
        """Every action, oldest first, each checked against its checksum."""
        with self._reading() as con:
            if con is None:
                return []
            rows = con.execute("SELECT * FROM actions ORDER BY seq").fetchall()
        previous = ""
        out = []
        for row in rows:
            action = _from_row(row)
            previous = _chain(previous, tuple(row[c] for c in _COLUMNS[1:-1]))
            if previous != row["chain"]:
                raise ReviewError(
                    f"{self.path.name} was changed outside caspian_dash (action {row['seq']} "
                    "does not match its checksum); nothing was read from it"
                )
            out.append(action)
        return out

    # --- writing -------------------------------------------------------------------------

    def record(self, action: Action) -> Recorded:
        """Append one action in its own transaction. A field that another reviewer changed
        since this one last saw the event gives a warning; both actions stay in the log."""
        con = self._connect(create=True)
        with closing(con):
            self.actions()  # refuse to add to a log that was tampered with
            con.execute("BEGIN IMMEDIATE")
            try:
                warnings = self._conflicts(con, action)
                stored = self._insert(con, action)
                if _CRASH_AT == "review_before_commit":
                    import signal

                    os.kill(os.getpid(), signal.SIGKILL)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return Recorded(stored, warnings)

    def _insert(self, con: sqlite3.Connection, action: Action) -> Action:
        action = replace(action, uid=action.uid or uuid.uuid4().hex, at=action.at or _now())
        last = con.execute("SELECT chain FROM actions ORDER BY seq DESC LIMIT 1").fetchone()
        values = _row(action)
        columns = ", ".join(_COLUMNS[1:])
        cursor = con.execute(
            f"INSERT INTO actions ({columns}) VALUES ({', '.join('?' * len(_COLUMNS[1:]))})",
            (*values, _chain(last[0] if last else "", values)),
        )
        return replace(action, seq=int(cursor.lastrowid or 0))

    def _conflicts(self, con: sqlite3.Connection, action: Action) -> list[str]:
        rows = con.execute(
            "SELECT * FROM actions WHERE key = ? AND seq > ? ORDER BY seq",
            (action.key, action.seen),
        ).fetchall()
        mine = changed(action.before, action.after) | {"status"}
        warnings = []
        for row in rows:
            other = _from_row(row)
            theirs = changed(other.before, other.after) | {"status"}
            both = sorted(mine & theirs)
            if other.status != action.status or both != ["status"]:
                fields = ", ".join(f for f in both if f != "status") or "its status"
                warnings.append(
                    f"{other.reviewer} changed {fields} of this event at {other.at[:19]} "
                    f"(to {other.status}) after you opened it; your change is saved after "
                    "theirs, and both are in the log"
                )
        return warnings

    def import_actions(self, actions: Iterable[Action]) -> tuple[int, list[str]]:
        """Add another log's actions that this one lacks (by their unique id), each checked as
        a new action is, in one transaction. Returns how many were added and the conflicts:
        keys both logs changed apart, to different values."""
        incoming = []
        for a in actions:
            checked = make_action(
                a.action, a.anchor, a.key, a.before, a.after, a.reviewer, a.comment, a.target
            )
            if not a.uid or not a.at:
                raise ReviewError(f"action {a.seq} has no id or time: not a review log row")
            incoming.append(replace(checked, uid=a.uid, at=a.at))
        mine = self.actions()
        known = {a.uid for a in mine}
        new = [a for a in incoming if a.uid not in known]
        theirs_known = {a.uid for a in incoming}
        conflicts = _import_conflicts([a for a in mine if a.uid not in theirs_known], new)
        if not new:
            return 0, conflicts
        con = self._connect(create=True)
        with closing(con):
            con.execute("BEGIN IMMEDIATE")
            try:
                for action in sorted(new, key=lambda a: a.at):
                    self._insert(con, action)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return len(new), conflicts


def _import_conflicts(ours: list[Action], theirs: list[Action]) -> list[str]:
    """Keys changed on both sides since the logs parted, ending at different values."""
    last_ours = {a.key: a for a in sorted(ours, key=lambda a: a.at)}
    last_theirs = {a.key: a for a in sorted(theirs, key=lambda a: a.at)}
    out = []
    for key in sorted(set(last_ours) & set(last_theirs)):
        a, b = last_ours[key], last_theirs[key]
        if a.status != b.status or changed(a.after, b.after):
            newer = a if a.at >= b.at else b
            out.append(
                f"{key} ({a.anchor.doc_id}): {a.reviewer} left it {a.status}, {b.reviewer} "
                f"{b.status}; the later one ({newer.reviewer}, {newer.at[:19]}) stands"
            )
    return out


def latest_actions(actions: list[Action]) -> dict[str, Action]:
    """Each key's latest action (by time, then by order in the log), as ``current``."""
    latest: dict[str, Action] = {}
    for action in sorted(actions, key=lambda a: (a.at, a.seq)):
        latest[action.key] = action
    return latest


def reviewed_events(folder: Path | str, documents: list, events: list):
    """``events`` of the documents folder as its review log leaves them
    (``apply.Reviewed``): for the command-line exports, as the app shows them."""
    from caspian_dash.review.apply import apply_decisions

    latest = latest_actions(ReviewLog(folder).actions())
    return apply_decisions(events, {d.doc_id: d for d in documents}, latest)
