"""The one value every check produces: a problem at a place in a file, and the registry of every code.

Every code is a member of `Code` and has one `Rule` in `RULES`: its severity, a one-sentence summary and the
user documentation (what it means, how to fix it, an example), in the spirit of yamllint's rule docstrings.
README's table of codes (`python -m cmcal.problems`) and docs/codes.md (`python -m cmcal.problems --docs`)
are made from it; tests/test_docs.py keeps both in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cmcal.value import Value


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Code(StrEnum):
    """Every problem code; the text is the stable code users, CI and `--format json` see."""

    YAML_SYNTAX = "yaml-syntax"
    DUPLICATE_KEY = "duplicate-key"
    BAD_ENCODING = "bad-encoding"
    UNREADABLE_FILE = "unreadable-file"
    OUTSIDE_REPOSITORY = "outside-repository"
    TOO_LARGE = "too-large"
    BAD_STRUCTURE = "bad-structure"
    UNKNOWN_KEY = "unknown-key"
    MISSING_KEY = "missing-key"
    BAD_DATE = "bad-date"
    BAD_TIME = "bad-time"
    BAD_TIMEZONE = "bad-timezone"
    BAD_RRULE = "bad-rrule"
    UNKNOWN_PLATFORM = "unknown-platform"
    UNKNOWN_HABIT = "unknown-habit"
    UNKNOWN_OWNER = "unknown-owner"
    UNKNOWN_TYPE = "unknown-type"
    BAD_STATUS = "bad-status"
    DUPLICATE_ID = "duplicate-id"
    TEXT_TOO_LONG = "text-too-long"
    TOO_MANY_HASHTAGS = "too-many-hashtags"
    TYPE_NOT_SUPPORTED = "type-not-supported"
    NONEXISTENT_TIME = "nonexistent-time"
    AMBIGUOUS_TIME = "ambiguous-time"
    OFF_SCHEDULE = "off-schedule"
    OVERBOOKED = "overbooked"
    STALE = "stale"
    GAP = "gap"
    BAD_METRICS = "bad-metrics"
    BAD_HOLIDAYS = "bad-holidays"
    IN_BLACKOUT = "in-blackout"
    UNKNOWN_EVENT = "unknown-event"
    UNKNOWN_CAMPAIGN = "unknown-campaign"
    OUTSIDE_CAMPAIGN = "outside-campaign"
    APPROVAL_STALE = "approval-stale"
    NOT_APPROVED = "not-approved"
    MISSING_MEDIA = "missing-media"
    MEDIA_OUTSIDE = "media-outside"
    BAD_MEDIA = "bad-media"
    MEDIA_NOT_FETCHED = "media-not-fetched"
    NO_MEDIA = "no-media"
    MEDIA_NOT_SUPPORTED = "media-not-supported"
    MEDIA_COUNT = "media-count"
    MEDIA_TOO_LARGE = "media-too-large"
    BAD_DIMENSIONS = "bad-dimensions"
    BAD_DURATION = "bad-duration"
    MISSING_ALT = "missing-alt"
    ALT_TOO_LONG = "alt-too-long"


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Loc(Value):
    """A place in a file: 1-based line and column."""

    path: str
    line: int
    column: int


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Problem(Value):
    """One finding, with the exact place it points at and a message that says what to do."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int]:
        # By place only: a stable sort keeps the order the rules found them in (a habit's gaps by date).
        return (self.path, self.line, self.column)

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }


def problem(loc: Loc, code: Code, message: str, severity: Severity | None = None) -> Problem:
    """Make a problem with the severity its rule declares (or an explicit one, for `gap`).

    Every rule names its `Code` (mypy holds the call sites to it): a misspelt code cannot reach a user.
    """
    rule = RULES[code]
    sev = severity if severity is not None else rule.severity
    return Problem(loc.path, loc.line, loc.column, sev, rule.code, message)


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=Problem.sort_key)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Rule(Value):
    """One code, declared once: the severity it is reported with, and its documentation."""

    code: Code
    severity: Severity
    summary: str
    """When the problem is reported, in one sentence for the user."""
    doc: str = ""
    """What to do about it, and an example, in Markdown (docs/codes.md)."""


_E, _W = Severity.ERROR, Severity.WARNING

RULES: dict[Code, Rule] = {
    r.code: r
    for r in (
        Rule(
            Code.YAML_SYNTAX,
            _E,
            "The file is not valid YAML.",
            "The message says what the YAML reader expected; a tab used for indentation or a `:` inside an "
            'unquoted title are the usual causes. Quote the value: `title: "Soupe: le retour"`.',
        ),
        Rule(
            Code.DUPLICATE_KEY,
            _E,
            "A mapping repeats a key; the message names both lines.",
            "YAML keeps only one of the two values, so cmcal refuses to guess. Keep one of the lines; "
            "the same goes for a platform listed twice in `platforms` or a member listed twice in `team`.",
        ),
        Rule(
            Code.BAD_ENCODING,
            _E,
            "The file is not UTF-8 (a UTF-8 byte-order mark is allowed).",
            "Save the file as UTF-8; the message points at the first byte that is not UTF-8.",
        ),
        Rule(
            Code.UNREADABLE_FILE,
            _E,
            "A file that cannot be read: a FIFO, device or socket, a dangling link, a link loop, "
            "permission denied, a read error (exit 3).",
            'cmcal opens only regular files, never waiting on one (README, "Security"). The problem is at '
            "the start of the file when the command line or a folder scan reached it, else at the "
            "`include:` or `metrics_files:` entry that matched it, and gives the reason. The other calendars "
            "are still read, checked and shown; the exit code is 3. Replace the file by a regular one, or "
            "remove it.",
        ),
        Rule(
            Code.OUTSIDE_REPOSITORY,
            _E,
            "An `include:` or `metrics_files:` path that is absolute or leads outside the calendar's "
            "repository, or a file linked from outside it; it is not read.",
            "A calendar reads files of its own repository only (the git work tree, else the folder named): "
            "write entries relative to the calendar's folder, e.g. `include: [posts/*.yaml]`; `..` is fine "
            "while it stays inside. Nothing outside is listed or read, and the message names the entry, "
            "never what it would have matched.",
        ),
        Rule(
            Code.TOO_LARGE,
            _E,
            "The file is over the size bound (64 MiB) or the node bound (2,000,000 nodes).",
            "Split the posts over part files listed in `include:` (docs/format.md).",
        ),
        Rule(
            Code.BAD_STRUCTURE,
            _E,
            "Wrong shape: a list where a mapping belongs, a non-text title, an anchor or alias, "
            "several documents, a value outside its allowed set…",
            "The message names the key and the shape it expects, e.g. "
            '`habit "weekly-question" › days: unknown day "mer" (expected mon…sun)`. Anchors, aliases and '
            "merge keys are refused: write each value out.",
        ),
        Rule(
            Code.UNKNOWN_KEY,
            _E,
            "A key the format does not know; the message suggests the closest known key.",
            "A misspelt key would otherwise be ignored silently. docs/format.md lists every key; "
            '`titel: …` gets `did you mean "title"?`.',
        ),
        Rule(
            Code.MISSING_KEY,
            _E,
            "A required key is absent.",
            "A calendar needs `calendar`, `timezone` and `platforms`; a habit `start` and `platforms`; "
            "a post `date`, `title` and `platform` or `platforms` (docs/format.md).",
        ),
        Rule(
            Code.BAD_DATE,
            _E,
            "Not a real `YYYY-MM-DD` date.",
            "Write dates `2026-12-01`; `2026-02-30` is not a real date. A habit's `end` "
            "before its `start` is reported here too.",
        ),
        Rule(
            Code.BAD_TIME,
            _E,
            "Not a real `HH:MM` time (00:00 to 23:59).",
            "Write times `11:30`, in the calendar's zone; `24:00` and `11h30` are refused.",
        ),
        Rule(
            Code.BAD_TIMEZONE,
            _E,
            "Not an IANA time zone such as `America/Toronto`.",
            "Use a zone name from the IANA database (`Europe/Paris`, `America/Toronto`), not an offset "
            "like `EST` or `+01:00`: daylight saving follows the zone.",
        ),
        Rule(
            Code.BAD_RRULE,
            _E,
            "An RRULE that does not parse or never occurs, "
            "or a habit with both or neither of `every` and `rrule`.",
            "An `rrule` is the body of an RFC 5545 rule, e.g. `FREQ=WEEKLY;INTERVAL=2;BYDAY=TH`, without "
            "`DTSTART` (the habit's `start` is) ; a rule whose every occurrence falls after its `UNTIL` once "
            "the habit's `at` is applied never occurs.",
        ),
        Rule(
            Code.UNKNOWN_PLATFORM,
            _E,
            "A platform id that the calendar's `platforms` does not declare.",
            "Declare the account in `platforms:` or correct the id; the message suggests the closest one. "
            "A `kind:` that is not a known platform is reported here too.",
        ),
        Rule(
            Code.UNKNOWN_HABIT,
            _E,
            "A habit id that the calendar's `habits` does not declare.",
            "Correct the post's `habit:` (the message suggests the closest id) or declare the habit.",
        ),
        Rule(
            Code.UNKNOWN_OWNER,
            _E,
            "An owner not listed in the calendar's `team`.",
            "Add the person to `team:` or correct the `owner:`; without a `team`, any owner is accepted.",
        ),
        Rule(
            Code.UNKNOWN_TYPE,
            _E,
            "A content type cmcal does not know.",
            "Use one of the content types of docs/format.md (`photo`, `video`, `reel`, `carousel`…).",
        ),
        Rule(
            Code.BAD_STATUS,
            _E,
            "A status other than idea, draft, ready, scheduled, published, cancelled.",
            "Use one of the six statuses; a post without `status` is a draft.",
        ),
        Rule(
            Code.DUPLICATE_ID,
            _E,
            "Two posts of one calendar share an `id`.",
            "An `id` names one post across edits (`cmcal diff`, exports' UIDs); "
            "give the second post its own.",
        ),
        Rule(
            Code.TEXT_TOO_LONG,
            _E,
            "The text is over a platform's limit, counted in that platform's own unit.",
            "Each platform counts in its own unit (X weighs a link as 23 characters; docs/platforms.md). "
            "Shorten the text, or give that platform its own: `platforms: {x: {text: …}}`.",
        ),
        Rule(
            Code.TOO_MANY_HASHTAGS,
            _E,
            "Over a platform's hashtag limit (Instagram: 5).",
            "Remove hashtags, or give the platform its own text; a platform's `max_hashtags` overrides the "
            "built-in limit.",
        ),
        Rule(
            Code.TYPE_NOT_SUPPORTED,
            _E,
            "A content type the platform cannot carry (a YouTube post that is not a video).",
            "Change the post's `type`, publish it elsewhere, or set the account's `types`.",
        ),
        Rule(
            Code.NONEXISTENT_TIME,
            _E,
            "A local time skipped by a daylight-saving change.",
            "On the morning clocks go forward, an hour does not exist (02:30 in America/Toronto on the "
            "second Sunday of March); move the post's `time` or the habit's `at` "
            '(README, "Daylight saving").',
        ),
        Rule(
            Code.AMBIGUOUS_TIME,
            _W,
            "A local time that occurs twice at a daylight-saving change.",
            "On the night clocks go back, an hour happens twice; cmcal takes the first. Move the time to be "
            "sure when the post goes out.",
        ),
        Rule(
            Code.OFF_SCHEDULE,
            _W,
            "A habit's post outside every slot of that habit.",
            "The post names a habit but falls on a day (or platform) with no slot of it: "
            "move it into a slot, or remove its `habit:`.",
        ),
        Rule(
            Code.OVERBOOKED,
            _W,
            "More posts in a habit slot than its `times`.",
            "Move a post to another slot, or raise the habit's `times`. Cancelled posts do not count.",
        ),
        Rule(
            Code.STALE,
            _W,
            "Not published, not cancelled, and dated before today.",
            "Mark the post `published` or `cancelled`, or give it a new date.",
        ),
        Rule(
            Code.GAP,
            _W,
            "A habit slot with fewer posts than `times` between today and today + horizon "
            "(an error for a `required` habit).",
            "Plan a post that names the habit, lists the platform and falls in the slot, "
            "or `skip:` the date. `cmcal gaps` lists them; `--horizon` sets how far `check` looks.",
        ),
        Rule(
            Code.BAD_METRICS,
            _E,
            "A metric that is negative or not a whole number, or on an unknown post.",
            "Counts are whole numbers of 0 or more; a metrics CSV row names a post by its `id` "
            "(docs/format.md).",
        ),
        Rule(
            Code.BAD_HOLIDAYS,
            _E,
            "A holiday set the `holidays` package does not know; the message suggests the closest.",
            "Write an ISO 3166 country code (`FR`) or a country and subdivision (`CA-QC`, `US-NY`), as the "
            "`holidays` package names them: `holidays: [CA-QC]` (docs/format.md).",
        ),
        Rule(
            Code.IN_BLACKOUT,
            _E,
            "A post that is not cancelled, dated inside a blackout.",
            "Nothing is published during a blackout: move the post after it, or set `status: cancelled`. "
            "`blackouts: [{from: 2026-12-24, to: 2026-12-26, reason: Fermeture}]` covers both days.",
        ),
        Rule(
            Code.UNKNOWN_EVENT,
            _E,
            "An event id that the calendar's `events` does not declare.",
            "Fix the typo (the message suggests the closest id) or declare the event under `events:`.",
        ),
        Rule(
            Code.UNKNOWN_CAMPAIGN,
            _E,
            "A campaign id that the calendar's `campaigns` does not declare.",
            "Fix the typo (the message suggests the closest id) or declare the campaign under `campaigns:` "
            "with its `start` and `end`.",
        ),
        Rule(
            Code.OUTSIDE_CAMPAIGN,
            _W,
            "A post dated outside its campaign's `start` to `end`.",
            "Move the post into the campaign's dates, widen the campaign, or drop the post's `campaign`.",
        ),
        Rule(
            Code.APPROVAL_STALE,
            _W,
            "An approved post changed since its approval (an error when it is scheduled or published).",
            "The approval's digest covers date, time, platforms, title, texts, link and media; an edit to "
            "any of them after `cmcal approve` needs a new approval: `cmcal approve POST --by NAME` "
            '(README, "Writing the calendar").',
        ),
        Rule(
            Code.NOT_APPROVED,
            _E,
            "A scheduled post without an approval in a calendar with `require_approval: true`.",
            "Have the post approved with `cmcal approve POST --by NAME` before it is scheduled, or keep it "
            "`ready` until then.",
        ),
        Rule(
            Code.MISSING_MEDIA,
            _E,
            "A media `file` that does not exist.",
            "A path is relative to the file that holds the post (a part file's own folder, not the root "
            "calendar's): `media: [../media/tourtiere.jpg]` from `posts/2026-12.yaml`.",
        ),
        Rule(
            Code.MEDIA_OUTSIDE,
            _E,
            "A media path that leaves the calendar's repository: an absolute path, `..`, a link out.",
            "Media stay in the repository that holds the calendar (its git work tree, else its folder), so "
            "that every clone, and CI, has them: copy the file in and write its relative path.",
        ),
        Rule(
            Code.BAD_MEDIA,
            _E,
            "A media file that is not a readable image or video; the message says what it is.",
            "cmcal reads a file's header, never its name: a text file named `.jpg`, an HTML error page saved "
            "instead of a picture, an empty or damaged file are refused. Export the picture again as JPEG or "
            "PNG, the video as MP4.",
        ),
        Rule(
            Code.MEDIA_NOT_FETCHED,
            _W,
            "A media file that is a Git LFS pointer: `git lfs pull`; its checks are skipped.",
            "The repository keeps the file in Git LFS and this checkout has only its pointer (CI often "
            "checks out without LFS): run `git lfs pull`, or `lfs: true` in `actions/checkout`.",
        ),
        Rule(
            Code.NO_MEDIA,
            _E,
            "A ready, scheduled or published post without media on a platform that needs them "
            "(Instagram, TikTok, YouTube, Pinterest, Vimeo).",
            "Add `media:` (a path, an `https://` URL or `{file, alt}`); a draft may wait for its picture.",
        ),
        Rule(
            Code.MEDIA_NOT_SUPPORTED,
            _E,
            "A media format or kind the platform does not take, kinds mixed where it forbids it, "
            "or media that contradict the post's `type`.",
            "Instagram's API takes JPEG images only; YouTube takes no image; X takes 4 images or 1 GIF or 1 "
            "video, never mixed. Convert the file, give the platform its own `media`, or fix the `type` "
            "(README, Media rules).",
        ),
        Rule(
            Code.MEDIA_COUNT,
            _E,
            "More (or fewer) media items than the platform allows for that kind of post.",
            "An Instagram carousel holds 2 to 10 items, X 4 images, Pinterest 2 to 5; a `carousel` needs at "
            "least 2 items, a `photo` one image where the platform has carousels.",
        ),
        Rule(
            Code.MEDIA_TOO_LARGE,
            _E,
            "A media file over the platform's size limit for its kind.",
            "Compress or resize the file (X: 5 MB an image; Bluesky: 2,000,000 bytes); the message gives the "
            "limit and where a platform's pages disagree.",
        ),
        Rule(
            Code.BAD_DIMENSIONS,
            _E,
            "Pixel size or aspect ratio outside the platform's range "
            "(a warning where the figure is a recommendation or not the platform's own).",
            "Crop or resize: Instagram's feed takes 4:5 to 1.91:1, Facebook Reels at least 540×960, YouTube "
            "Shorts square or vertical.",
        ),
        Rule(
            Code.BAD_DURATION,
            _E,
            "A video shorter or longer than the platform allows.",
            "Trim or extend the video: Instagram Reels take 3 s to 15 min, Stories 3 to 60 s, Facebook Reels "
            "3 to 90 s, YouTube Shorts up to 3 min, Threads up to 5 min.",
        ),
        Rule(
            Code.MISSING_ALT,
            _W,
            "An image without `alt` text on a platform that publishes alternative text.",
            "Write the item as `{file: media/tourtiere.jpg, alt: Une tourtière dorée, tranchée}`: people "
            "using a screen reader hear it. Reported once per item, naming every platform that publishes it.",
        ),
        Rule(
            Code.ALT_TOO_LONG,
            _E,
            "`alt` text over the platform's limit.",
            "Shorten it: Pinterest takes 500 characters, X and Instagram 1,000, Mastodon 1,500.",
        ),
    )
}


def markdown_table() -> str:
    """README's table of codes (`python -m cmcal.problems`)."""
    rows = [f"| `{r.code}` | {r.severity.value} | {r.summary} |" for r in RULES.values()]
    return "\n".join(["| code | severity | when |", "| --- | --- | --- |", *rows]) + "\n"


def codes_markdown() -> str:
    """docs/codes.md (`python -m cmcal.problems --docs`)."""
    out = [
        "# Problem codes",
        "",
        "<!-- Generated by `python -m cmcal.problems --docs` from src/cmcal/problems.py; do not edit. -->",
        "",
        "Every problem `cmcal check` reports has a place (`path:line:col`, 1-based), a severity and one of "
        "these codes. Errors make `check` exit 1; warnings too with `--strict`.",
        "",
    ]
    for r in RULES.values():
        out.extend([f"## `{r.code}`", "", f"*{r.severity.value}*. {r.summary}", ""])
        if r.doc:
            out.extend([r.doc, ""])
    return "\n".join(out)


if __name__ == "__main__":
    import sys

    print(codes_markdown() if "--docs" in sys.argv[1:] else markdown_table(), end="")
