"""Property tests of the editing core: random edits on randomly formatted calendars change only the intended
lines and always read back to the intended values (README, "Writing the calendar")."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cmcal.edit.core import FileEdit, Refused, difference, open_file, plain, prove
from cmcal.edit.ops import set_key
from cmcal.edit.posts import POST_ORDER, locate
from cmcal.files.loader import load
from cmcal.files.reader import read_text
from cmcal.problems import Problem

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30).filter(
    lambda t: t.strip() != ""
)
FIELD = st.sampled_from(("title", "text", "link", "owner", "notes"))


@st.composite
def calendars(draw: st.DrawFn) -> str:
    """A calendar of three posts, each block or flow, with comments, quoting and blank lines drawn."""
    comment = draw(st.sampled_from(("", "  # note", "   # é #x: y")))
    lines = [f"# head{comment}", "calendar: Prop", "timezone: UTC", "platforms: [facebook]", "posts:"]
    for i in range(3):
        title = draw(st.sampled_from((f"Post {i}", f"'Post : {i}'", f'"no {i}"')))
        if draw(st.booleans()):
            lines.append(f"  - {{id: p{i}, date: 2026-12-0{i + 1}, platform: facebook, title: {title}}}")
        else:
            lines += [
                f"  - id: p{i}{comment}",
                f"    date: 2026-12-0{i + 1}",
                "    platform: facebook",
                f"    title: {title}{comment}",
            ]
            if draw(st.booleans()):
                lines += ["    text: |", "      Ligne", "      #tag"]
        if draw(st.booleans()):
            lines.append("")
        if comment:
            lines.append(f"  {comment.strip()}")
    text = "\n".join(lines) + "\n"
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    source=calendars(),
    edits=st.lists(st.tuples(st.integers(0, 2), FIELD, st.none() | TEXT), min_size=1, max_size=4),
)
def test_random_edits_change_only_their_lines_and_read_back(
    tmp_path: Path, source: str, edits: list[tuple[int, str, str | None]]
) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(source.encode("utf-8"))
    loaded = load([str(path)])
    calendar = loaded.calendars[0]
    fe = FileEdit(open_file(str(path)))
    done: set[tuple[int, str]] = set()
    for index, name, value in edits:
        if (index, name) in done:
            continue
        done.add((index, name))
        span, tree = locate(fe, calendar.posts[index])
        set_key(fe, span, tree, name, value, POST_ORDER)
    try:
        proved = prove([fe], [calendar.path], lambda _c: date(2026, 11, 30), before=loaded)
    except Refused as refused:  # only a new error may refuse (an owner outside no team cannot occur)
        assert "would add" in str(refused), str(refused)
        return
    for original, new in proved.files:
        assert difference(fe.tree, plain(read_text(new, original.path).root)) is None
        assert ("\r\n" in new) == ("\r\n" in source)
        old_lines, new_lines = source.splitlines(), new.splitlines()
        kept = [line for line in old_lines if line.lstrip().startswith("# ")]
        assert all(line in new_lines for line in kept), "a comment line was lost"


PARTS_ROOT = """\
calendar: Parts
timezone: UTC
platforms: [facebook, instagram]
team: [alice, bob]
include: [parts/*.yaml]
blackouts: [{from: 2026-12-24}]
campaigns: {noel: {title: Noël, start: 2026-12-01, end: 2026-12-24}}
habits:
  daily: {every: day, platforms: [facebook], start: 2026-11-28, end: 2026-12-03}
ideas:
  - {id: idee, title: Une idée, habit: daily}
  - {id: 12b, title: Déjà un post, evergreen: true}
posts:
  - {id: r0, date: 2026-10-01, platform: facebook, title: Racine, campaign: noel}
  - {id: 11a, date: 2026-10-02, platform: instagram, title: Doublon, media: [absent.jpg]}
"""
PART = """\
posts:
  - id: {m}a
    date: 2026-{m}-01
    platform: facebook
    habit: daily
    title: Premier {m}

  - id: {m}b
    date: 2026-{m}-02
    platforms: [facebook, instagram]
    title: Second {m}

  - id: {m}c
    date: 2026-{m}-29
    platform: facebook
    habit: daily
    title: Troisième {m}
"""


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# Into a slot another file's post fills (overbooked), out of one (a gap), onto an id an idea has:
@example(post="12a", field="date", value="2026-11-29", add=None, new_id=None, habit=False)
@example(post="11c", field="habit", value="", add=None, new_id=None, habit=False)
@example(post="r0", field="title", value="x", add="2026-12-03", new_id="idee", habit=True)
@given(
    post=st.sampled_from(("r0", "11a", "11b", "11c", "12a", "12b")),
    field=st.sampled_from(("title", "owner", "status", "date", "habit", "text")),
    value=st.sampled_from(
        ("", "Neuf", "alice", "zoe", "ready", "published", "2026-12-02", "2026-11-29", "daily")
    ),
    add=st.none() | st.sampled_from(("2026-10-15", "2026-11-29", "2026-12-03", "2026-12-24", "2027-01-01")),
    habit=st.booleans(),
    new_id=st.sampled_from((None, "11a", "12b", "idee", "neuf")),
)
def test_the_calendar_after_an_edit_is_what_reading_it_again_gives(
    tmp_path: Path, post: str, field: str, value: str, add: str | None, new_id: str | None, habit: bool
) -> None:
    """The proof builds the calendar after the change from the changed files only (`core._rebuilt`): it must
    be exactly what `load` reads from the written files, model and problems; and the problems it compares
    (`core._delta_problems`) must differ exactly as checking both whole calendars does."""
    from cmcal.edit import core
    from cmcal.edit.core import commit
    from cmcal.edit.posts import add_post, find_post, set_fields

    (tmp_path / "parts").mkdir(exist_ok=True)
    root = tmp_path / "calendar.yaml"
    root.write_text(PARTS_ROOT, encoding="utf-8")
    for month in ("11", "12"):
        (tmp_path / "parts" / f"2026-{month}.yaml").write_text(PART.format(m=month), encoding="utf-8")
    today = lambda _c: date(2026, 11, 30)  # noqa: E731
    loaded = load([str(root)])

    def no_second_load(*args: object, **kwargs: object) -> None:
        raise AssertionError("the proof read the whole calendar again")

    import pytest

    delta = core._delta_problems

    def compared(was: Any, after: Any, changed: Any, today_for: Any, base: Any, overlay: Any) -> Any:
        old, new = delta(was, after, changed, today_for, base, overlay)
        whole_old = core.problems_of(was, today_for, base)
        whole_new = core.problems_of(after, today_for, overlay)
        assert _added(old, new) == _added(whole_old, whole_new)
        return old, new

    monkey = pytest.MonkeyPatch()
    monkey.setattr("cmcal.edit.core.load", no_second_load)
    monkey.setattr("cmcal.edit.core._delta_problems", compared)
    try:
        if add is None:
            if field in ("title", "date") and not value:
                return
            proved = set_fields(loaded, find_post(loaded, post), [(field, value)], today)
        else:
            fields = {"date": add, "platform": "facebook", "title": value or "Ajout"}
            if new_id is not None:
                fields = {"id": new_id, **fields}
            if habit:
                fields["habit"] = "daily"
            proved = add_post(loaded, loaded.calendars[0], dict(fields), today)[0]
    except Refused:
        return
    finally:
        monkey.undo()
    commit(proved)
    again = load([str(root)])
    assert proved.loaded.calendars == again.calendars
    assert proved.loaded.problems == again.problems


def _added(old: list[Problem], new: list[Problem]) -> list[tuple[str, str, str]]:
    """What `new` has beyond `old`, as the proof counts it (by path, code and message without numbers)."""
    from collections import Counter

    from cmcal.edit.core import _key

    return sorted((Counter(_key(p) for p in new) - Counter(_key(p) for p in old)).elements())
