"""`cmcal.diff.compare`: two readings of the calendars in, changes by meaning out (files held in memory)."""

from __future__ import annotations

import posixpath
from datetime import date

import pytest

from cmcal.fields import BLACKOUT, CAMPAIGN, EVENT, EVENT_POST, HABIT, IDEA, POST, Table
from cmcal.files.loader import Loaded
from cmcal.files.source import Refused
from cmcal.model import Calendar, Habit, Post
from cmcal.model.planning import Blackout, Campaign, Event, EventSlot, Idea
from cmcal.review.diff import Diff, FieldChange, PostChange, compare
from cmcal.review.git import load_tree

TODAY = date(2026, 11, 30)

HEADER = """\
calendar: Cuisine Express
timezone: America/Toronto
platforms: [instagram, facebook]
habits:
  daily-recipe:
    title: Recipe of the day
    every: day
    at: 11:30
    platforms: [instagram, facebook]
    start: 2026-12-01
    end: 2026-12-04
    required: true
  weekly-question:
    title: Question of the week
    every: week
    platforms: [facebook]
    start: 2026-11-30
    end: 2026-12-13
"""

POSTS = """\
posts:
  - id: tourtiere
    date: 2026-12-01
    habit: daily-recipe
    platforms: [instagram, facebook]
    title: Tourtière du Lac
    status: scheduled
  - id: pate
    date: 2026-12-02
    habit: daily-recipe
    platforms: [instagram, facebook]
    title: Pâté chinois
  - id: soupe
    date: 2026-12-03
    habit: daily-recipe
    platforms: [instagram, facebook]
    title: Soupe aux pois
  - id: galette
    date: 2026-12-04
    habit: daily-recipe
    platforms: [instagram, facebook]
    title: Galette des rois
  - id: question-49
    date: 2026-12-02
    habit: weekly-question
    platform: facebook
    title: Ketchup or not?
  - id: question-50
    date: 2026-12-09
    habit: weekly-question
    platform: facebook
    title: Your winter dessert?
"""

BASE = HEADER + POSTS


class Memory:
    """A `loader.Source` over files held in a dict."""

    def __init__(self, files: dict[str, str | bytes]) -> None:
        self.files = {k: v.encode() if isinstance(v, str) else v for k, v in files.items()}

    def read(self, path: str, root: str | None = None) -> bytes:
        try:
            return self.files[path]
        except KeyError:
            raise Refused(path, "missing", "no such file") from None

    def verify(self, path: str, root: str) -> None:
        self.read(path)

    def root_for(self, path: str) -> str:
        return "."

    def inside(self, path: str, root: str) -> bool:
        return not posixpath.normpath(path).startswith("../")

    def identity(self, path: str) -> str:
        return posixpath.normpath(path)

    def _dirs(self) -> set[str]:
        dirs = {"."}
        for path in self.files:
            parent = posixpath.dirname(path)
            while parent and parent not in dirs:
                dirs.add(parent)
                parent = posixpath.dirname(parent)
        return dirs

    def is_dir(self, path: str) -> bool:
        return path in self._dirs()

    def exists(self, path: str) -> bool:
        return path in self.files or self.is_dir(path)

    def files_under(self, folder: str) -> list[str]:
        return sorted(p for p in self.files if p.startswith(folder.rstrip("/") + "/"))


def loaded(files: dict[str, str | bytes]) -> Loaded:
    return load_tree(["calendars"], Memory(files))


def run(old: dict[str, str | bytes], new: dict[str, str | bytes], horizon: int = 14) -> Diff:
    def today(calendar: Calendar) -> date:
        return TODAY

    return compare(loaded(old), loaded(new), today, horizon, "HEAD", None)


def one(old: str, new: str) -> Diff:
    return run({"calendars/a.yaml": old}, {"calendars/a.yaml": new})


def posts(diff: Diff) -> list[PostChange]:
    return [p for c in diff.calendars for p in c.posts]


def test_no_change_lists_no_calendar() -> None:
    diff = one(BASE, BASE)
    assert diff.calendars == () and diff.problems == ()
    assert diff.summary.changes == 0


def test_reordering_posts_and_reformatting_is_no_change() -> None:
    blocks = POSTS.split("  - ")
    reordered = "  - ".join([blocks[0], *reversed(blocks[1:])]).replace("\n  - id", "\n\n  - id")
    reordered = reordered.replace("[instagram, facebook]", "\n      - instagram\n      - facebook")
    if not reordered.endswith("\n"):
        reordered += "\n"
    assert one(BASE, HEADER + reordered).calendars == ()


def test_moved_post_shows_old_and_new_and_the_gap_it_opens() -> None:
    new = BASE.replace(
        "    date: 2026-12-01\n    habit: daily-recipe", "    date: 2026-12-03\n    habit: daily-recipe"
    )
    diff = one(BASE, new)
    (change,) = posts(diff)
    assert change.change == "moved" and change.id == "tourtiere"
    assert change.old is not None and change.new is not None
    assert (change.old.date, change.new.date) == (date(2026, 12, 1), date(2026, 12, 3))
    assert change.fields == ()
    (gap,) = diff.calendars[0].gaps
    assert (gap.change, gap.habit, gap.window.first, gap.platforms, gap.required) == (
        "opened",
        "daily-recipe",
        date(2026, 12, 1),
        ("instagram", "facebook"),
        True,
    )
    assert change.opens == (gap,)


def test_a_time_change_is_a_move() -> None:
    new = BASE.replace("    title: Pâté chinois\n", "    title: Pâté chinois\n    time: 18:00\n")
    (change,) = posts(one(BASE, new))
    assert change.change == "moved"
    assert change.old is not None and change.new is not None
    assert (str(change.old.time), str(change.new.time)) == ("11:30:00", "18:00:00")


def test_edited_post_names_its_fields_with_old_and_new() -> None:
    new = BASE.replace("    status: scheduled\n", "    status: published\n    owner: bob\n")
    (change,) = posts(one(BASE, new))
    assert change.change == "edited"
    assert change.fields == (
        FieldChange("owner", None, "bob"),
        FieldChange("status", "scheduled", "published"),
    )


def test_added_and_removed_posts_with_the_gaps_they_close_and_open() -> None:
    removed = BASE.replace(
        "  - id: question-50\n    date: 2026-12-09\n    habit: weekly-question\n    platform: facebook\n"
        "    title: Your winter dessert?\n",
        "",
    )
    added = removed + (
        "  - date: 2026-12-10\n    habit: weekly-question\n    platform: facebook\n"
        "    title: Hot chocolate?\n"
    )
    diff = one(removed, added)
    (change,) = posts(diff)
    assert (change.change, change.id, change.title) == ("added", None, "Hot chocolate?")
    assert [g.change for g in change.closes] == ["closed"]
    assert change.closes[0].window.label.startswith("week 2026-W50")
    diff = one(BASE, removed)
    (change,) = posts(diff)
    assert (change.change, change.id) == ("removed", "question-50")
    assert [(g.change, g.habit) for g in change.opens] == [("opened", "weekly-question")]


def test_posts_without_id_are_paired_by_best_match() -> None:
    no_ids = "\n".join(line for line in BASE.splitlines() if not line.startswith("  - id:")).replace(
        "    date:", "  - date:"
    )
    no_ids += "\n"
    # Moved: same title, habit and platforms, another date.
    moved = no_ids.replace("  - date: 2026-12-09", "  - date: 2026-12-10")
    (change,) = posts(one(no_ids, moved))
    assert (change.change, change.title) == ("moved", "Your winter dessert?")
    # Retitled: same habit, date and platforms.
    retitled = no_ids.replace("title: Soupe aux pois", "title: Soupe aux pois cassés")
    (change,) = posts(one(no_ids, retitled))
    assert change.change == "edited"
    assert change.fields == (FieldChange("title", "Soupe aux pois", "Soupe aux pois cassés"),)


def test_two_different_ids_are_never_one_post() -> None:
    new = BASE.replace("id: soupe", "id: soupe-2")
    kinds = sorted((p.change, p.id) for p in posts(one(BASE, new)))
    assert kinds == [("added", "soupe-2"), ("removed", "soupe")]


def test_a_habit_at_change_does_not_move_its_posts() -> None:
    new = BASE.replace("    at: 11:30\n", "    at: 12:00\n")
    diff = one(BASE, new)
    assert posts(diff) == []
    (habit,) = diff.calendars[0].habits
    assert (habit.change, habit.habit, habit.fields) == (
        "changed",
        "daily-recipe",
        (FieldChange("at", "11:30", "12:00"),),
    )


def test_habits_added_removed_and_changed() -> None:
    new = BASE.replace("    every: week\n", "    every: week\n    days: [wed]\n").replace(
        "  weekly-question:",
        "  newsletter:\n    title: Newsletter\n    every: month\n    platforms: [facebook]\n"
        "    start: 2027-01-01\n  weekly-question:",
    )
    diff = one(BASE, new)
    assert [(h.change, h.habit) for h in diff.calendars[0].habits] == [
        ("added", "newsletter"),
        ("changed", "weekly-question"),
    ]
    assert diff.calendars[0].habits[1].fields == (FieldChange("days", None, ("wed",)),)


def test_a_habit_notes_change_shows() -> None:
    # Regression: only `notes` changed and diff said "no changes" (the habit's fields were listed by hand).
    new = BASE.replace("    required: true\n", "    required: true\n    notes: Sweet on Sundays.\n")
    (habit,) = one(BASE, new).calendars[0].habits
    assert (habit.change, habit.habit, habit.fields) == (
        "changed",
        "daily-recipe",
        (FieldChange("notes", None, "Sweet on Sundays."),),
    )


HABIT_CHANGES = {
    "title": ("title: Recipe of the day", "title: Recipe"),
    "every": ("every: day", "every: weekday"),
    "days": ("every: day", "every: month\n    days: [1]"),
    "at": ("at: 11:30", "at: 12:00"),
    "platforms": ("platforms: [instagram, facebook]\n    start", "platforms: [instagram]\n    start"),
    "type": ("start: 2026-12-01", "start: 2026-12-01\n    type: photo"),
    "start": ("start: 2026-12-01", "start: 2026-12-02"),
    "end": ("end: 2026-12-04", "end: 2026-12-05"),
    "skip": ("end: 2026-12-04", "end: 2026-12-04\n    skip: [2026-12-03]"),
    "times": ("end: 2026-12-04", "end: 2026-12-04\n    times: 2"),
    "required": ("required: true", "required: false"),
    "owner": ("required: true", "required: true\n    owner: alice"),
    "notes": ("required: true", "required: true\n    notes: Hi"),
    "on_holiday": ("required: true", "required: true\n    on_holiday: skip"),
}


@pytest.mark.parametrize("name", [f.name for f in HABIT.fields if f.name != "rrule"])
def test_every_habit_field_shows(name: str) -> None:
    old_text, new_text = HABIT_CHANGES[name]
    (habit,) = one(BASE, BASE.replace(old_text, new_text, 1)).calendars[0].habits
    assert name in [f.field for f in habit.fields]


def test_a_habit_change_that_closes_gaps() -> None:
    new = BASE.replace(
        "    end: 2026-12-13\n",
        "    end: 2026-12-13\n    skip: [2026-12-07, 2026-12-08, "
        "2026-12-09, 2026-12-10, 2026-12-11, 2026-12-12, 2026-12-13]\n",
    )
    old = BASE.replace("    date: 2026-12-09\n", "    date: 2026-12-20\n")  # week 50 is a gap in the old one
    diff = one(old, new.replace("    date: 2026-12-09\n", "    date: 2026-12-20\n"))
    gaps = diff.calendars[0].gaps
    assert [(g.change, g.habit, g.window.first) for g in gaps] == [
        ("closed", "weekly-question", date(2026, 12, 7))
    ]


def test_settings_changes() -> None:
    new = BASE.replace("timezone: America/Toronto", "timezone: America/Montreal")
    diff = one(BASE, new)
    assert diff.calendars[0].settings == (FieldChange("timezone", "America/Toronto", "America/Montreal"),)


def test_renamed_calendar_file_is_one_calendar() -> None:
    diff = run({"calendars/a.yaml": BASE}, {"calendars/cuisine.yaml": BASE})
    (calendar,) = diff.calendars
    assert (calendar.status, calendar.old_path, calendar.new_path) == (
        "renamed",
        "calendars/a.yaml",
        "calendars/cuisine.yaml",
    )
    assert calendar.posts == () and calendar.gaps == ()


def test_calendars_added_and_removed() -> None:
    other = BASE.replace("Cuisine Express", "Nordlys")
    diff = run({"calendars/a.yaml": BASE}, {"calendars/a.yaml": BASE, "calendars/n.yaml": other})
    (added,) = diff.calendars
    assert (added.status, added.new_posts, len(added.posts), len(added.habits)) == ("added", 6, 6, 2)
    assert diff.summary.calendars_added == 1 and diff.summary.posts_added == 6
    diff = run({"calendars/a.yaml": BASE, "calendars/n.yaml": other}, {"calendars/a.yaml": BASE})
    (removed,) = diff.calendars
    assert (removed.status, removed.old_posts, removed.old_path, removed.new_path) == (
        "removed",
        6,
        "calendars/n.yaml",
        None,
    )


def test_parts_are_read_through_include() -> None:
    root = HEADER + 'include: ["posts/*.yaml"]\n'
    old = {"calendars/c/calendar.yaml": root, "calendars/c/posts/dec.yaml": POSTS}
    new = {
        "calendars/c/calendar.yaml": root,
        "calendars/c/posts/dec.yaml": POSTS.replace("2026-12-09", "2026-12-11"),
    }
    (change,) = posts(run(old, new))
    assert change.change == "moved" and change.id == "question-50"
    assert change.new is not None and change.new.path == "calendars/c/posts/dec.yaml"
    # A part renamed: the same posts, no change.
    renamed = {"calendars/c/calendar.yaml": root, "calendars/c/posts/december.yaml": POSTS}
    assert run(old, renamed).calendars == ()


def test_a_broken_root_is_unreadable_not_removed() -> None:
    diff = one(BASE, BASE.replace("posts:\n", "posts: [\n", 1))
    (calendar,) = diff.calendars
    assert (calendar.status, calendar.posts, calendar.unreadable) == ("unreadable", (), ("calendars/a.yaml",))
    assert [p.code for p in diff.problems] == ["yaml-syntax"]
    assert diff.problems[0].path == "calendars/a.yaml" and diff.has_errors


def test_a_broken_part_hides_its_posts_and_the_rest_is_diffed() -> None:
    root = HEADER + 'include: ["posts/*.yaml"]\n'
    old = {
        "calendars/c/calendar.yaml": root,
        "calendars/c/posts/dec.yaml": POSTS,
        "calendars/c/posts/jan.yaml": "posts:\n  - {id: x, date: 2027-01-02, platform: facebook, title: X}\n",
    }
    new = dict(old)
    new["calendars/c/posts/dec.yaml"] = b"posts:\n  - id: [broken\n"
    new["calendars/c/posts/jan.yaml"] = old["calendars/c/posts/jan.yaml"].replace("2027-01-02", "2027-01-03")
    diff = run(old, new)
    (calendar,) = diff.calendars
    assert [(p.change, p.id) for p in calendar.posts] == [("moved", "x")]
    assert calendar.unreadable == ("calendars/c/posts/dec.yaml",)
    assert calendar.gaps == ()  # not compared: the broken part's posts would look like gaps


def test_problems_of_a_revision_side_carry_the_revision() -> None:
    broken = BASE.replace("title: Pâté chinois", "title: [Pâté")
    diff = run({"calendars/a.yaml": broken}, {"calendars/a.yaml": BASE})
    assert [f"{p.path}:{p.line}:{p.column} {p.code}" for p in diff.problems] == [
        "HEAD:calendars/a.yaml:31:7 yaml-syntax"
    ]


def test_a_problem_on_both_sides_is_shown_once() -> None:
    bad = BASE.replace("    status: scheduled\n", "    status: sheduled\n")
    diff = run({"calendars/a.yaml": bad}, {"calendars/a.yaml": bad})
    assert [(p.path, p.code) for p in diff.problems] == [("calendars/a.yaml", "bad-status")]


@pytest.mark.parametrize("horizon", [1, 14, 60])
def test_gaps_only_within_the_horizon(horizon: int) -> None:
    new = BASE.replace("  - id: galette\n    date: 2026-12-04", "  - id: galette\n    date: 2026-12-05")
    diff = one(BASE, new)
    gaps = [g for c in diff.calendars for g in c.gaps] if diff.calendars else []
    diff = run({"calendars/a.yaml": BASE}, {"calendars/a.yaml": new}, horizon=horizon)
    gaps = [g for c in diff.calendars for g in c.gaps]
    expected = [date(2026, 12, 4)] if horizon >= 5 else []
    assert [g.window.first for g in gaps] == expected


def test_media_edits_are_named_and_a_moved_line_is_not_an_edit() -> None:
    head = "calendar: C\ntimezone: UTC\nplatforms: [instagram, x]\nposts:\n"
    post = "  - id: a\n    date: 2026-12-01\n    platform: instagram\n    title: A\n    media: {media}\n"
    old = head + post.format(media="[a.jpg, {file: b.jpg, alt: B}]")
    shifted = (
        head
        + "  - {id: z, date: 2026-12-09, platform: x, title: Z}\n"
        + post.format(media="[a.jpg, {file: b.jpg, alt: B}]")
    )
    new = head + post.format(media="[a.jpg, {file: b.jpg, alt: Un B}]")
    (same,) = one(old, shifted).calendars
    assert [c.change for c in same.posts] == ["added"]  # the media lines moved, nothing changed in them
    (edited,) = one(old, new).calendars
    (change,) = edited.posts
    assert change.change == "edited"
    (field,) = change.fields
    assert (field.field, field.old, field.new) == (
        "media",
        ("a.jpg", {"file": "b.jpg", "alt": "B"}),
        ("a.jpg", {"file": "b.jpg", "alt": "Un B"}),
    )


PLANNED = BASE.replace(
    "habits:\n",
    """events:
  salon:
    title: Salon Gourmand
    date: 2026-12-05
    notes: Stand 12, near the entrance.
campaigns:
  noel: { title: Noël gourmand, start: 2026-12-01, end: 2026-12-24, notes: Budget 500 $ }
ideas:
  - { id: cretons, title: Cretons maison, notes: Grand-maman's recipe }
habits:
""",
)


def test_notes_of_an_event_a_campaign_and_an_idea_show() -> None:
    # Regression: the model kept no `notes` for events and campaigns, and diff said "no changes".
    new = (
        PLANNED.replace("Stand 12, near the entrance.", "Stand 14.")
        .replace("Budget 500 $", "Budget 600 $")
        .replace("Grand-maman's recipe", "Grand-papa's recipe")
    )
    (calendar,) = one(PLANNED, new).calendars
    assert [(e.id, e.fields) for e in calendar.events] == [
        ("salon", (FieldChange("notes", "Stand 12, near the entrance.", "Stand 14."),))
    ]
    assert [(c.id, c.fields) for c in calendar.campaigns] == [
        ("noel", (FieldChange("notes", "Budget 500 $", "Budget 600 $"),))
    ]
    assert [(i.id, i.fields) for i in calendar.ideas] == [
        ("cretons", (FieldChange("notes", "Grand-maman's recipe", "Grand-papa's recipe"),))
    ]


@pytest.mark.parametrize(
    ("table", "cls", "model_names"),
    [
        (EVENT, Event, {}),
        (EVENT_POST, EventSlot, {}),
        (CAMPAIGN, Campaign, {}),
        (IDEA, Idea, {"platform": "platforms"}),
        (BLACKOUT, Blackout, {"from": "first", "to": "last"}),
        (HABIT, Habit, {}),
        (POST, Post, {"platform": "platforms"}),
    ],
    ids=lambda v: getattr(v, "name", ""),
)
def test_the_model_keeps_every_key_the_builder_accepts(
    table: Table, cls: type, model_names: dict[str, str]
) -> None:
    """A key the builder reads but the model drops would be a change `diff` cannot see."""
    assert [name for name in table.names if not hasattr(cls, model_names.get(name, name))] == []
