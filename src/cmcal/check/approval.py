"""Approvals tied to what was approved (README, "Writing the calendar").

`cmcal approve` records `approved: {by, on, digest}`; the digest covers what a reader of the post sees and
when: date, time, platforms, title, text and per-platform texts, link and media. Editing any of them after the
approval makes the approval stale, which `check` reports until someone approves again.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from cmcal.i18n import _
from cmcal.model import Calendar, Post
from cmcal.problems import Code, Problem, Severity, problem

_NOT_CONTENT = frozenset(("loc", "locs", "index"))
_LIVE = frozenset(("scheduled", "published"))


def _plain(value: Any) -> Any:
    """A JSON-able form of a model value, without where it was written."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value) if f.name not in _NOT_CONTENT}
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in sorted(value.items())}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def digest(post: Post) -> str:
    """`sha256:` and the first 16 hex digits of the approved content of `post`."""
    import hashlib  # here: only a calendar with approvals pays for importing these
    import json

    content = {
        "date": post.date.isoformat(),
        "time": post.time.strftime("%H:%M") if post.time else None,
        "platforms": list(post.platforms),
        "title": post.title,
        "text": post.text,
        "texts": dict(sorted(post.texts.items())),
        "link": post.link,
        "media": _plain(getattr(post, "media", ())),
    }
    blob = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def approval_problems(calendar: Calendar) -> list[Problem]:
    out: list[Problem] = []
    team = set(calendar.team) if calendar.team is not None else None
    for post in calendar.posts:
        loc = post.loc
        assert loc is not None
        approved = post.approved
        if approved is None:
            if calendar.require_approval and post.status == "scheduled":
                out.append(
                    problem(
                        post.locs.get("status", loc),
                        Code.NOT_APPROVED,
                        _(
                            '"{title}" is scheduled without an approval, and this calendar requires one; run '
                            "`cmcal approve POST --by NAME`"
                        ).format(title=post.title),
                    )
                )
            continue
        where = approved.loc or post.locs.get("approved", loc)
        if team is not None and approved.by not in team:
            out.append(
                problem(
                    where,
                    Code.UNKNOWN_OWNER,
                    _('approver "{name}" is not in `team` ({team})').format(
                        name=approved.by, team=", ".join(sorted(team)) or _("empty")
                    ),
                )
            )
        if digest(post) != approved.digest:
            out.append(
                problem(
                    where,
                    Code.APPROVAL_STALE,
                    _(
                        '"{title}" changed since {name} approved it on {day}; have it approved again with '
                        "`cmcal approve`"
                    ).format(title=post.title, name=approved.by, day=approved.on),
                    Severity.ERROR if post.status in _LIVE else Severity.WARNING,
                )
            )
    return out
