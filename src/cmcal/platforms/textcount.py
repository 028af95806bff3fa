"""Text counted the way each platform counts it (docs/platforms.md), and the hashtags and links it sees.

Every function is pure and takes the text as written in the calendar. Plain ASCII, the common case, is counted
with `str` methods and the standard `re` only: the `regex` module (grapheme clusters, emoji properties) is
imported on first need, because cmcal starts often and its import time matters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
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
# Links, found the way each platform finds them (docs/platforms.md)
#
# X: twitter-text v3.1.0's extractUrlsWithIndices over the patterns of its js/src/regexp/. Mastodon: the same
# finder in twitter-text's Ruby version, with the schemes, path and query Mastodon sets in its
# config/initializers/twitter_regex.rb. Their pattern holds every top-level domain (1,574): `re` takes over
# 100 ms to compile it, more than checking a small calendar. So the domain part of the pattern is walked here
# label by label, with the domains in sets, and gives the same matches, in the same order, as the pattern;
# the rest (scheme, port, path, query) is a small pattern. Nothing is built before a text has a dot followed
# by a letter (every top-level domain starts with one).

_DOT_LETTER = re.compile(r"\.[^\W\d_]")

# twitter-text's spacesGroup, invalidCharsGroup and directionalMarkersGroup.
_SPACES = "\t-\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_INVALID = "\ufffe\ufeff\uffff"
_DIRECTIONAL = "\u202a-\u202e\u061c\u200e\u200f\u2066-\u2069"
# What ends a domain label, besides `_` and `-` (a label may hold them, not start or end with them). JS:
# punct, spaces, invalid and directional characters; Ruby: its punctuation (with `"` and a backtick),
# spaces, control and invalid characters.
_X_NOT_DOMAIN = r"!'#%&()*+,\\./:;<=>?@\[\]^{|}~$" + _SPACES + _INVALID + _DIRECTIONAL
_RUBY_NOT_DOMAIN = r"!\"#$%&'()*+,./:;<=>?@\[\]^`{|}~" + _SPACES + r"\x00-\x1f\x7f" + _INVALID
# A link starts at the start of the text or after anything but an ASCII letter or digit, `@`, `$` or `#`.
_NOT_BEFORE = frozenset("@＠$#＃" + "\ufffe\ufeff\uffff")
# latinAccentChars and cyrillicLettersAndMarks.
_LATIN = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263\u0268\u026f"
    "\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_CYRILLIC = "\u0400-\u04ff"
# X's path: characters, balanced parentheses (one level nested), and what a path may end with.
_X_PATH_CHAR = rf"[A-Za-z{_CYRILLIC}0-9!*';:=+,.$/%#\[\]\-\u2013_~@|&{_LATIN}]"
_X_PARENS = rf"\((?:{_X_PATH_CHAR}+|{_X_PATH_CHAR}*\({_X_PATH_CHAR}+\){_X_PATH_CHAR}*)\)"
_X_PATH_END = rf"(?:[+\-A-Za-z{_CYRILLIC}0-9=_#/{_LATIN}]|{_X_PARENS})"
_X_PATH = rf"(?P<path>/(?:{_X_PATH_CHAR}*(?:{_X_PARENS}{_X_PATH_CHAR}*)*{_X_PATH_END}|@{_X_PATH_CHAR}+/)*)?"
# X's query: ASCII only, so `?q=café` ends before the `é`.
_X_QUERY_CHAR = r"[A-Za-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]"
_X_QUERY_END = r"[A-Za-z0-9\-_&=#/]"
_X_QUERY = rf"(?:\?{_X_QUERY_CHAR}*{_X_QUERY_END})?"
# Mastodon's path runs to the next space, `<`, `>`, `(`, `)` or `?` and ends on anything but prose
# punctuation: CJK and emoji belong to it. Its query takes any non-ASCII character too.
_WHITE_SPACE = "\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"  # \p{White_Space}
_M_PATH_CHAR = rf"[^{_WHITE_SPACE}<>()?]"
_M_PARENS = rf"\((?:{_M_PATH_CHAR}+|{_M_PATH_CHAR}*\({_M_PATH_CHAR}+\){_M_PATH_CHAR}*)\)"
# Mastodon sets the ending characters before its own parentheses: they end with twitter-text's.
_M_PATH_END = rf"(?:[^{_WHITE_SPACE}()?!*\"'「」<>;:=,.$%\[\]~&|@]|{_X_PARENS})"
_M_PATH = rf"(?P<path>/(?:{_M_PATH_CHAR}*(?:{_M_PARENS}{_M_PATH_CHAR}*)*{_M_PATH_END}|{_M_PATH_CHAR}+/)*)?"
# Mastodon's UCHARS: every character from U+00A0 but surrogates, non-characters and U+E0000-U+E0FFF.
_NOT_UCHARS = "\x00-\x9f\ud800-\udfff\ufdd0-\ufdef\ufff0-\uffff\U000e0000-\U000e0fff" + "".join(
    f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(1, 17)
)
_M_QUERY = (
    rf"(?:\?(?:[A-Za-z0-9!?*'();:&=+$/%#\[\]\-_.,~|@^]|[^{_NOT_UCHARS}])*"
    rf"(?:[A-Za-z0-9_&=#/\-]|[^{_NOT_UCHARS}]))?"
)
_TCO = rf"https?://t\.co/([A-Za-z0-9]+)(?:\?{_X_QUERY_CHAR}*{_X_QUERY_END})?"
_TCO_SLUG_MAX = 40
_URL_MAX = 4096  # characters, with the scheme (`https://` when the link has none)
_LABEL_DOTS = "[\u3002\uff0e\uff61]"  # what punycode.toASCII reads as dots, besides "."


class _Tlds:
    """One list of top-level domains, as sets to look names up in."""

    __slots__ = ("ascii", "other", "other_starts")

    def __init__(self, names: tuple[str, ...]) -> None:
        others = [name for name in names if not name.isascii()]
        lengths = sorted({len(name) for name in others}, reverse=True)
        self.ascii = frozenset(name for name in names if name.isascii())
        # The others (`みんな`, `vermögensberater`) by length, longest first, and their first letters.
        self.other = {n: frozenset(name for name in others if len(name) == n) for n in lengths}
        self.other_starts = frozenset(name[0] for name in others)


class _Finder:
    """What differs between twitter-text's JS finder (X) and its Ruby one as Mastodon sets it up."""

    __slots__ = (
        "_after",
        "_rest_source",
        "alnum_run",
        "chains",
        "country",
        "generic",
        "punycode",
        "schemes",
        "tld_stop",
    )

    def __init__(
        self, not_domain: str, schemes: tuple[str, ...], tld_stop: str, path: str, query: str
    ) -> None:
        from cmcal.platforms import tlds

        # Labels (runs of label characters) joined by single dots; tried from the start of a run only.
        self.chains = re.compile(rf"(?<![^{not_domain}])[^{not_domain}]++(?:\.[^{not_domain}]++)++")
        self.schemes = schemes
        # What may not follow a top-level domain, besides ASCII letters and digits.
        self.tld_stop = frozenset(tld_stop)
        self._rest_source = rf"(?::[0-9]++)?{path}{query}"  # port, path and query after the domain
        self._after: tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]] | None = None
        self.generic = _Tlds(tlds.GENERIC)
        self.country = _Tlds(tlds.COUNTRY)
        self.alnum_run = re.compile("[A-Za-z0-9]*")
        self.punycode = re.compile(r"[\-0-9A-Za-z]+")

    def _patterns_after(self) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
        """The patterns read only once a domain is found, compiled then: most texts with a dot have none,
        and the path and query pattern alone takes ~5 ms to compile (start-up, BENCHMARKS.md)."""
        if self._after is None:
            rest = re.compile(self._rest_source)
            ascii_label = re.compile(rf"[\-A-Za-z0-9{_LATIN}]+")  # validAsciiDomain's labels
            self._after = (rest, ascii_label, re.compile(_LABEL_DOTS))
        return self._after

    @property
    def rest(self) -> re.Pattern[str]:
        """Port, path and query after the domain."""
        return self._patterns_after()[0]

    @property
    def ascii_label(self) -> re.Pattern[str]:
        """validAsciiDomain's labels."""
        return self._patterns_after()[1]

    @property
    def label_dots(self) -> re.Pattern[str]:
        """What punycode.toASCII reads as dots, besides "."."""
        return self._patterns_after()[2]


@cache
def _x_finder() -> _Finder:
    return _Finder(_X_NOT_DOMAIN, ("https://", "http://"), "@+-", _X_PATH, _X_QUERY)


@cache
def _mastodon_finder() -> _Finder:
    schemes = ("https", "http", "dat", "dweb", "ipfs", "ipns", "ssb", "gopher", "gemini")
    return _Finder(_RUBY_NOT_DOMAIN, tuple(s + "://" for s in schemes), "@", _M_PATH, _M_QUERY)


def _tld_fits(text: str, end: int, limit: int, stop: frozenset[str]) -> bool:
    """Whether a top-level domain may end at `end`: at `limit`, or before no ASCII letter, digit or `stop`."""
    if end >= limit:
        return True
    char = text[end]
    return not (char.isascii() and char.isalnum()) and char not in stop


def _tld_end(finder: _Finder, text: str, at: int, limit: int) -> int | None:
    """Where the top-level domain starting at `at` ends (gTLD, then ccTLD, then punycode), or None.

    A name may not be followed (before `limit`, the end of what is searched) by an ASCII letter or digit or
    a `tld_stop` character. So an ASCII name is the whole run of ASCII letters and digits, and only names
    with other letters (`みんなです` starts with `みんな`) are looked for as prefixes, the longest first.
    """
    alnum = finder.alnum_run.match(text, at, limit)
    run_end = alnum.end() if alnum else at
    run = text[at:run_end].lower()
    stop = finder.tld_stop
    run_fits = run_end >= limit or text[run_end] not in stop  # (not an ASCII letter or digit: the run ends)
    first = text[at].lower()
    for names in (finder.generic, finder.country):
        ascii_end = run_end if run_fits and run in names.ascii else None
        if first in names.other_starts:
            for n, others in names.other.items():
                end = at + n
                if end <= limit and text[at:end].lower() in others and _tld_fits(text, end, limit, stop):
                    return end if ascii_end is None or end > ascii_end else ascii_end
        if ascii_end is not None:
            return ascii_end
    if text[at : at + 4].lower() == "xn--":
        m = finder.punycode.match(text, at + 4, limit)
        if m:
            return m.end()
    return None


class _Link:
    """One match of the link pattern."""

    __slots__ = ("before", "domain_end", "domain_start", "end", "path", "scheme", "start")

    def __init__(
        self,
        before: str,
        start: int,
        end: int,
        scheme: str | None,
        domain_start: int,
        domain_end: int,
        path: bool,
    ) -> None:
        self.before = before  # the character the pattern takes before the link ("" at the start of the text)
        self.start = start
        self.end = end
        self.scheme = scheme
        self.domain_start = domain_start
        self.domain_end = domain_end
        self.path = path


def _find(finder: _Finder, text: str, first_dot: int) -> Iterator[_Link]:
    """Every match of twitter-text's link pattern (extractUrl, or Mastodon's valid_url), as `finditer` gives.

    A domain is subdomains, a domain name and a top-level domain, in one chain of labels. It may start inside
    a label (`こちらexample.jp`); the pattern tries the longest run of subdomains first. A label of
    subdomains may hold `_`, a domain name's may not; neither starts or ends with `_` or `-`.
    """
    pos, size = 0, len(text)
    # Every top-level domain starts with a letter after a dot: a chain of labels before the first such dot has
    # no domain. The chain around that dot starts after the last space or line break before it.
    start = max(text.rfind(" ", 0, first_dot), text.rfind("\n", 0, first_dot)) + 1
    for chain in finder.chains.finditer(text, start):
        if chain.end() <= pos:
            continue
        # The labels, and the end of the top-level domain each one (but the first) starts with.
        labels: list[tuple[int, int]] = []
        tld: list[int | None] = [None]
        start = chain.start()
        for label in chain[0].split("."):
            if labels:
                tld.append(_tld_end(finder, text, start, size))
            labels.append((start, start + len(label)))
            start += len(label) + 1
        if tld.count(None) == len(tld):
            continue
        last = len(labels) - 1
        # Per label: valid as a subdomain (neither starts nor ends with `_` or `-`, a dot follows), and as the
        # domain name of a domain (no `_` either, a top-level domain follows).
        sub_ok = [
            k < last and text[a] not in "_-" and text[b - 1] not in "_-" for k, (a, b) in enumerate(labels)
        ]
        works = [
            sub_ok[k] and tld[k + 1] is not None and "_" not in text[a:b] for k, (a, b) in enumerate(labels)
        ]
        # best[i]: the domain name of a domain that starts in label i with the most subdomains before it.
        best: list[int | None] = [None] * len(labels)
        for i in range(last - 1, -1, -1):
            j = i + 1
            inner = best[j] if sub_ok[j] else None
            best[i] = inner if inner is not None else (j if works[j] else None)
        for i in range(last):
            if best[i] is None and tld[i + 1] is None:
                continue
            if labels[i][1] <= pos:
                continue
            found = _domain_in_label(finder, text, labels, i, pos, best[i], tld)
            if found is None:
                continue
            yield found
            pos = found.end


def _domain_in_label(
    finder: _Finder,
    text: str,
    labels: list[tuple[int, int]],
    i: int,
    pos: int,
    best: int | None,
    tld: list[int | None],
) -> _Link | None:
    """The first match whose domain starts in label i, at or after `pos`, in the pattern's order."""
    a, b = labels[i]
    underscore = text.rfind("_", a, b)  # a domain name may not hold one
    if text[b - 1] in "_-":
        return None

    def domain_end(d: int) -> int | None:
        if text[d] in "_-":
            return None
        if best is not None:
            return tld[best + 1]
        if d > underscore:
            return tld[i + 1]
        return None

    if i == 0 and text.startswith("://", a - 3):  # a scheme right before the chain
        for scheme in finder.schemes:
            s = a - len(scheme)
            if s >= pos and text[s:a].lower() == scheme:
                if (s == 0 or (s > pos and _may_precede(text[s - 1]))) and (end := domain_end(a)) is not None:
                    return _complete(finder, text, text[s - 1] if s else "", s, scheme, a, end)
                break
    lo = max(a, pos + 1)
    if a == 0 and pos == 0:
        order: Iterable[int] = [*([1] if b > 1 else []), 0, *range(2, b)]
    else:
        order = range(lo, b)
    for d in order:
        before = text[d - 1] if d else ""
        if d and not _may_precede(before):
            continue
        end = domain_end(d)
        if end is not None:
            return _complete(finder, text, before, d, None, d, end)
    return None


def _may_precede(char: str) -> bool:
    return not (char.isascii() and char.isalnum()) and char not in _NOT_BEFORE


def _complete(
    finder: _Finder, text: str, before: str, start: int, scheme: str | None, d: int, d_end: int
) -> _Link:
    rest = finder.rest.match(text, d_end)
    assert rest is not None  # every part of it is optional
    return _Link(before, start, rest.end(), scheme, d, d_end, bool(rest["path"]))


def _ascii_length(finder: _Finder, domain: str) -> int | None:
    """The domain's length once each label is punycode-encoded, or None where a label is empty or over 63."""
    length = 0
    if not domain.isascii():
        domain = finder.label_dots.sub(".", domain)
    for label in domain.split("."):
        if label.isascii():
            size = len(label)
        else:
            try:
                size = 4 + len(label.encode("punycode"))  # "xn--" and the encoding
            except UnicodeError:
                return None
        if not 1 <= size <= 63:
            return None
        length += size + 1
    return length - 1


def _ascii_domains(finder: _Finder, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """validAsciiDomain's matches in text[start:end]: what a link without a scheme keeps of its domain."""
    found: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        m = finder.ascii_label.search(text, pos, end)
        if m is None:
            break
        # Labels followed by a dot, from here on; then the top-level domain after the last one that has it.
        dots: list[int] = []
        label: re.Match[str] | None = m
        while label is not None and label.end() < end and text[label.end()] == ".":
            dots.append(label.end())
            label = finder.ascii_label.match(text, label.end() + 1, end)
        tld_end = None
        for dot in reversed(dots):
            if dot + 1 < end:
                tld_end = _tld_end(finder, text, dot + 1, end)
                if tld_end is not None:
                    break
        if tld_end is None:
            # A match starting further in these labels would have the same top-level domains to try.
            pos = dots[-1] + 1 if dots else m.end()
            continue
        found.append((m.start(), tld_end))
        pos = tld_end
    return found


@cache
def _tco() -> re.Pattern[str]:
    return re.compile(_TCO, re.IGNORECASE)


def _x_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of each link X sees in `text` (NFC), in order: twitter-text's extractUrlsWithIndices."""
    dot = _DOT_LETTER.search(text)
    if dot is None:
        return []
    finder = _x_finder()
    spans: list[tuple[int, int]] = []
    for m in _find(finder, text, dot.start()):
        domain = text[m.domain_start : m.domain_end]
        if domain.startswith("xn--") and not _ascii_domains(finder, text, m.domain_start, m.domain_end):
            continue  # a punycode domain holds ASCII only
        url_length = len(m.scheme or "https://") + utf16(text[m.start : m.end])
        if _ascii_length(finder, domain) is None or url_length > _URL_MAX:
            continue
        if m.scheme is None:
            if m.before in ("-", "_", ".", "/"):
                continue  # `-monsite.fr`, `/monsite.fr`: not a link without a scheme
            # Only the ASCII part of the domain is linked: `こちらexample.jp` links `example.jp`.
            found = _ascii_domains(finder, text, m.domain_start, m.domain_end)
            if not found:
                continue
            if m.path:  # a path (and a query after it) belongs to the last domain; a query alone does not
                found[-1] = (found[-1][0], m.end)
            spans += found
        else:
            end = m.end
            tco = _tco().match(text, m.start, m.end)
            if tco:
                if len(tco[1]) > _TCO_SLUG_MAX:
                    continue
                end = tco.end()  # a t.co link takes no path beyond its slug
            spans.append((m.start, end))
    return spans


def _mastodon_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of each link Mastodon counts 23 (written with a scheme), as its Extractor finds them."""
    dot = _DOT_LETTER.search(text) if ":" in text else None
    if dot is None:
        return []
    finder = _mastodon_finder()
    spans: list[tuple[int, int]] = []
    for m in _find(finder, text, dot.start()):
        if m.scheme is None:
            continue  # Mastodon finds links without a scheme too, then leaves them as text
        end = m.end
        tco = _tco().match(text, m.start, m.end)
        if tco:
            if len(tco[1]) > _TCO_SLUG_MAX:
                continue
            end = tco.end()
        domain = text[m.domain_start : m.domain_end]
        ascii_length = _ascii_length(finder, domain)
        if ascii_length is None or end - m.start + max(0, ascii_length - len(domain)) > _URL_MAX:
            continue
        spans.append((m.start, end))
    return spans


def urls(text: str, *, bare: bool = True) -> list[str]:
    """The links X finds in the text, in order; with `bare=False`, only those written with `http(s)://`."""
    found = [text[start:end] for start, end in _x_spans(text)]
    return found if bare else [url for url in found if url[:8].lower().startswith(("http://", "https://"))]


# ----------------------------------------------------------------------------------------------------
# X and Mastodon


def _x_char_weight(char: str) -> int:
    # twitter-text config v3: these ranges weigh 1 (Latin, Greek, Cyrillic, Hebrew, Arabic, Indic, Thai,
    # general punctuation…); everything else, CJK included, weighs 2.
    cp = ord(char)
    if cp <= 0x10FF or 0x2000 <= cp <= 0x200D or 0x2010 <= cp <= 0x201F or 0x2032 <= cp <= 0x2037:
        return 1
    return 2


# Marks, the keycap, U+FE0F and ZWJ: with skin tones, what never starts an emoji.
_EXTENDING = ("Mn", "Me", "Mc", "Cf")


_ALONE: dict[str, bool] = {}  # for each character seen past U+1100: is it always a cluster of its own?


def _alone(char: str) -> bool:
    """Whether `char` never joins a neighbour into one grapheme cluster (no mark, joiner, selector, skin tone,
    regional indicator, prepended or spacing letter, Hangul): checked on a few blocks that prose and emoji
    use (punctuation, symbols, pictographs), so that such text is counted without importing `regex`."""
    alone = _ALONE.get(char)
    if alone is None:
        category = unicodedata.category(char)
        cp = ord(char)
        alone = category[0] != "M" and category not in ("Cf", "Cn", "Co", "Cs")
        alone = alone and (
            (cp < 0x1100 and char not in "\u0d4e\u0e33\u0eb3")
            or 0x2000 <= cp <= 0x2BFF
            or 0x3000 <= cp <= 0x303F
            or (0x1F300 <= cp <= 0x1FAFF and not 0x1F3FB <= cp <= 0x1F3FF)
        )
        if len(_ALONE) < 65536:  # bounded, whatever a calendar holds
            _ALONE[char] = alone
    return alone


def _x_plain_weight(segment: str) -> int:
    """X weight of text without links."""
    if not segment:
        return 0
    # Below U+1100 every code point weighs 1 and no emoji sequence can form (keycaps need U+20E3).
    if segment.isascii() or max(segment) < "\u1100":
        return len(segment)
    if all(_alone(c) for c in set(segment) if c > "\x7f"):
        # Every code point is a cluster of its own (`’`, `…`, `😀` alone): no emoji sequence to find.
        return sum(_x_char_weight(c) for c in segment)
    weight = 0
    for n, cluster in enumerate(_clusters(segment)):
        # After a link, what is left of an emoji the link ended in (`…/menu1` then U+FE0F U+20E3) is no
        # emoji: twitter-text finds emoji in the whole text, and skips those that start inside a link.
        first = cluster[0]
        leftover = n == 0 and (
            unicodedata.category(first) in _EXTENDING or "\U0001f3fb" <= first <= "\U0001f3ff"
        )
        if len(cluster) > 1 and not leftover and _is_emoji(cluster):
            weight += 2  # a whole emoji sequence (ZWJ family, flag, skin tone, keycap) weighs 2
        else:
            weight += sum(_x_char_weight(c) for c in cluster)
    return weight


def x_weighted(text: str) -> int:
    """X's weighted length (twitter-text v3): NFC first, ranges weigh 1 or 2, an emoji 2, any link 23."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    total, pos = 0, 0
    for start, end in _x_spans(text):
        total += _x_plain_weight(text[pos:start]) + URL_WEIGHT
        pos = end
    return total + _x_plain_weight(text[pos:])


@cache
def _mention_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Mastodon's Account::MENTION_RE, and twitter-text's end_mention_match (no mention right before `@`, a
    Latin accented letter or `://`). The `@` comes first and the look-behind checks the character before it,
    so `re` jumps from `@` to `@`."""
    mention = re.compile(r"@(?<![=/\w]@)((?i:[a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@[\w.-]+\w)?)")
    return mention, re.compile(rf"[@＠{_LATIN}]|://")


_LINK_PLACEHOLDER = "x" * URL_WEIGHT  # what Mastodon puts in place of a link before counting


def mastodon(text: str) -> int:
    """Mastodon's length: graphemes, where a link with a scheme counts 23 and `@user@server` is `@user`."""
    entities = [(start, end, _LINK_PLACEHOLDER) for start, end in _mastodon_spans(text)]
    if "@" in text:
        # A mention counts as `@user`, without its `@server` (StatusLengthValidator).
        mention, mention_end = _mention_patterns()
        for m in mention.finditer(text):
            if not mention_end.match(text, m.end()):
                entities.append((m.start(), m.end(), "@" + m[1].split("@", 1)[0]))
    if not entities:
        return graphemes(text)
    parts: list[str] = []
    pos = 0
    for start, end, replacement in sorted(entities):
        if start < pos:
            continue  # overlaps the entity before (Extractor.remove_overlapping_entities)
        parts += (text[pos:start], replacement)
        pos = end
    parts.append(text[pos:])
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


# The same tags as `_unicode_tag_pattern` with the standard `re`, for a text whose every character `re`'s `\w`
# reads as that pattern's letters, marks, digits and joiners do (`é`, `ç`, `’`, emoji): most French or German
# prose, which then never imports `regex` (about 10 ms of start-up).
_WORD_TAG = re.compile(r"#(?<![\w&]#)(\w++)(?!#|://)")
_WORD = re.compile(r"\w")
_WORD_AGREES: dict[str, bool] = {}  # for each non-ASCII character seen: do `re` and `regex` agree on it?


def _word_agrees(char: str) -> bool:
    agrees = _WORD_AGREES.get(char)
    if agrees is None:
        category = unicodedata.category(char)
        tag_char = category[0] in "LMN" or char in _TAG_SPECIALS
        # Unassigned here may be assigned in `regex`'s newer Unicode; `＃` and selectors move boundaries.
        agrees = category != "Cn" and char not in "＃\ufe0e\ufe0f\u20e3"
        agrees = agrees and tag_char == (_WORD.match(char) is not None)
        if len(_WORD_AGREES) < 65536:  # bounded, whatever a calendar holds
            _WORD_AGREES[char] = agrees
    return agrees


def _tag_pattern(text: str) -> re.Pattern[str] | _TagPattern:
    """The hashtag pattern for a text that is not ASCII: `re` when it reads the text alike, else `regex`."""
    if all(_word_agrees(c) for c in set(text) if c > "\x7f"):
        return _WORD_TAG
    return _unicode_tag_pattern()


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
        pattern = _ASCII_TAG if text.isascii() else _tag_pattern(text)
        found = [(m.start(), m.end()) for m in pattern.finditer(text) if _has_letter(m.group(1))]
    # Only a `#` glued to what precedes it (`/#menu`, `?x=#y`) can be inside a link: else skip the search.
    if "." in text and any(s and not text[s - 1].isspace() for s, _ in found):
        spans = _x_spans(text)
        found = [(s, e) for s, e in found if not any(us < e and s < ue for us, ue in spans)]
    return [text[s:e] for s, e in found]
