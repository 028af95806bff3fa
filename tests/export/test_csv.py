"""`export --format csv`: a flat file that survives Python's csv module; Hootsuite and Buffer uploads."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from datetime import date, datetime, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmcal.errors import UsageError
from cmcal.export import Selection
from cmcal.export.csvout import BUFFER_COLUMNS, COLUMNS, export_csv, export_preset
from cmcal.model import Calendar, Every, Habit, PlatformAccount, Post
from cmcal.problems import Loc

TODAY = date(2026, 11, 30)
D = date.fromisoformat
EVERYTHING = Selection()

# The layouts the schedulers document, copied from their help pages (see cmcal.export.csvout):
# Buffer, https://support.buffer.com/article/926-how-to-upload-posts-in-bulk-to-buffer — header row
# `Text, Image URL, Tags, Posting Time`, Posting Time `YYYY-MM-DD HH:mm` (24-hour).
BUFFER_DOCUMENTED = ["Text", "Image URL", "Tags", "Posting Time"]
BUFFER_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
# Hootsuite Bulk Composer, https://help.hootsuite.com/s/article/bulk-schedule — no header; A: date and time
# (24-hour, here DD/MM/YYYY HH:MM), B: message, C: link (optional); minutes on a 5-minute mark.
HOOTSUITE_TIME = re.compile(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}")


def today(_: Calendar) -> date:
    return TODAY


def post(day: str, title: str = "Post", at: time | None = time(11, 30), **changes: object) -> Post:
    base = Post(None, D(day), title, ("instagram", "facebook"), time=at, status="scheduled", owner="alice")
    changes.setdefault("text", f"{title} text")
    return replace(base, **changes)  # type: ignore[arg-type]


def calendar(posts: list[Post], name: str = "Cuisine Express", habits: tuple[Habit, ...] = ()) -> Calendar:
    platforms = {p: PlatformAccount(p, p) for p in ("instagram", "facebook", "x")}
    numbered = tuple(replace(p, index=n, loc=Loc("cal.yaml", 10 + n, 5)) for n, p in enumerate(posts))
    return Calendar(name, "America/Toronto", platforms, {h.id: h for h in habits}, numbered, "cal.yaml")


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def generic(
    *calendars: Calendar, selection: Selection = EVERYTHING, gaps: bool = False
) -> list[dict[str, str]]:
    out = rows(export_csv(list(calendars), selection, today, gaps=gaps).text)
    assert out[0] == list(COLUMNS)
    return [dict(zip(out[0], row, strict=True)) for row in out[1:]]


# --- generic ------------------------------------------------------------------------------------------------


def test_one_row_per_post_and_platform_in_time_order() -> None:
    cal = calendar(
        [post("2026-12-02", "B"), post("2026-12-01", "A", platforms=("x",), at=None, tags=("t1", "t2"))]
    )
    got = generic(cal)
    assert [(r["date"], r["time"], r["platform"], r["title"]) for r in got] == [
        ("2026-12-01", "", "x", "A"),
        ("2026-12-02", "11:30", "instagram", "B"),
        ("2026-12-02", "11:30", "facebook", "B"),
    ]
    assert got[1]["start"] == "2026-12-02T11:30:00-05:00" and got[0]["start"] == ""
    assert got[0]["tags"] == "t1, t2" and got[1]["kind"] == "post" and got[1]["status"] == "scheduled"
    assert got[1]["uid"] == got[2]["uid"] and got[1]["uid"].endswith("@cmcal")


def test_per_platform_text_is_used_on_its_row() -> None:
    cal = calendar([post("2026-12-01", "A", texts={"facebook": "Long Facebook text"})])
    assert [r["text"] for r in generic(cal)] == ["A text", "Long Facebook text"]


def test_daylight_saving_in_the_start_column() -> None:
    cal = calendar([post("2026-03-08", at=time(2, 30)), post("2026-11-01", at=time(1, 30))])
    starts = [r["start"] for r in generic(cal) if r["platform"] == "instagram"]
    assert starts == ["2026-03-08T03:30:00-04:00", "2026-11-01T01:30:00-04:00"]
    assert [datetime.fromisoformat(s).utcoffset() is not None for s in starts] == [True, True]


NASTY = 'Tourtière, "la vraie"; 1,5 kg\nligne 2\r\nligne 3 — 🎄 ü e\u0301 \t tab'


def test_texts_with_commas_quotes_newlines_and_accents_round_trip() -> None:
    cal = calendar([post("2026-12-01", NASTY, link='https://example.org/a,b?q="x"', owner="Zoé, CM")])
    (first, _) = generic(cal)
    assert first["title"] == NASTY and first["text"] == f"{NASTY} text"
    assert first["link"] == 'https://example.org/a,b?q="x"' and first["owner"] == "Zoé, CM"


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_round_trips_through_the_csv_module(text: str) -> None:
    cal = calendar([post("2026-12-01", "T", platforms=("x",), text=text)])
    (row,) = generic(cal)
    assert row["text"] == text


def test_crlf_line_ends_and_no_byte_order_mark() -> None:
    text = export_csv([calendar([post("2026-12-01")])], Selection(), today).text
    assert (
        text.startswith("calendar,kind,") and text.count("\r\n") == 3 and "\n" not in text.replace("\r\n", "")
    )


def test_gap_rows_name_the_window_and_what_is_missing() -> None:
    weekly = Habit(
        "weekly", "Question", ("facebook",), D("2026-11-30"), every=Every.WEEK, times=2, owner="bob"
    )
    cal = calendar([post("2026-12-02", habit="weekly", platforms=("facebook",))], habits=(weekly,))
    got = generic(cal, selection=Selection(end=D("2026-12-13")), gaps=True)
    gaps = [r for r in got if r["kind"] == "gap"]
    assert [(g["date"], g["platform"], g["missing"], g["owner"]) for g in gaps] == [
        ("2026-11-30", "facebook", "1", "bob"),
        ("2026-12-07", "facebook", "2", "bob"),
    ]
    assert gaps[0]["window"] == "week 2026-W49 (Mon 2026-11-30 to Sun 2026-12-06)"
    assert [r["kind"] for r in got] == ["gap", "post", "gap"]  # in date order


# --- presets ------------------------------------------------------------------------------------------------


FORMAT_NOTES = {
    "buffer": "buffer: Posting Time is YYYY-MM-DD HH:mm on a 24-hour clock; times are in America/Toronto: "
    "the Buffer account must use that time zone",
    "hootsuite": "hootsuite: dates are day-first, DD/MM/YYYY HH:MM on a 24-hour clock: choose DD/MM/YYYY on "
    "Hootsuite's upload screen (month-first reads 01/12 as 12 January); times are in America/Toronto: the "
    "Hootsuite account must use that time zone",
}


def preset(
    name: str, *calendars: Calendar, selection: Selection = EVERYTHING, refused: list[str] | None = None
) -> tuple[list[list[str]], list[str]]:
    """The rows and notes (after the first, the date format, which is checked here) of a preset's file;
    what the scheduler would refuse must be `refused` (nothing by default)."""
    exported = export_preset(list(calendars), selection, today, name)
    assert list(exported.refused) == (refused or [])
    assert exported.notes[0] == FORMAT_NOTES[name]
    return rows(exported.text), list(exported.notes[1:])


def test_buffer_has_its_documented_header_and_time_format() -> None:
    cal = calendar(
        [
            post("2026-12-01", "A", platforms=("x",), link="https://ex.org/a"),
            post("2026-12-02", "B", platforms=("x",), text="B https://ex.org/b", link="https://ex.org/b"),
        ]
    )
    got, notes = preset("buffer", cal)
    assert got[0] == BUFFER_DOCUMENTED == list(BUFFER_COLUMNS)
    assert all(len(row) == len(BUFFER_DOCUMENTED) and BUFFER_TIME.fullmatch(row[3]) for row in got[1:])
    assert got[1:] == [
        ["A text\n\nhttps://ex.org/a", "", "", "2026-12-01 11:30"],  # Buffer has no link column
        ["B https://ex.org/b", "", "", "2026-12-02 11:30"],  # the link is already in the text
    ]
    assert notes == []


def test_hootsuite_has_no_header_and_its_documented_columns() -> None:
    cal = calendar(
        [
            post("2026-12-01", "A", platforms=("x",), link="https://ex.org/a"),
            post("2026-12-25", "B", platforms=("x",), at=time(9, 5)),
        ]
    )
    got, notes = preset("hootsuite", cal)
    assert got == [["01/12/2026 11:30", "A text", "https://ex.org/a"], ["25/12/2026 09:05", "B text", ""]]
    for when, _, _ in got:
        assert HOOTSUITE_TIME.fullmatch(when) and datetime.strptime(when, "%d/%m/%Y %H:%M").minute % 5 == 0
    assert notes == []


def test_presets_take_ready_and_scheduled_posts_from_today_on() -> None:
    cal = calendar(
        [
            post("2026-11-29", "past", platforms=("x",)),
            post("2026-12-01", "draft", platforms=("x",), status="draft"),
            post("2026-12-01", "ready", platforms=("x",), status="ready"),
            post("2026-12-01", "cancelled", platforms=("x",), status="cancelled"),
            post("2026-12-02", "published", platforms=("x",), status="published"),
            post("2026-12-03", "scheduled", platforms=("x",)),
        ]
    )
    got, _ = preset("buffer", cal)
    assert [row[0] for row in got[1:]] == ["ready text", "scheduled text"]
    everything = Selection(
        start=D("2026-01-01"), statuses=frozenset({"draft", "ready", "scheduled", "published"})
    )
    past = (
        'cal.yaml:10: "past" is on 2026-11-29, before today (2026-11-30): Buffer schedules only what is '
        "ahead; leave it out with --from"
    )
    got, _ = preset("buffer", cal, selection=everything, refused=[past])
    assert [row[0] for row in got[1:]] == [
        "past text",
        "draft text",
        "ready text",
        "published text",
        "scheduled text",
    ]


def test_presets_leave_out_what_cannot_be_scheduled_and_say_so() -> None:
    cal = calendar(
        [
            post("2026-12-01", "all day", platforms=("x",), at=None),
            post("2026-12-02", "no text", platforms=("x",), text=None),
            post("2026-12-03", "odd minute", platforms=("x",), at=time(11, 32)),
        ]
    )
    odd = 'cal.yaml:12: "odd minute" is at 11:32; Hootsuite takes times on a 5-minute grid (:00, :05 …): '
    odd += "move it"
    got, notes = preset("hootsuite", cal, refused=[odd])
    assert got == [["03/12/2026 11:32", "odd minute text", ""]]  # in the data: --force writes it as it is
    assert notes == [
        'cal.yaml:10: left out "all day": it has no time, and hootsuite needs one',
        'cal.yaml:11: left out "no text": it has no text for x',
    ]


def test_a_preset_is_one_channel_of_one_calendar() -> None:
    cal = calendar([post("2026-12-01")])
    with pytest.raises(
        UsageError, match=r"one channel: pick one with --platform \(this selection has facebook, instagram\)"
    ):
        export_preset([cal], Selection(), today, "buffer")
    got, _ = preset("buffer", cal, selection=Selection(platforms=frozenset({"facebook"})))
    assert len(got) == 2
    other = calendar([post("2026-12-01")], name="Other")
    with pytest.raises(UsageError, match="one account: export one calendar"):
        export_preset([cal, other], Selection(platforms=frozenset({"x", "facebook"})), today, "hootsuite")


def test_too_many_rows_are_refused() -> None:
    cal = calendar(
        [
            post(f"2026-12-{d:02d}", platforms=("x",), at=time(h, 0))
            for d in range(1, 31)
            for h in range(8, 12)
        ]
    )
    too_many = "120 posts: Buffer takes at most 100 per upload; split the export with --from and --to"
    got, notes = preset("buffer", cal, refused=[too_many])
    assert (len(got), notes) == (1 + 120, [])
    got, _ = preset("hootsuite", cal)  # Hootsuite takes 350
    assert len(got) == 120
    many = calendar([post(f"2026-12-{d:02d}", platforms=("x",), at=time(h, m)) for d in range(1, 31)
                     for h in range(8, 20) for m in (0, 30)])  # fmt: skip
    _, _ = preset(
        "hootsuite",
        many,
        refused=["720 posts: Hootsuite takes at most 350 per upload; split the export with --from and --to"],
    )


def test_refusals_are_capped_and_a_row_can_have_several() -> None:
    cal = calendar([post("2026-11-29", f"P{n}", platforms=("x",), at=time(9, n + 1)) for n in range(12)])
    exported = export_preset([cal], Selection(start=D("2026-11-01")), today, "hootsuite")
    assert (
        len(exported.refused) == 11 and exported.refused[-1] == "… and 12 more like these"
    )  # 12 past, 10 off the grid (09:05 and 09:10 are on it)
    assert exported.refused[:2] == (
        'cal.yaml:10: "P0" is on 2026-11-29, before today (2026-11-30): Hootsuite schedules only what is '
        "ahead; leave it out with --from",
        'cal.yaml:10: "P0" is at 09:01; Hootsuite takes times on a 5-minute grid (:00, :05 …): move it',
    )
    assert exported.posts == 12  # the data is whole: --force writes every row


def test_more_than_ten_buffer_posts_get_a_note_on_the_free_plan() -> None:
    cal = calendar([post(f"2026-12-{d:02d}", platforms=("x",)) for d in range(1, 12)])
    _, notes = preset("buffer", cal)
    assert notes == ["11 posts: Buffer's Free plan queues at most 10 per channel; a paid plan takes them all"]
    _, notes = preset("buffer", replace(cal, posts=cal.posts[:10]))
    assert notes == []
