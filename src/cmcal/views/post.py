"""`cmcal show POST`: one post as each platform will take it (README, "Writing the calendar"); its table is
`views.tables.post_table`.

Per platform: its text counted in the platform's own unit against each limit and what is left, its hashtags
against the platform's limit, the links found; then the post's problems, as `check` reports them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from cmcal.files.loader import Loaded
from cmcal.model import Calendar, Post
from cmcal.problems import Problem

if TYPE_CHECKING:
    from cmcal.edit.posts import Found


@dataclass(frozen=True)
class Count:
    field: str
    unit: str
    length: int
    limit: int

    @property
    def left(self) -> int:
        return self.limit - self.length


@dataclass(frozen=True)
class PlatformView:
    platform: str
    name: str
    counts: tuple[Count, ...]
    length: int
    """The text's length in the platform's unit (code points for a platform without rules)."""
    unit: str
    hashtags: tuple[str, ...]
    hashtag_limit: int | None
    links: tuple[str, ...]
    has_text: bool


@dataclass(frozen=True)
class PostView:
    calendar: Calendar
    post: Post
    platforms: tuple[PlatformView, ...]
    problems: tuple[Problem, ...]


def post_view(loaded: Loaded, found: Found, today_for: Callable[[Calendar], date]) -> PostView:
    from cmcal.check.validate import check
    from cmcal.platforms.rules import AccountRules, measure
    from cmcal.platforms.textcount import hashtags, urls

    calendar, post = found.calendar, found.post
    views = []
    for pid in post.platforms:
        text = post.text_for(pid) or ""
        if pid not in calendar.platforms:
            views.append(PlatformView(pid, pid, (), len(text), "code_points", (), None, (), bool(text)))
            continue
        pc = AccountRules(calendar.platforms[pid])
        rules = pc.rules
        counts = tuple(
            Count(limit.field, limit.unit, measure(text, limit.unit), limit.limit)
            for limit in pc.limits(post.type)
        )
        unit = rules.unit if rules else "code_points"
        views.append(
            PlatformView(
                pid,
                rules.name if rules else pid,
                counts,
                measure(text, unit),
                unit,
                tuple(hashtags(text, rules.id if rules else pid)),
                pc.hashtag_limit,
                tuple(urls(text)),
                bool(text),
            )
        )
    return PostView(
        calendar, post, tuple(views), tuple(_problems_of(loaded, calendar, post, today_for, check))
    )


def _problems_of(
    loaded: Loaded,
    calendar: Calendar,
    post: Post,
    today_for: Callable[[Calendar], date],
    check: Callable[..., list[Problem]],
) -> list[Problem]:
    """The problems located inside the post: from its first line to the next post of its file."""
    assert post.loc is not None
    path, first = post.loc.path, post.loc.line
    later = [
        p.loc.line for p in calendar.posts if p.loc is not None and p.loc.path == path and p.loc.line > first
    ]
    last = min(later) - 1 if later else 10**9
    problems = list(loaded.problems) + check([calendar], today_for)
    return sorted(
        (p for p in problems if p.path == path and first <= p.line <= last), key=lambda p: (p.line, p.column)
    )


def post_json(view: PostView) -> str:
    post = view.post
    assert post.loc is not None
    data = {
        "version": 1,
        "post": {
            "calendar": view.calendar.name,
            "path": post.loc.path,
            "line": post.loc.line,
            "id": post.id,
            "date": post.date.isoformat(),
            "time": post.time.strftime("%H:%M") if post.time else None,
            "title": post.title,
            "status": post.status,
            "type": post.type,
            "habit": post.habit,
            "owner": post.owner,
            "approved": (
                {"by": post.approved.by, "on": post.approved.on.isoformat(), "digest": post.approved.digest}
                if post.approved
                else None
            ),
        },
        "platforms": [
            {
                "platform": p.platform,
                "name": p.name,
                "length": p.length,
                "unit": p.unit,
                "limits": [
                    {"field": c.field, "unit": c.unit, "length": c.length, "limit": c.limit, "left": c.left}
                    for c in p.counts
                ],
                "hashtags": list(p.hashtags),
                "hashtag_limit": p.hashtag_limit,
                "links": list(p.links),
            }
            for p in view.platforms
        ],
        "problems": [p.to_json() for p in view.problems],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
