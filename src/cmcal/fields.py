"""Every key of every cmcal file, once: name, kind of value, whether required, a line of doc, an example.

The builder (`files/build.py`) accepts exactly these keys, the JSON Schemas (`starter/schema.py`) describe
them, `cmcal textconv` and `cmcal diff` show them in this order, and docs/format.md is generated from them
(`python -m cmcal.fields`), so none of them can disagree. Adding a key is adding a `Field` to its table (and
reading it in `files/build.py`); the tests fail until the schema, diff and docs know it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cmcal.bounds import MAX_COUNT, MAX_DAYS, MAX_PLATFORM_LIMIT, MAX_TIMES
from cmcal.model import (
    CONTENT_TYPES,
    ENGAGEMENT_COUNTS,
    FULL_WEEKDAYS,
    MAX_OFFSET,
    METRIC_NAMES,
    ON_HOLIDAY,
    STATUSES,
    WEEKDAYS,
    Every,
)
from cmcal.value import Value


class Kind(StrEnum):
    """What a key's value is, as a person writes it (README, "Reading YAML": every scalar is read as text)."""

    TEXT = "text"
    """Any text; unquoted numbers and `yes`/`no` are text too."""
    ID = "id"
    """Letters (any script), digits, `-`, `_` or `.`, starting with a letter or digit."""
    DATE = "date"
    """`YYYY-MM-DD`, a real date."""
    TIME = "time"
    """`HH:MM`, 00:00 to 23:59, local to the calendar's zone."""
    TIMEZONE = "timezone"
    """An IANA zone name such as `America/Toronto`."""
    LANGUAGE = "language"
    """A language cmcal speaks, as a BCP 47 tag: `en`, `fr`, or with a region, `fr-CA`, `fr-FR`, `en-CA`."""
    RRULE = "rrule"
    """An RFC 5545 RRULE body such as `FREQ=WEEKLY;BYDAY=TH`."""
    INT = "int"
    """A whole number (at least `minimum`)."""
    COUNT = "count"
    """A count a platform reported: a whole number of 0 or more (`5_400` too); empty when unknown."""
    SHARE = "share"
    """A number above 0 and at most 1."""
    BOOL = "bool"
    """`true` or `false`."""
    ENUM = "enum"
    """One of `values`."""
    LIST = "list"
    """A list of `items` values (`[a, b]`); a single value is read as a list of one."""
    IDS = "ids"
    """A list of ids (`[a, b]`) or a mapping of ids to settings of the table `table` (`{a: {…}}`)."""
    MAPPING = "mapping"
    """A mapping of ids to settings of the table `table`."""
    SETTINGS = "settings"
    """A mapping whose keys are the table `table`'s fields."""
    DAYS = "days"
    """Weekday names (`mon`…`sun`, full names, any case) for a week; day numbers (1…31, -1) for a month."""
    MEDIA = "media"
    """A list of media items, each a path, an `https://` URL, or a mapping of the table `media`."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Field(Value):
    """One key: what it holds and what it means."""

    name: str
    kind: Kind
    doc: str
    """One line for the user: what the key means."""
    example: str
    """The key as it is written in a file, e.g. `at: 11:30`."""
    required: bool = False
    values: tuple[str, ...] = ()
    """The allowed values of an `ENUM`, or of each item of a `LIST` of `ENUM`."""
    items: Kind | None = None
    """The kind of each item of a `LIST`."""
    table: str | None = None
    """For `IDS`, `MAPPING` and `SETTINGS`: the name of the table that describes the settings."""
    minimum: int | None = None
    """For `INT`: the smallest value allowed."""
    maximum: int | None = None
    """For `INT` and `COUNT`: the largest value allowed (README, "Limits")."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Table(Value):
    """The keys of one kind of mapping, in the format's order."""

    name: str
    where: str
    """Where the mapping is written, for the docs, e.g. "each entry of `habits:`"."""
    fields: tuple[Field, ...]
    one_of: tuple[str, ...] = ()
    """Keys of which exactly one must be given (a habit's `every` or `rrule`, a post's `platform(s)`)."""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    def __getitem__(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


_MEDIA = Field(
    "media",
    Kind.MEDIA,
    "What the post publishes, in order: paths, `https://` URLs, or `{file|url, alt}`.",
    "media:\n  - media/tourtiere.jpg\n  - {file: media/tourtiere-2.jpg, alt: Une tourtière}",
    table="media",
)

_POSTS = Field(
    "posts",
    Kind.LIST,
    "The posts, each a mapping starting with `- date: …`.",
    "posts:\n  - date: 2026-12-01\n    platform: instagram\n    title: Tourtière du Lac",
    table="post",
)

ROOT = Table(
    "calendar",
    "the top level of a calendar file",
    (
        Field("calendar", Kind.TEXT, "The calendar's display name.", "calendar: Cuisine Express", True),
        Field(
            "timezone",
            Kind.TIMEZONE,
            "The IANA zone every date and time of the calendar is local to.",
            "timezone: America/Toronto",
            True,
        ),
        Field(
            "language",
            Kind.LANGUAGE,
            "The language of the calendar's messages, views and reports (`en` unless set).",
            "language: fr-CA",
        ),
        Field(
            "platforms",
            Kind.IDS,
            "The accounts the calendar publishes to, at least one; a known platform id brings its rules.",
            "platforms: {instagram: {}, blogue: {kind: wordpress}}",
            True,
            table="platform",
        ),
        Field(
            "team",
            Kind.LIST,
            "The people who may own posts; when present, every `owner` must be listed.",
            "team: [alice, bob]",
            items=Kind.TEXT,
        ),
        Field(
            "habits",
            Kind.MAPPING,
            "The recurring promises, by id.",
            "habits:\n  daily-recipe: {title: Recipe of the day, every: day, platforms: [instagram], "
            "start: 2026-12-01}",
            table="habit",
        ),
        _POSTS,
        Field(
            "include",
            Kind.LIST,
            "Globs of part files (relative to this file) whose posts belong to this calendar.",
            'include: ["posts/2026-*.yaml"]',
            items=Kind.TEXT,
        ),
        Field(
            "metrics_files",
            Kind.LIST,
            "Globs of CSV files of metrics exported from the platforms.",
            'metrics_files: ["metrics/*.csv"]',
            items=Kind.TEXT,
        ),
        Field(
            "report",
            Kind.SETTINGS,
            "Settings of `cmcal report`.",
            "report: {engagement: [likes, comments], max_type_share: 0.5}",
            table="report",
        ),
        Field(
            "media_base_url",
            Kind.TEXT,
            "For exports: an `https://` URL; a media file's URL is this + its path relative to this file.",
            "media_base_url: https://cdn.example.org/calendar/",
        ),
        Field(
            "holidays",
            Kind.LIST,
            "Public-holiday sets (ISO 3166 country or subdivision codes of the `holidays` package).",
            "holidays: [CA-QC]",
            items=Kind.TEXT,
        ),
        Field(
            "blackouts",
            Kind.LIST,
            "Periods when nothing is published (a closure, a crisis).",
            "blackouts:\n  - {from: 2026-12-24, to: 2026-12-26, reason: Fermeture des fêtes}",
            table="blackout",
        ),
        Field(
            "events",
            Kind.MAPPING,
            "Dated happenings and the posts promised around them, by id.",
            "events:\n  salon-gourmand: {title: Salon Gourmand, date: 2027-03-12}",
            table="event",
        ),
        Field(
            "campaigns",
            Kind.MAPPING,
            "Groups of posts over a period, reported together, by id.",
            "campaigns:\n  noel-2026: {title: Noël gourmand, start: 2026-12-01, end: 2026-12-24}",
            table="campaign",
        ),
        Field(
            "ideas",
            Kind.LIST,
            "The backlog: posts without a date yet, checked like posts.",
            "ideas:\n  - {title: Cretons maison, habit: daily-recipe}",
            table="idea",
        ),
        Field(
            "require_approval",
            Kind.BOOL,
            "Whether a `scheduled` post needs an approval (`cmcal approve`); "
            "without one it is `not-approved`.",
            "require_approval: true",
        ),
    ),
)

PART = Table("part", "the top level of a part file (listed in a calendar's `include:`)", (_POSTS,))

PLATFORM = Table(
    "platform",
    "the settings of one account under `platforms:`",
    (
        Field(
            "kind",
            Kind.ID,
            "The known platform whose rules apply to an account with another id; none for a custom platform.",
            "kind: wordpress",
        ),
        Field("handle", Kind.TEXT, "The account's handle, for people.", "handle: '@cuisine_express'"),
        Field(
            "max_length",
            Kind.INT,
            "A text length limit replacing the platform's own.",
            "max_length: 280",
            minimum=0,
            maximum=MAX_PLATFORM_LIMIT,
        ),
        Field(
            "max_hashtags",
            Kind.INT,
            "A hashtag limit replacing the platform's own.",
            "max_hashtags: 5",
            minimum=0,
            maximum=MAX_PLATFORM_LIMIT,
        ),
        Field(
            "types",
            Kind.LIST,
            "The content types the account can carry, replacing the platform's own.",
            "types: [photo, video]",
            items=Kind.ENUM,
            values=CONTENT_TYPES,
        ),
    ),
)

HABIT = Table(
    "habit",
    "each entry of `habits:` (the key is the habit's id)",
    (
        Field("title", Kind.TEXT, "What the habit is called; default its id.", "title: Recipe of the day"),
        Field(
            "every",
            Kind.ENUM,
            "How often: every day, weekday (Monday to Friday), ISO week or month; or give an `rrule`.",
            "every: week",
            values=tuple(e.value for e in Every),
        ),
        Field(
            "days",
            Kind.DAYS,
            "Fixed days of the slots: weekdays for `every: week`, day numbers (-1: the last) for a month.",
            "days: [tue, thu]",
        ),
        Field(
            "rrule",
            Kind.RRULE,
            "An RFC 5545 RRULE body, instead of `every`; each occurrence is a one-day slot.",
            "rrule: FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
        ),
        Field(
            "at", Kind.TIME, "The slot's local time; a post of the habit takes it by default.", "at: 11:30"
        ),
        Field(
            "platforms",
            Kind.IDS,
            "Where the habit is published; one slot a platform.",
            "platforms: [instagram, facebook]",
            True,
        ),
        Field(
            "type",
            Kind.ENUM,
            "The content type expected; a post of the habit takes it by default.",
            "type: photo",
            values=CONTENT_TYPES,
        ),
        Field("start", Kind.DATE, "The first date of the habit.", "start: 2026-12-01", True),
        Field("end", Kind.DATE, "The last date of the habit.", "end: 2027-06-30"),
        Field("skip", Kind.LIST, "Dates with no slot.", "skip: [2026-12-25]", items=Kind.DATE),
        Field(
            "times",
            Kind.INT,
            "Posts needed in each slot (default 1).",
            "times: 2",
            minimum=1,
            maximum=MAX_TIMES,
        ),
        Field(
            "required",
            Kind.BOOL,
            "Whether a gap is an error in `cmcal check` rather than a warning.",
            "required: true",
        ),
        Field("owner", Kind.TEXT, "Who keeps the habit.", "owner: alice"),
        Field("notes", Kind.TEXT, "Free notes for the team.", "notes: Alternate sweet and savoury."),
        Field(
            "on_holiday",
            Kind.ENUM,
            "What a day slot on a holiday becomes: kept, skipped, or moved to the nearest free day before "
            "or after (default keep).",
            "on_holiday: before",
            values=ON_HOLIDAY,
        ),
    ),
    one_of=("every", "rrule"),
)

POST = Table(
    "post",
    "each entry of `posts:`",
    (
        Field(
            "id",
            Kind.ID,
            "A stable identity, unique in the calendar; kept across edits.",
            "id: tourtiere-2026",
        ),
        Field("date", Kind.DATE, "The publishing date.", "date: 2026-12-01", True),
        Field("time", Kind.TIME, "The local time; default the habit's `at`, else all day.", "time: 11:30"),
        Field(
            "platforms",
            Kind.IDS,
            "Where the post is published (or `platform:`, exactly one of the two); settings per platform.",
            "platforms: {instagram: {}, facebook: {text: Un texte plus long…}}",
            table="post-platform",
        ),
        Field("platform", Kind.ID, "The one platform of the post (or `platforms:`).", "platform: instagram"),
        Field("habit", Kind.ID, "The habit whose slot the post fills.", "habit: daily-recipe"),
        Field(
            "type",
            Kind.ENUM,
            "The content type; default the habit's type.",
            "type: photo",
            values=CONTENT_TYPES,
        ),
        Field("title", Kind.TEXT, "What the post is, for the team.", "title: Tourtière du Lac", True),
        Field(
            "text",
            Kind.TEXT,
            "The caption, checked against each platform's rules.",
            "text: Notre tourtière… #recette",
        ),
        Field("link", Kind.TEXT, "A link the post carries.", "link: https://example.org/tourtiere"),
        Field(
            "owner", Kind.TEXT, "Who prepares the post; listed in `team` when there is one.", "owner: alice"
        ),
        Field(
            "status",
            Kind.ENUM,
            "Where the post is in the workflow (default draft).",
            "status: scheduled",
            values=STATUSES,
        ),
        Field("tags", Kind.LIST, "Free labels.", "tags: [fetes]", items=Kind.TEXT),
        Field(
            "metrics",
            Kind.MAPPING,
            "Counts the platforms reported, by platform id.",
            "metrics: {instagram: {impressions: 5400, likes: 310}}",
            table="metrics",
        ),
        Field("notes", Kind.TEXT, "Free notes for the team.", "notes: Photo by Louise."),
        Field("event", Kind.ID, "The event whose promised posts the post fills.", "event: salon-gourmand"),
        Field("campaign", Kind.ID, "The campaign the post belongs to.", "campaign: noel-2026"),
        Field(
            "approved",
            Kind.SETTINGS,
            "Who approved the post, on which day, and a digest of what they approved; "
            "written by `cmcal approve`.",
            "approved: {by: alice, on: 2026-11-30, digest: sha256:6f1c2a9e0b4d7f38}",
            table="approval",
        ),
        Field(
            "from_idea",
            Kind.ID,
            "The idea the post was made from; written by `cmcal fill --write`.",
            "from_idea: cretons",
        ),
        _MEDIA,
    ),
    one_of=("platform", "platforms"),
)

APPROVAL = Table(
    "approval",
    "a post's `approved:` (written by `cmcal approve`)",
    (
        Field("by", Kind.TEXT, "Who approved; listed in `team` when there is one.", "by: alice", True),
        Field("on", Kind.DATE, "The day of the approval, in the calendar's zone.", "on: 2026-11-30", True),
        Field(
            "digest",
            Kind.TEXT,
            "A digest of the approved content: date, time, platforms, title, texts, link and media.",
            "digest: sha256:6f1c2a9e0b4d7f38",
            True,
        ),
    ),
)

BLACKOUT = Table(
    "blackout",
    "each entry of `blackouts:`",
    (
        Field("from", Kind.DATE, "The first day of the blackout.", "from: 2026-12-24", True),
        Field("to", Kind.DATE, "The last day, included (default: the first).", "to: 2026-12-26"),
        Field(
            "reason", Kind.TEXT, "Why, shown where a slot moves or a post is refused.", "reason: Fermeture."
        ),
    ),
)

EVENT = Table(
    "event",
    "each entry of `events:` (the key is the event's id)",
    (
        Field("title", Kind.TEXT, "What the event is called; default its id.", "title: Salon Gourmand"),
        Field("date", Kind.DATE, "The event's first day.", "date: 2027-03-12", True),
        Field("end", Kind.DATE, "The event's last day, for an event of several days.", "end: 2027-03-14"),
        Field("location", Kind.TEXT, "Where it happens.", "location: Centre des congrès"),
        Field("owner", Kind.TEXT, "Who is responsible; listed in `team` when there is one.", "owner: alice"),
        Field(
            "posts",
            Kind.LIST,
            "The promised posts: slots at offsets from `date`.",
            "posts:\n  - {offset: -7, platforms: [instagram], required: true}",
            table="event-post",
        ),
        Field("notes", Kind.TEXT, "Free notes for the team.", "notes: Stand 42."),
    ),
)

EVENT_POST = Table(
    "event-post",
    "each entry of an event's `posts:`",
    (
        Field(
            "offset",
            Kind.INT,
            f"Days from the event's date (-7: a week before), from -{MAX_OFFSET} to {MAX_OFFSET}.",
            "offset: -7",
            True,
            minimum=-MAX_OFFSET,
            maximum=MAX_OFFSET,
        ),
        Field(
            "platforms", Kind.IDS, "Where the post is promised; one slot a platform.", "platforms: [x]", True
        ),
        Field("at", Kind.TIME, "The slot's local time.", "at: 18:00"),
        Field("type", Kind.ENUM, "The content type expected.", "type: photo", values=CONTENT_TYPES),
        Field(
            "times",
            Kind.INT,
            "Posts needed in the slot (default 1).",
            "times: 2",
            minimum=1,
            maximum=MAX_TIMES,
        ),
        Field("required", Kind.BOOL, "Whether a gap is an error in `cmcal check`.", "required: true"),
    ),
)

CAMPAIGN = Table(
    "campaign",
    "each entry of `campaigns:` (the key is the campaign's id)",
    (
        Field("title", Kind.TEXT, "What the campaign is called; default its id.", "title: Noël gourmand"),
        Field("start", Kind.DATE, "The campaign's first day.", "start: 2026-12-01", True),
        Field("end", Kind.DATE, "The campaign's last day, included.", "end: 2026-12-24", True),
        Field("notes", Kind.TEXT, "Free notes for the team.", "notes: Budget 500 $."),
    ),
)

IDEA = Table(
    "idea",
    "each entry of `ideas:`",
    (
        Field("id", Kind.ID, "A stable identity, unique among posts and ideas.", "id: cretons"),
        Field("title", Kind.TEXT, "What the idea is, for the team.", "title: Cretons maison", True),
        Field("habit", Kind.ID, "The only habit whose slots it may fill.", "habit: daily-recipe"),
        Field(
            "platforms",
            Kind.IDS,
            "Where it may be published (or `platform:`); default its habit's.",
            "platforms: [instagram, facebook]",
            table="post-platform",
        ),
        Field("platform", Kind.ID, "Its one platform (or `platforms:`).", "platform: instagram"),
        Field(
            "type", Kind.ENUM, "The content type; default its habit's.", "type: photo", values=CONTENT_TYPES
        ),
        Field("text", Kind.TEXT, "The caption, checked like a post's.", "text: Les cretons… #recette"),
        Field("link", Kind.TEXT, "A link it carries.", "link: https://example.org/cretons"),
        Field("owner", Kind.TEXT, "Who prepares it; listed in `team` when there is one.", "owner: bob"),
        Field("tags", Kind.LIST, "Free labels.", "tags: [hiver]", items=Kind.TEXT),
        Field("event", Kind.ID, "The only event whose promised posts it may fill.", "event: salon-gourmand"),
        Field("campaign", Kind.ID, "The campaign it belongs to.", "campaign: noel-2026"),
        Field("notes", Kind.TEXT, "Free notes for the team.", "notes: Recette de Louise."),
        _MEDIA,
        Field("evergreen", Kind.BOOL, "Reusable: it stays in `ideas` when used.", "evergreen: true"),
        Field(
            "cooldown",
            Kind.INT,
            "Days between two uses of an evergreen idea (default 30).",
            "cooldown: 60",
            minimum=0,
            maximum=MAX_DAYS,
        ),
    ),
)

POST_PLATFORM = Table(
    "post-platform",
    "the settings of one platform under a post's `platforms:` mapping",
    (
        Field("text", Kind.TEXT, "The text on this platform, instead of the post's `text`.", "text: Court."),
        Field(
            "media",
            Kind.MEDIA,
            "The media on this platform, instead of the post's `media`.",
            "media: [media/tourtiere-x.jpg]",
            table="media",
        ),
    ),
)

MEDIA = Table(
    "media",
    "an item of a `media:` list written as a mapping (an item may also be a path or an `https://` URL)",
    (
        Field(
            "file",
            Kind.TEXT,
            "A path relative to the file holding the post, inside the repository (or `url`).",
            "file: media/tourtiere.jpg",
        ),
        Field(
            "url",
            Kind.TEXT,
            "An `https://` URL, never fetched (or `file`).",
            "url: https://cdn.example.org/reel.mp4",
        ),
        Field(
            "alt",
            Kind.TEXT,
            "Alternative text, for the platforms that publish it.",
            "alt: Une tourtière dorée sur une planche de bois",
        ),
    ),
    one_of=("file", "url"),
)

REPORT = Table(
    "report",
    "the calendar's `report:` settings",
    (
        Field(
            "engagement",
            Kind.LIST,
            "Which counts add up to engagements (default likes, comments, shares, saves).",
            "engagement: [likes, comments, shares]",
            items=Kind.ENUM,
            values=ENGAGEMENT_COUNTS,
        ),
        Field(
            "max_type_share",
            Kind.SHARE,
            "The largest share of posts one content type may take before the report warns.",
            "max_type_share: 0.5",
        ),
    ),
)

METRICS = Table(
    "metrics",
    "the counts of one platform under a post's `metrics:`",
    tuple(
        Field(
            name,
            Kind.COUNT,
            f"The count of {name.replace('_', ' ')}.",
            f"{name}: 120",
            minimum=0,
            maximum=MAX_COUNT,
        )
        for name in METRIC_NAMES
    ),
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        ROOT,
        PART,
        PLATFORM,
        HABIT,
        POST,
        POST_PLATFORM,
        APPROVAL,
        MEDIA,
        REPORT,
        METRICS,
        BLACKOUT,
        EVENT,
        EVENT_POST,
        CAMPAIGN,
        IDEA,
    )
}
"""Every table by name."""

DAY_NAMES = WEEKDAYS + FULL_WEEKDAYS
"""The weekday names `days:` accepts, in lower case (any case is read)."""


def markdown() -> str:
    """The key tables of docs/format.md (`python -m cmcal.fields`)."""
    out: list[str] = []
    for table in TABLES.values():
        out.append(f"### `{table.name}`: {table.where}\n")
        if table.one_of:
            out.append(f"Exactly one of {' and '.join(f'`{k}`' for k in table.one_of)}.\n")
        out.append("| key | value | required | meaning | example |")
        out.append("| --- | --- | --- | --- | --- |")
        for f in table.fields:
            example = f.example.split("\n", 1)[0] + (" …" if "\n" in f.example else "")
            example = example.replace("|", "\\|")
            out.append(
                f"| `{f.name}` | {_kind_text(f)} | {'yes' if f.required else ''} | {f.doc} | `{example}` |"
            )
        out.append("")
    return "\n".join(out)


def _kind_text(f: Field) -> str:
    if f.kind is Kind.ENUM:
        return " \\| ".join(f.values)
    if f.kind is Kind.MEDIA:
        return "list of path, `https://` URL or `media`"
    if f.kind is Kind.LIST and f.table:
        return f"list of `{f.table}`"
    if f.kind is Kind.LIST:
        inner = " \\| ".join(f.values) if f.items is Kind.ENUM else str(f.items)
        return f"list of {inner}"
    if f.kind in (Kind.INT, Kind.COUNT) and f.minimum is not None and f.maximum is not None:
        return f"{f.kind.value} {f.minimum}…{f.maximum:,}"
    if f.kind is Kind.INT and f.minimum is not None:
        return f"int ≥ {f.minimum}"
    if f.table:
        return f"{f.kind.value} (`{f.table}`)"
    return f.kind.value


if __name__ == "__main__":
    print(markdown(), end="")
