"""The model's small pieces that are not plain dataclasses."""

from __future__ import annotations

from array import array

import pytest

from cmcal.files.build import build_calendar
from cmcal.files.reader import read_text
from cmcal.model import Locs
from cmcal.problems import Loc


def test_locs_read_like_a_dict_of_locs() -> None:
    locs = Locs("a.yaml", ("date", "title"), array("I", [3, 11, 4, 12]))
    assert locs["title"] == Loc("a.yaml", 4, 12)
    assert locs.get("date") == Loc("a.yaml", 3, 11)
    assert locs.get("time") is None
    assert locs.get("time", Loc("a.yaml", 1, 1)) == Loc("a.yaml", 1, 1)
    assert "date" in locs and "time" not in locs
    assert list(locs) == ["date", "title"] and len(locs) == 2
    assert locs == {"date": Loc("a.yaml", 3, 11), "title": Loc("a.yaml", 4, 12)}
    assert locs == Locs("a.yaml", ("date", "title"), array("I", [3, 11, 4, 12]))
    assert locs != Locs("b.yaml", ("date", "title"), array("I", [3, 11, 4, 12]))
    assert repr(locs) == repr(dict(locs))
    with pytest.raises(KeyError):
        locs["time"]
    with pytest.raises(TypeError):
        hash(locs)


def test_a_post_keeps_where_each_key_is() -> None:
    text = (
        "calendar: C\ntimezone: UTC\nplatforms: [x]\nposts:\n"
        "  - date: 2026-12-01\n    platform: x\n    title: T\n    status: ready\n"
        "  - date: 2026-12-02\n    platform: x\n    title: U\n"
    )
    calendar, problems = build_calendar(read_text(text, "c.yaml"))
    assert calendar is not None and problems == []
    first, second = calendar.posts
    assert dict(first.locs) == {
        "date": Loc("c.yaml", 5, 11),
        "platform": Loc("c.yaml", 6, 15),
        "title": Loc("c.yaml", 7, 12),
        "status": Loc("c.yaml", 8, 13),
    }
    assert second.locs["title"] == Loc("c.yaml", 11, 12)
    assert first.platforms is second.platforms  # equal tuples are shared: a post stays small
    assert calendar.locs["posts"] == Loc("c.yaml", 5, 3)
