"""Text counted the way each platform counts it (see PLATFORMS.md), and the hashtags and links it sees.

Every function is pure and takes the text as written in the calendar. Plain ASCII, the common case, is counted
with `str` methods and the standard `re` only: the `regex` module (grapheme clusters, emoji properties) is
imported on first need, because cmcal starts often and its import time matters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Protocol

URL_WEIGHT = 23
"""What X and Mastodon count for a link, whatever its length (X's t.co link, Mastodon's placeholder)."""


class _Pattern(Protocol):
    """The part of a `regex` pattern used here (`regex` ships no type stubs)."""

    def findall(self, string: str) -> list[str]: ...

    def search(self, string: str) -> object | None: ...


class _Match(Protocol):
    def start(self, group: int = 0, /) -> int: ...

    def end(self, group: int = 0, /) -> int: ...

    def group(self, group: int = 0, /) -> str: ...


class _TagPattern(Protocol):
    def finditer(self, string: str) -> Iterator[_Match]: ...


# ----------------------------------------------------------------------------------------------------
# Plain units


def code_points(text: str) -> int:
    """Unicode code points: Python's `len` (Tumblr's NPF counts this)."""
    return len(text)


def utf16(text: str) -> int:
    """UTF-16 code units, what JavaScript's `length` and most APIs count: an emoji outside the BMP is 2."""
    if text.isascii():
        return len(text)
    # surrogatepass: a lone surrogate counts one unit instead of raising.
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def utf8_bytes(text: str) -> int:
    """UTF-8 bytes (YouTube's description limit, Bluesky's second limit): `é` is 2, most emoji 4."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


@cache
def _grapheme_pattern() -> _Pattern:
    import regex  # lazily: ASCII and Latin-1 text never pays for this import

    pattern: _Pattern = regex.compile(r"\X")
    return pattern


def _clusters(text: str) -> list[str]:
    return _grapheme_pattern().findall(text)


def graphemes(text: str) -> int:
    """Extended grapheme clusters, what a reader sees as one character: 👨‍👩‍👧 is 1 (Bluesky, Mastodon)."""
    # Below U+0300 (where combining marks start) only CR LF joins into one cluster: no need for `regex`.
    if text.isascii() or max(text) < "\u0300":
        return len(text) - text.count("\r\n")
    return len(_clusters(text))


# ----------------------------------------------------------------------------------------------------
# Emoji


@cache
def _emoji_pattern() -> _Pattern:
    import regex

    # A cluster is an emoji when it has a code point shown as emoji by default, a keycap, or a pictograph
    # asked to show as emoji (U+FE0F). Plain `©` or `❤` without U+FE0F is text, as in X's twemoji-parser.
    pattern: _Pattern = regex.compile(r"\p{Emoji_Presentation}|\u20e3|\p{Extended_Pictographic}\ufe0f")
    return pattern


def _is_emoji(cluster: str) -> bool:
    return _emoji_pattern().search(cluster) is not None


# ----------------------------------------------------------------------------------------------------
# Links

# Top-level domains recognised without `https://`. X embeds IANA's whole list; this is the part captions use.
# Any two-letter TLD counts as a country code. A link written with https:// is always recognised.
_TLD_WORDS = (
    "com net org edu gov mil int info biz name pro mobi aero coop museum jobs travel tel asia cat "
    "app dev page blog shop store online site website web tech cloud digital agency media news live link "
    "social club xyz top vip one world life today space fun email network services center zone studio "
    "design art photo photography gallery video music film radio games bio eco green earth "
    "food recipes cooking cuisine kitchen restaurant cafe bar wine beer coffee pizza menu farm "
    "health fitness fashion style beauty love family kids events community team work careers "
    "academy school education quebec paris london berlin nyc tokyo bzh eus scot swiss"
)
_GENERIC_TLDS = frozenset(_TLD_WORDS.split())

# Labels are matched possessively (`++`): a word that is not followed by a dot fails at once.
_LABEL = r"[a-z0-9]++(?:-++[a-z0-9]++)*+"
_IDN_LABEL = r"[^\W_]++(?:-++[^\W_]++)*+"
# Path characters as in twitter-text's validGeneralUrlPathChars: ASCII, Latin accents, Cyrillic, some marks.
_PATH_CHAR = r"[a-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0400-\u04ff!*';:=+,.$/%#\[\]\-\u2013_~@|&()?]"
_PORT_PATH = rf"(?P<rest>(?::[0-9]{{1,5}})?(?:[/?#]{_PATH_CHAR}*)?)"
# A link may end with these (or a letter, digit, or a `)` that closes a `(`); other punctuation is prose.
_URL_END_OK = frozenset("=_#/+-&")
# twitter-text: no link right after a letter, a digit, an address's `@`, a cashtag's `$` or a hashtag's `#`.
_URL_BLOCKERS = frozenset("@＠$#＃")


@cache
def _scheme_pattern() -> re.Pattern[str]:
    return re.compile(rf"https?://{_IDN_LABEL}(?:\.{_IDN_LABEL})+{_PORT_PATH}", re.IGNORECASE)


@cache
def _bare_pattern() -> re.Pattern[str]:
    tlds = "|".join(sorted(_GENERIC_TLDS, key=len, reverse=True))
    # ASCII labels only, and not after `-_./` either (twitter-text's rules for links without scheme).
    return re.compile(
        rf"(?<![a-z0-9@＠$#＃\-_./])(?P<domain>(?:{_LABEL}\.)+(?P<tld>{tlds}|[a-z]{{2}}))(?![\w-]){_PORT_PATH}",
        re.IGNORECASE,
    )


# A link without scheme has a dot right before a letter; prose ("Merci. À demain") never reaches the pattern.
_DOT_LETTER = re.compile(r"\.[^\W\d_]")


def _trim_url(url: str) -> str:
    """Drop trailing prose punctuation: `(voir https://x.org/a).` links `https://x.org/a`."""
    if url[-1:].isalnum():
        return url
    end, opens, closes = len(url), url.count("("), url.count(")")
    while end:
        last = url[end - 1]
        if last.isalnum() or last in _URL_END_OK:
            break
        if last == ")":
            if opens >= closes:
                break  # it closes a "(" of the link: Wikipedia's `Tourtière_(mets)`
            closes -= 1
        end -= 1
    return url[:end]


def _url_spans(text: str, *, bare: bool) -> list[tuple[int, int]]:
    """Start and end of every link; with `bare`, also links written without a scheme (`example.org/menu`)."""
    spans: list[tuple[int, int]] = []
    # Scheme links: jump from "://" to "://" with `str.find`, then match there (faster than a regex search).
    sep = text.find("://")
    while sep != -1:
        start = sep - (5 if text[sep - 1 : sep] in ("s", "S") else 4)  # "https" or "http"
        m = _scheme_pattern().match(text, start) if start >= 0 else None
        if m and not (start and (text[start - 1].isalnum() or text[start - 1] in _URL_BLOCKERS)):
            spans.append((start, start + len(_trim_url(m.group()))))
            sep = text.find("://", spans[-1][1])
        else:
            sep = text.find("://", sep + 3)
    if not bare or "." not in text:
        return spans
    bare_spans: list[tuple[int, int]] = []
    pos = 0
    for gap_end, next_pos in [*spans, (len(text), len(text))]:
        # Look only between scheme links, and only where a dot comes right before a letter.
        if _DOT_LETTER.search(text, pos, gap_end):
            for m in _bare_pattern().finditer(text, pos, gap_end):
                # twitter-text: `name.cc` with a country code and no path is prose (`voilà.ca`), not a link.
                if not m.group("rest") and len(m.group("tld")) == 2 and m.group("domain").count(".") == 1:
                    continue
                bare_spans.append((m.start(), m.start() + len(_trim_url(m.group()))))
        pos = next_pos
    return sorted(spans + bare_spans) if bare_spans else spans


def urls(text: str, *, bare: bool = True) -> list[str]:
    """The links in the text, in order: `https://…` ones and, with `bare`, ones like `example.org/menu`."""
    return [text[start:end] for start, end in _url_spans(text, bare=bare)]


# ----------------------------------------------------------------------------------------------------
# X and Mastodon


def _x_char_weight(char: str) -> int:
    # twitter-text config v3: these ranges weigh 1 (Latin, Greek, Cyrillic, Hebrew, Arabic, Indic, Thai,
    # general punctuation…); everything else, CJK included, weighs 2.
    cp = ord(char)
    if cp <= 0x10FF or 0x2000 <= cp <= 0x200D or 0x2010 <= cp <= 0x201F or 0x2032 <= cp <= 0x2037:
        return 1
    return 2


def _x_plain_weight(segment: str) -> int:
    """X weight of text without links."""
    if not segment:
        return 0
    # Below U+1100 every code point weighs 1 and no emoji sequence can form (keycaps need U+20E3).
    if segment.isascii() or max(segment) < "\u1100":
        return len(segment)
    weight = 0
    for cluster in _clusters(segment):
        if len(cluster) > 1 and _is_emoji(cluster):
            weight += 2  # a whole emoji sequence (ZWJ family, flag, skin tone, keycap) weighs 2
        else:
            weight += sum(_x_char_weight(c) for c in cluster)
    return weight


def x_weighted(text: str) -> int:
    """X's weighted length (twitter-text v3): NFC first, ranges weigh 1 or 2, an emoji 2, any link 23."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    total, pos = 0, 0
    for start, end in _url_spans(text, bare=True):
        total += _x_plain_weight(text[pos:start]) + URL_WEIGHT
        pos = end
    return total + _x_plain_weight(text[pos:])


# Mastodon counts `@user@example.social` as `@user` (StatusLengthValidator rewrites mentions).
_REMOTE_MENTION = re.compile(r"(?<![=/\w])(@\w+)@[\w.-]*\w")
_LINK_PLACEHOLDER = "x" * URL_WEIGHT  # what Mastodon puts in place of a link before counting


def _local_mentions(segment: str) -> str:
    return _REMOTE_MENTION.sub(r"\1", segment) if "@" in segment else segment


def mastodon(text: str) -> int:
    """Mastodon's length: graphemes, where an `http(s)://` link counts 23 and `@user@server` `@user`."""
    spans = _url_spans(text, bare=False)
    if not spans:
        return graphemes(_local_mentions(text))
    parts: list[str] = []
    pos = 0
    for start, end in spans:
        parts += (_local_mentions(text[pos:start]), _LINK_PLACEHOLDER)
        pos = end
    parts.append(_local_mentions(text[pos:]))
    return graphemes("".join(parts))


def threads(text: str) -> int:
    """Threads' length: characters (code points), except that an emoji counts its UTF-8 bytes (😀 is 4)."""
    # Only ©, ® and code points from U+203C (‼) up can be or start an emoji: accented prose stays fast.
    if text.isascii() or (max(text) < "\u203c" and "©" not in text and "®" not in text):
        return len(text)
    count = 0
    for cluster in _clusters(text):
        # A lone code point is an emoji only from U+231A (⌚), the first one shown as emoji by default.
        if (len(cluster) > 1 or cluster >= "\u231a") and _is_emoji(cluster):
            count += utf8_bytes(cluster)
        else:
            count += len(cluster)
    return count


# ----------------------------------------------------------------------------------------------------
# Hashtags

# twitter-text's hashtag characters: letters, marks, digits, `_`, and joiners used inside words of some
# scripts (Hebrew geresh, Japanese middle dot, Catalan middle dot…).
_TAG_SPECIALS = "_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c\u309b\u309c\u30a0\u30fb\u3003\u0f0b\u0f0c·"
# A tag starts after the start, a space or punctuation, but not after a letter, digit or `&` (`&#123;` is
# an HTML entity); it is not followed by another `#` or `://`. The `++` never backtracks to a shorter tag.
# The `#` comes first and the look-behind checks the character before it, so `re` jumps from `#` to `#`.
_ASCII_TAG = re.compile(r"#(?<![A-Za-z0-9_&]#)([A-Za-z0-9_]++)(?!#|://)")
# Bluesky: a tag follows the start or a space, and runs to the next space or invisible separator.
_BLUESKY_TAG = re.compile(r"(?<!\S)[#＃]([^\s\u00ad\u2060\u200a\u200b\u200c\u200d\u20e2]+)")


@cache
def _unicode_tag_pattern() -> _TagPattern:
    import regex

    alnum = rf"[\p{{L}}\p{{M}}\p{{N}}{_TAG_SPECIALS}]"
    # As in _ASCII_TAG; a `#` right after an emoji's variation selector also starts a tag (twitter-text).
    boundary = rf"(?:(?<=[\ufe0e\ufe0f][#＃])|(?<![\p{{L}}\p{{M}}\p{{N}}{_TAG_SPECIALS}&][#＃]))"
    pattern: _TagPattern = regex.compile(rf"[#＃]{boundary}(?![\ufe0f\u20e3])({alnum}++)(?![#＃]|://)")
    return pattern


def _has_letter(tag: str) -> bool:
    # A tag needs a letter or mark: `#123` and `#2026_` are not hashtags on any platform we know.
    if tag.isascii():
        return tag.strip("0123456789_") != ""  # stops at the first letter from either end
    return any(c.isalpha() or unicodedata.category(c).startswith("M") for c in tag)


def _bluesky_tag(tag: str) -> str | None:
    """Bluesky's detectFacets: trailing punctuation is dropped; a tag needs a non-digit, non-punctuation."""
    if tag.startswith("\ufe0f"):
        return None
    end = len(tag)
    while end and unicodedata.category(tag[end - 1]).startswith("P"):
        end -= 1
    tag = tag[:end]
    if not any(not c.isdigit() and not unicodedata.category(c).startswith("P") for c in tag):
        return None
    return tag if graphemes(tag) <= 64 else None  # the lexicon's limit for a tag


def hashtags(text: str, platform_id: str | None = None) -> list[str]:
    """The hashtags the platform sees, in order and with their `#`, repeats included.

    A `#` inside a link (`https://example.org/#menu`), after a letter or `&` (`&#123;`), or before digits only
    (`#123`) does not make a hashtag. Letters of every script count (`#fêtes`). Bluesky's own rule applies for
    `bluesky`; every other platform follows X's (twitter-text), which Instagram, TikTok and the rest match.
    """
    if "#" not in text and "＃" not in text:
        return []
    found: list[tuple[int, int]] = []
    if platform_id == "bluesky":
        for m in _BLUESKY_TAG.finditer(text):
            tag = _bluesky_tag(m.group(1))
            if tag:
                found.append((m.start(), m.start(1) + len(tag)))
    else:
        pattern = _ASCII_TAG if text.isascii() else _unicode_tag_pattern()
        found = [(m.start(), m.end()) for m in pattern.finditer(text) if _has_letter(m.group(1))]
    # Only a `#` glued to what precedes it (`/#menu`, `?x=#y`) can be inside a link: else skip the search.
    if "." in text and any(s and not text[s - 1].isspace() for s, _ in found):
        spans = _url_spans(text, bare=True)
        found = [(s, e) for s, e in found if not any(us < e and s < ue for us, ue in spans)]
    return [text[s:e] for s, e in found]
