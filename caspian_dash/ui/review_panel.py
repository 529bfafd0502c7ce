"""The review widgets: actions on an event, adding one from a sentence, and the Review view.

Every value typed here is checked by ``review.decisions`` before it is stored; document text
is shown with ``st.text`` or escaped, never as Markdown or HTML.
"""

from __future__ import annotations

import calendar
import uuid
from dataclasses import dataclass

import streamlit as st

from caspian_dash.countries import country_name
from caspian_dash.formatting import format_date
from caspian_dash.models import EVENT_TYPES, GEO_PRECISIONS, TIME_PRECISIONS, Document, Event
from caspian_dash.review.apply import Reviewed, review_of
from caspian_dash.review.db import ReviewLog, default_reviewer
from caspian_dash.review.decisions import (
    FIELDS,
    Action,
    Anchor,
    ReviewError,
    actor_codes,
    anchor_of,
    event_fields,
    key_of,
    make_action,
)
from caspian_dash.review.logfile import to_csv
from caspian_dash.review.places import picked_place_name
from caspian_dash.styles import EVENT_STYLE
from caspian_dash.ui.upload import plain

REVIEWER = "reviewer"  # the session's reviewer name (sidebar)
PICKING = "rv_pick"  # on while a click on the map sets the place being edited
_FLASH = "_review_flash"  # messages shown once, after the rerun that follows an action
_SEEN = "_review_seen"  # key -> the latest action of that key this session has seen
PENDING = "_review_pending"  # widget values to set at the start of the next run
_ACTIONS = {
    "confirm": "Confirm",
    "reject": "Reject",
    "edit": "Edit",
    "split": "Split off another event",
    "merge": "Merge into another event",
}


@dataclass
class ReviewContext:
    log: ReviewLog
    reviewed: Reviewed
    history: dict[str, list[Action]]  # key -> its actions, oldest first
    error: str = ""  # the database could not be read: no review actions


def reviewer() -> str:
    return (st.session_state.get(REVIEWER) or "").strip() or default_reviewer()


def show_flash() -> None:
    for kind, text in st.session_state.pop(_FLASH, []):
        getattr(st, kind)(plain(text))


def event_key(event: Event, ctx: ReviewContext) -> tuple[str, Anchor]:
    """The key of an event's decisions and the anchor they are tied to."""
    key = ctx.reviewed.keys.get(event.id)
    if key and ctx.history.get(key):
        return key, ctx.history[key][-1].anchor
    anchor = anchor_of(event)
    return key_of(anchor), anchor


def _seen(key: str, ctx: ReviewContext) -> int:
    """The latest action on ``key`` this session has seen: set when it first shows the
    event, so that another reviewer's change in the meantime is a conflict."""
    seen = st.session_state.setdefault(_SEEN, {})
    if key not in seen:
        seen[key] = ctx.history[key][-1].seq if ctx.history.get(key) else 0
    return seen[key]


def _submit(ctx: ReviewContext, action: Action) -> None:
    try:
        stored = ctx.log.record(action)
    except ReviewError as error:
        st.error(plain(error))
        return
    st.session_state.setdefault(_SEEN, {})[action.key] = stored.action.seq
    messages = [("success", f"{_ACTIONS.get(action.action, 'Add')}: saved as {reviewer()}.")]
    messages += [("warning", w) for w in stored.warnings]
    st.session_state[_FLASH] = messages
    # set when the next run starts: these widgets already exist in this one
    pending = {PICKING: False}
    if action.action in ("add", "split"):
        pending["event"] = action.key  # the new event is selected (its id is its key)
    st.session_state[PENDING] = pending
    st.rerun()


def apply_pending() -> None:
    """Called first thing in a run: the values an action left for widgets to take."""
    for name, value in st.session_state.pop(PENDING, {}).items():
        st.session_state[name] = value


def history_panel(history: list[Action]) -> None:
    if not history:
        st.caption("Not reviewed yet.")
        return
    rows = []
    for a in reversed(history):
        changed = ", ".join(f for f in FIELDS if a.before.get(f) != a.after.get(f))
        rows.append(
            {
                "when (UTC)": a.at[:19].replace("T", " "),
                "reviewer": a.reviewer,
                "action": a.action,
                "changed": changed,
                "comment": a.comment,
            }
        )
    st.dataframe(rows, hide_index=True, width="stretch", key="review_history")


def _place_search(prefix: str) -> None:
    """Find the place in the gazetteer; the chosen one fills the place fields."""
    from caspian_dash.extract import default_gazetteer
    from caspian_dash.extract.gazetteer import Place

    query = st.text_input("Find a place in the gazetteer", key=f"{prefix}place_q")
    if not query.strip():
        return
    found = [p for p in default_gazetteer().index.lookup(query) if isinstance(p, Place)]
    if not found:
        st.caption(plain(f"No place called {query!r} in the gazetteer."))
        return
    labels = [f"{p.name} ({country_name(p.country) or 'sea'}, {p.precision})" for p in found]
    pick = st.selectbox("Places of that name", range(len(found)), format_func=labels.__getitem__)
    if st.button("Use this place", key=f"{prefix}place_use"):
        p = found[pick]
        st.session_state[PENDING] = {
            f"{prefix}place": p.name,
            f"{prefix}lon": p.lon,
            f"{prefix}lat": p.lat,
            f"{prefix}geo_precision": p.precision,
        }
        st.rerun()


def set_picked_point(lat: float, lon: float) -> None:
    """A click on the map while picking: the point of the event being edited."""
    prefix = st.session_state.get("_rv_prefix")
    if prefix:
        st.session_state[f"{prefix}lat"] = round(float(lat), 4)
        st.session_state[f"{prefix}lon"] = round(float(lon), 4)
        # a name the reviewer may change: the nearest town, so the old name is not kept
        st.session_state[f"{prefix}place"] = picked_place_name(float(lat), float(lon))
        st.session_state[f"{prefix}geo_precision"] = "site"


def _field_widgets(prefix: str, values: dict) -> dict:
    """Inputs for every reviewable field, filled from ``values`` the first time."""
    st.session_state["_rv_prefix"] = prefix
    for name in FIELDS:
        st.session_state.setdefault(f"{prefix}{name}", values.get(name))
    st.text_input("Title", key=f"{prefix}title")
    left, right = st.columns(2)
    left.selectbox(
        "Event type",
        EVENT_TYPES,
        key=f"{prefix}event_type",
        format_func=lambda t: EVENT_STYLE[t][1],
    )
    right.selectbox("Date precision", TIME_PRECISIONS, key=f"{prefix}time_precision")
    left.text_input("Start date (YYYY-MM-DD)", key=f"{prefix}date_start")
    right.text_input("End date (YYYY-MM-DD)", key=f"{prefix}date_end")
    _place_search(prefix)
    st.toggle(
        "Pick the place on the map (click the map above)",
        key=PICKING,
        help="While this is on, a click on the map sets the point; features are not selected.",
    )
    st.text_input("Place", key=f"{prefix}place")
    lon, lat, precision = st.columns(3)
    lon.number_input("Longitude", -180.0, 180.0, key=f"{prefix}lon", format="%.4f")
    lat.number_input("Latitude", -90.0, 90.0, key=f"{prefix}lat", format="%.4f")
    precision.selectbox("Place precision", GEO_PRECISIONS, key=f"{prefix}geo_precision", index=None)
    codes = actor_codes()
    current = st.session_state[f"{prefix}actors"] or []
    st.session_state[f"{prefix}actors"] = [c for c in current if c in codes] + [
        c for c in current if c not in codes
    ]
    st.multiselect(
        "Actors",
        sorted(set(codes) | set(current)),
        key=f"{prefix}actors",
        format_func=lambda c: f"{country_name(c)} ({c})" if country_name(c) != c else c,
    )
    return {name: st.session_state.get(f"{prefix}{name}") for name in FIELDS}


def review_panel(event: Event, ctx: ReviewContext, others: list[Event]) -> None:
    """The review of one event: its status and history, and the actions on it."""
    if ctx.error:
        st.warning(plain(f"Review is off: {ctx.error}"))
        return
    key, anchor = event_key(event, ctx)
    seen = _seen(key, ctx)
    review = review_of(event)
    if review:
        st.markdown(
            f"**{plain(review['status'].capitalize())}** by {plain(review['reviewer'])}, "
            f"{plain(review['at'][:16].replace('T', ' '))} UTC"
            + (f" · {plain(review['comment'])}" if review.get("comment") else "")
        )
    history_panel(ctx.history.get(key, []))
    choice = st.segmented_control(
        "Review this event", list(_ACTIONS), format_func=_ACTIONS.get, key=f"rv_act_{key}"
    )
    before = event_fields(event)
    who = reviewer()

    def submit(kind, after=None, comment="", target="", new_key=""):
        try:
            action = make_action(
                kind,
                anchor,
                new_key or key,
                before,
                after or before,
                who,
                comment,
                target,
                seen=0 if new_key else seen,
            )
        except ReviewError as error:
            st.error(plain(error))
            return
        _submit(ctx, action)

    if choice == "confirm":
        note = st.text_input("Comment (optional)", key=f"rv_note_{key}")
        if st.button("Confirm this event", key=f"rv_confirm_{key}", type="primary"):
            submit("confirm", comment=note)
    elif choice == "reject":
        reason = st.text_input("Why is it wrong? (required)", key=f"rv_reason_{key}")
        if st.button("Reject this event", key=f"rv_reject_{key}", type="primary"):
            submit("reject", comment=reason)
    elif choice in ("edit", "split"):
        prefix = f"rv_{choice}_{key}_"
        after = _field_widgets(prefix, before)
        note = st.text_input("Comment (optional)", key=f"{prefix}note")
        label = "Save the changes" if choice == "edit" else "Add it as a second event"
        if st.button(label, key=f"{prefix}save", type="primary"):
            new_key = key_of(anchor, uuid.uuid4().hex) if choice == "split" else ""
            submit(choice, after, note, new_key=new_key)
    elif choice == "merge":
        candidates = [e for e in others if e.id != event.id and e.sources][:500]
        target = st.selectbox(
            "The event it is a report of",
            candidates,
            index=None,
            format_func=lambda e: f"{format_date(e)} — {e.title}",
            key=f"rv_target_{key}",
        )
        note = st.text_input("Comment (optional)", key=f"rv_merge_note_{key}")
        if st.button("Merge", key=f"rv_merge_{key}", type="primary"):
            target_key = event_key(target, ctx)[0] if target is not None else ""
            submit("merge", comment=note, target=target_key)


def _published_interval(published: str) -> tuple[str, str, str]:
    """The document's publication date as a first guess at an added event's dates."""
    if len(published) == 4:
        return f"{published}-01-01", f"{published}-12-31", "year"
    if len(published) == 7:
        year, month = int(published[:4]), int(published[5:])
        last = calendar.monthrange(year, month)[1]
        return f"{published}-01", f"{published}-{last:02d}", "month"
    return published, published, "day"


def add_event_panel(document: Document, sentences: list, ctx: ReviewContext) -> None:
    """Add an event the extractor missed, from one sentence of ``document``."""
    if ctx.error:
        return
    with st.expander("Add an event from a sentence of this document"):
        index = st.selectbox(
            "Sentence",
            range(len(sentences)),
            index=None,
            format_func=lambda i: sentences[i].text[:160],
            key=f"rv_add_sentence_{document.doc_id}",
            placeholder="Choose the sentence that reports it…",
        )
        if index is None:
            return
        sentence = sentences[index]
        start, end, precision = _published_interval(document.published)
        defaults = {
            "title": sentence.text[:120],
            "event_type": "other",
            "date_start": start,
            "date_end": end,
            "time_precision": precision,
            "actors": [],
        }
        prefix = f"rv_add_{document.doc_id}_{sentence.start}_"
        after = _field_widgets(prefix, defaults)
        if st.button("Add this event", key=f"{prefix}save", type="primary"):
            anchor = Anchor(document.doc_id, sentence.start, sentence.end, sentence.text)
            try:
                action = make_action(
                    "add", anchor, key_of(anchor, uuid.uuid4().hex), {}, after, reviewer()
                )
            except ReviewError as error:
                st.error(plain(error))
                return
            _submit(ctx, action)


def review_log_panel(ctx: ReviewContext, titles: dict[str, str]) -> None:
    """The Review view: the latest changes, by reviewer and action, the log as CSV, and the
    decisions whose sentence is gone."""
    if ctx.error:
        st.warning(plain(f"Review is off: {ctx.error}"))
        return
    actions = [a for history in ctx.history.values() for a in history]
    actions.sort(key=lambda a: a.seq, reverse=True)
    if not actions:
        st.info("Nobody has reviewed an event yet: select one (table or map) to start.")
        return
    who, what = st.columns(2)
    reviewers = who.multiselect("Reviewer", sorted({a.reviewer for a in actions}), key="rv_by")
    kinds = what.multiselect("Action", list(_ACTIONS) + ["add"], key="rv_kinds")
    picked = [
        a
        for a in actions
        if (not reviewers or a.reviewer in reviewers) and (not kinds or a.action in kinds)
    ]
    st.dataframe(
        [
            {
                "when (UTC)": a.at[:19].replace("T", " "),
                "reviewer": a.reviewer,
                "action": a.action,
                "event": a.after.get("title", ""),
                "document": titles.get(a.anchor.doc_id, a.anchor.doc_id),
                "changed": ", ".join(f for f in FIELDS if a.before.get(f) != a.after.get(f)),
                "comment": a.comment,
            }
            for a in picked
        ],
        hide_index=True,
        width="stretch",
        key="review_log",
    )
    st.download_button(
        "Review log (CSV)",
        lambda: to_csv(sorted(picked, key=lambda a: a.seq)),
        "caspian_review_log.csv",
        "text/csv",
        key="dl_review",
    )
    orphans = ctx.reviewed.orphans
    if orphans:
        st.warning(
            f"{len(orphans)} decision(s) no longer find their sentence (the document was "
            "changed or removed, or a merge lost its target). They are kept in the log:"
        )
        st.dataframe(
            [
                {
                    "document": a.anchor.doc_id,
                    "sentence": a.anchor.sentence,
                    "action": a.action,
                    "reviewer": a.reviewer,
                    "when (UTC)": a.at[:19].replace("T", " "),
                }
                for a in orphans
            ],
            hide_index=True,
            width="stretch",
            key="review_orphans",
        )
