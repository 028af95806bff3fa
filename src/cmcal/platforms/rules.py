"""The built-in publishing rules of the platforms cmcal knows (figures and sources: docs/platforms.md).

A calendar's `platforms:` names an account by a known id (`instagram: {}`) or points a custom id at one
(`blogue: {kind: wordpress}`); `rules_for` gives that platform's rules, which the account may override
(`max_length`, `max_hashtags`, `types`) with `dataclasses.replace`. Each limit is counted in the platform's
own unit (`measure`), because "2,200 characters" means different things on different platforms.

Where only a secondary or unsourced figure exists, or where going over is tolerated by the platform (extra
hashtags ignored), the limit is marked not `firm`: a checker should warn there rather than reject.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cmcal.i18n import N_, _
from cmcal.platforms import textcount
from cmcal.value import Value

if TYPE_CHECKING:
    from cmcal.model import PlatformAccount

UNIT_NAMES: Mapping[str, str] = {
    "utf16": N_("characters (UTF-16 units)"),
    "code_points": N_("characters (Unicode code points)"),
    "utf8_bytes": N_("bytes (UTF-8)"),
    "graphemes": N_("characters (graphemes)"),
    "x_weighted": N_("weighted characters (links count 23)"),
    "mastodon": N_("characters (links count 23)"),
    "threads": N_("characters (emoji count their UTF-8 bytes)"),
}
"""Each counting unit, as a message names it: "is 312 weighted characters (links count 23), over 280"
(English; `unit_name` gives it in the language in force)."""

UNITS: tuple[str, ...] = tuple(UNIT_NAMES)


def unit_name(unit: str) -> str:
    """`UNIT_NAMES[unit]` in the language in force."""
    return _(UNIT_NAMES[unit])


_COUNTERS: Mapping[str, Callable[[str], int]] = {
    "utf16": textcount.utf16,
    "code_points": textcount.code_points,
    "utf8_bytes": textcount.utf8_bytes,
    "graphemes": textcount.graphemes,
    "x_weighted": textcount.x_weighted,
    "mastodon": textcount.mastodon,
    "threads": textcount.threads,
}


def measure(text: str, unit: str) -> int:
    """The length of `text` in `unit` (one of `UNITS`); a `ValueError` names the units for any other."""
    counter = _COUNTERS.get(unit)
    if counter is None:
        raise ValueError(f"unknown unit {unit!r} (expected one of: {', '.join(UNITS)})")
    return counter(text)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class TextLimit(Value):
    """One limit on a post's text: at most `limit`, counted in `unit`."""

    limit: int
    unit: str
    """One of `UNITS`."""
    field: str = "text"
    """What the platform calls the text it limits ("caption", "description"), for messages."""
    types: frozenset[str] | None = None
    """The content types the limit applies to; None: every type."""
    firm: bool = True
    """False where only a secondary or unsourced figure exists: warn rather than reject."""
    source: str = ""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class PlatformRules(Value):
    """What a platform accepts in a post. None means "no limit" (or, for `types`, "any content type")."""

    id: str
    name: str
    """Display name for messages: "YouTube", "X"."""
    text_limit: int | None
    """The main limit on the post's text, in `unit`; an account's `max_length` replaces it."""
    unit: str
    """How `text_limit` is counted: one of `UNITS`."""
    hashtag_limit: int | None
    """Most hashtags a post may carry (`textcount.hashtags`); an account's `max_hashtags` replaces it."""
    types: frozenset[str] | None
    """The content types (model.CONTENT_TYPES) the platform can carry; None: anything."""
    source: str
    """Where the figures come from (documentation page, API description, or a secondary source)."""
    text_field: str = "text"
    """What the platform calls the text `text_limit` applies to ("caption", "description"), for messages."""
    text_limit_firm: bool = True
    """False where `text_limit` is only a secondary or unsourced figure: warn rather than reject."""
    hashtag_limit_firm: bool = True
    """False where the figure is secondary or the platform ignores extra tags instead of refusing the post."""
    extra_limits: tuple[TextLimit, ...] = ()
    """Further limits: a second unit (Bluesky's bytes), or another figure for some types (TikTok photos)."""
    media_required: bool = False
    """True where a post needs an image or a video: no text-only post."""
    link_limit: int | None = None
    """Most distinct links (`textcount.urls`) the text may hold."""
    title_limit: int | None = None
    """Limit of the platform's own title field (YouTube, Pinterest, Vimeo), in code points."""
    forbidden_chars: str = ""
    """Characters the platform refuses in the text (YouTube descriptions: `<` and `>`)."""

    @property
    def unit_name(self) -> str:
        return unit_name(self.unit)

    def supports(self, content_type: str) -> bool:
        return self.types is None or content_type in self.types

    def limits_for(self, content_type: str | None = None) -> tuple[TextLimit, ...]:
        """Every text limit a post of this content type must meet, the main one first.

        An extra limit for specific types, in the same unit as the main one, replaces the main one for those
        types (TikTok: 2,200 for a video caption, 4,000 for a photo post); one in another unit adds to it
        (Bluesky: 300 graphemes and 3,000 bytes).
        """
        extras = [x for x in self.extra_limits if x.types is None or content_type in x.types]
        replaced = any(x.types is not None and x.unit == self.unit for x in extras)
        if self.text_limit is None or replaced:
            return tuple(extras)
        main = TextLimit(self.text_limit, self.unit, self.text_field, None, self.text_limit_firm, self.source)
        return (main, *extras)


def _types(names: str) -> frozenset[str]:
    return frozenset(names.split())


# Content types. cmcal's `infographic` is an image to every platform, so it goes wherever `photo` goes;
# `reel` (short vertical video) only where the platform has such a format; `live` only where the platform
# broadcasts. A multi-image post on X, Bluesky or Mastodon is a grid of up to 4 images, not a `carousel`.
_VIDEO_ONLY = _types("video reel live")

_BUILTIN_RULES = (
    PlatformRules(
        id="instagram",
        name="Instagram",
        # Caption 2,200, unit unstated: counted in UTF-16 units, the larger count, to be safe.
        text_limit=2200,
        unit="utf16",
        text_field="caption",
        # 5 hashtags per post since December 2025 [S] (Meta's API page still says 30); README's
        # table of codes makes it an error all the same.
        hashtag_limit=5,
        # Media only: image, video (published as a Reel), carousel, story. No text-only, link, document or
        # poll; Instagram Live cannot be scheduled through the API.
        types=_types("photo carousel video reel story infographic"),
        media_required=True,
        source="https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media"
        " (caption); hashtag cap of 5: Instagram, December 2025, as reported by the press [S]",
    ),
    PlatformRules(
        id="facebook",
        name="Facebook",
        # 63,206 is the figure everyone quotes, but no Meta page states it [U]: warn only.
        text_limit=63206,
        unit="utf16",
        text_limit_firm=False,
        hashtag_limit=None,
        # Pages API: text, link, 1–10 photos, video, Reel; Page stories and live video have their own
        # endpoints. Pages have no polls, documents or articles through the API.
        types=_types("text photo carousel video reel story gif infographic link live"),
        source="https://developers.facebook.com/docs/pages-api/posts (no documented text limit;"
        " 63,206 is unsourced [U])",
    ),
    PlatformRules(
        id="x",
        name="X",
        # 280 weighted characters for a standard account; X Premium's 25,000 is per account: `max_length`.
        text_limit=280,
        unit="x_weighted",
        hashtag_limit=None,
        # 1–4 images, or 1 video, or 1 GIF, or a poll; text-only and link cards too.
        types=_types("text photo gif video link poll infographic"),
        source="https://docs.x.com/fundamentals/counting-characters; twitter/twitter-text config/v3.json",
    ),
    PlatformRules(
        id="linkedin",
        name="LinkedIn",
        # 3,000 characters, unit unstated: UTF-16 units to be safe (bold "Unicode letters" count 2).
        text_limit=3000,
        unit="utf16",
        hashtag_limit=None,
        # One media kind per post: 1 or 2–20 images, 1 video, 1 document, link card, poll; articles.
        types=_types("text photo carousel video document link poll article infographic"),
        source="LinkedIn Help, post character limit [P~]; LinkedIn Posts and MultiImage APIs"
        " (https://learn.microsoft.com/linkedin/marketing/community-management/shares/posts-api)",
    ),
    PlatformRules(
        id="youtube",
        name="YouTube",
        # The post's text is the video description: 5,000 UTF-8 bytes, and no `<` or `>`.
        text_limit=5000,
        unit="utf8_bytes",
        text_field="description",
        forbidden_chars="<>",
        # Over 60 hashtags, YouTube ignores them all; the video is still published: warn.
        hashtag_limit=60,
        hashtag_limit_firm=False,
        types=_VIDEO_ONLY,  # reels are Shorts, lives are live streams
        media_required=True,
        title_limit=100,
        source="https://developers.google.com/youtube/v3/docs/videos (snippet.title, snippet.description)",
    ),
    PlatformRules(
        id="tiktok",
        name="TikTok",
        # Video caption 2,200 UTF-16 units (Content Posting API); a photo post's description allows 4,000.
        text_limit=2200,
        unit="utf16",
        text_field="caption",
        extra_limits=(
            TextLimit(
                4000,
                "utf16",
                "photo post description",
                types=_types("photo carousel infographic"),
                source="TikTok Content Posting API, photo posts",
            ),
        ),
        # 5 hashtags in the app since about August 2025 [S]; the API documents none: warn.
        hashtag_limit=5,
        hashtag_limit_firm=False,
        # Video, or a photo post of up to 35 photos, never mixed; live is in-app only but belongs here.
        types=_types("video reel photo carousel live infographic"),
        media_required=True,
        title_limit=90,  # photo posts only
        source="https://developers.tiktok.com/doc/content-posting-api-reference-direct-post;"
        " hashtag cap: secondary sources [S]",
    ),
    PlatformRules(
        id="pinterest",
        name="Pinterest",
        # Pin description 800 (an older spec page says 500), unit unstated: UTF-16 units to be safe.
        text_limit=800,
        unit="utf16",
        text_field="description",
        hashtag_limit=None,
        # Image, video, or a 2–5 image carousel.
        types=_types("photo video carousel infographic"),
        media_required=True,
        title_limit=100,
        source="pinterest/api-description, v5 PinCreate (https://github.com/pinterest/api-description)",
    ),
    PlatformRules(
        id="threads",
        name="Threads",
        # 500 characters, where an emoji counts its UTF-8 bytes.
        text_limit=500,
        unit="threads",
        # One topic tag per post: further tags are left as plain text, not refused: warn.
        hashtag_limit=1,
        hashtag_limit_firm=False,
        # More than 5 links fail at media creation since 22 December 2025.
        link_limit=5,
        # Text-only, image, video, carousel of 2–20, link; polls (the API has them) and GIFs (the app has
        # them: let through rather than refuse a post that may well be publishable).
        types=_types("text photo carousel video gif link poll infographic"),
        source="https://developers.facebook.com/documentation/threads/posts;"
        " https://developers.facebook.com/documentation/threads/create-posts/text-attachments (links)",
    ),
    PlatformRules(
        id="bluesky",
        name="Bluesky",
        # 300 graphemes and at most 3,000 UTF-8 bytes, links counted at full length.
        text_limit=300,
        unit="graphemes",
        extra_limits=(TextLimit(3000, "utf8_bytes", source="atproto lexicon app.bsky.feed.post"),),
        hashtag_limit=None,  # no cap on the count; each tag is at most 64 graphemes (textcount.hashtags)
        # Text-only, up to 4 images or 1 video, link card; GIFs are link embeds (Tenor).
        types=_types("text photo gif video link infographic"),
        source="https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json",
    ),
    PlatformRules(
        id="mastodon",
        name="Mastodon",
        # 500 by default, content warning included; instances change it (`max_length`).
        text_limit=500,
        unit="mastodon",
        hashtag_limit=None,
        # Up to 4 images, or 1 video, audio or GIF, or a poll; text-only and links.
        types=_types("text photo gif video audio link poll infographic"),
        source="https://docs.joinmastodon.org/user/posting/;"
        " mastodon/mastodon app/validators/status_length_validator.rb",
    ),
    PlatformRules(
        id="tumblr",
        name="Tumblr",
        # 4,096 code points per NPF text block: a scheduler that sends the text as one block hits it, one that
        # splits paragraphs into blocks does not, so warn only.
        text_limit=4096,
        unit="code_points",
        text_limit_firm=False,
        # Tumblr's tags (≤ 30 [S]) are a separate field, not `#words` in the text: nothing to count here.
        hashtag_limit=None,
        # Text, images (a photoset is a carousel), GIFs, video, links, audio; long posts are articles.
        types=_types("text photo carousel gif video link audio article infographic"),
        source="https://github.com/tumblr/docs/blob/master/npf-spec.md",
    ),
    PlatformRules(
        id="vimeo",
        name="Vimeo",
        # Description 5,000 [S], unit unknown: code points, and warn only.
        text_limit=5000,
        unit="code_points",
        text_field="description",
        text_limit_firm=False,
        hashtag_limit=None,
        types=_VIDEO_ONLY,
        media_required=True,
        title_limit=128,
        source="Vimeo help center, video title and description limits [S]",
    ),
    PlatformRules(
        id="wordpress",
        name="WordPress",
        # No practical limit on a post (LONGTEXT); tags unlimited; any content.
        text_limit=None,
        unit="code_points",
        hashtag_limit=None,
        types=None,
        source="WordPress/wordpress-develop src/wp-admin/includes/schema.php",
    ),
)

BUILTIN: Mapping[str, PlatformRules] = {rules.id: rules for rules in _BUILTIN_RULES}
"""The built-in rules by platform id."""

ALIASES: Mapping[str, str] = {"twitter": "x"}
"""Other names a calendar may use for a built-in platform."""

KNOWN_IDS: tuple[str, ...] = (*BUILTIN, *ALIASES)
"""Every name `rules_for` knows: the built-in ids, then the aliases."""


def rules_for(kind: str | None) -> PlatformRules | None:
    """The built-in rules of a platform id or alias (`twitter` gives X's), or None for a custom platform."""
    if kind is None:
        return None
    return BUILTIN.get(ALIASES.get(kind, kind))


class AccountRules:
    """The rules that apply to one of a calendar's accounts: its platform's, with the account's own overrides
    (`max_length`, `max_hashtags`, `types`; docs/format.md)."""

    __slots__ = ("_limits", "hashtag_firm", "hashtag_limit", "max_length", "rules", "types")

    def __init__(self, account: PlatformAccount) -> None:
        rules: PlatformRules | None = rules_for(account.kind) if account.kind else None
        self.rules = rules
        self.max_length = account.max_length
        self.hashtag_limit = account.max_hashtags
        self.hashtag_firm = True  # a limit the user set is meant
        if self.hashtag_limit is None and rules is not None:
            self.hashtag_limit, self.hashtag_firm = rules.hashtag_limit, rules.hashtag_limit_firm
        self.types = (
            frozenset(account.types) if account.types is not None else (rules.types if rules else None)
        )
        self._limits: dict[str | None, tuple[TextLimit, ...]] = {}

    def limits(self, post_type: str | None) -> tuple[TextLimit, ...]:
        """The text limits for a post of this type; an account's `max_length` replaces the main one."""
        found = self._limits.get(post_type)
        if found is None:
            rules = self.rules
            found = rules.limits_for(post_type) if rules else ()
            if self.max_length is not None:
                unit = rules.unit if rules else "code_points"
                field = rules.text_field if rules else "text"
                found = (TextLimit(self.max_length, unit, field), *(x for x in found if x.unit != unit))
            self._limits[post_type] = found
        return found
