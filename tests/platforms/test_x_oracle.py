"""X's weighted length against an independent implementation: `twitter-text-parser`, a Python port of
twitter-text v3 (the test extra; cmcal never imports it). Random captions are built from the pieces a
calendar's captions are made of: French words and accents, emoji, CJK, links with and without a scheme over
many top-level domains, queries, fragments, mentions and hashtags, glued with or without spaces.

Left out of the pieces, where the port and twitter-text's JavaScript (which cmcal follows) disagree: a lone
`©` or `®` (the port counts them as emoji, 2; twemoji-parser needs U+FE0F after them), `\\r` (the port
counts CR LF as one character), and what Python's IDNA 2003 codec, with which the port checks domains,
refuses or rewrites where twitter-text only checks that each label is 1 to 63 characters once encoded:
emoji glued right before a domain, right-to-left letters in a label with left-to-right ones (so no Arabic or
Hebrew top-level domain), non-ASCII capitals and `ß` (it lower-cases them, and `ß` becomes `ss`, which
changes the encoded length). Examples are derandomized: the same captions every run.
"""

from __future__ import annotations

import unicodedata
import warnings

from hypothesis import given, settings
from hypothesis import strategies as st

from cmcal.platforms import textcount as tc
from cmcal.platforms import tlds

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # it loads its emoji list with pkg_resources
    from twitter_text import extract_urls, parse_tweet

WORDS = [
    "Bonjour", "tourtière", "crème", "brûlée", "à", "demain", "Québec", "fête", "Noël", "l'été", "œuf", "ça",
    "Merci", "recette", "du", "jour", "Infos", "menu", "cabane", "à sucre", "réservez", "été", "façon",
    "événement", "ça", "déjà", "naïf", "Mañana", "Strasse", "日本語", "詳細はこちら", "料理", "美味しい",
    "한국어", "中文", "こちら", "メニュー", "москва", "привет", "ελληνικά", "123", "2026", "1er",
]  # fmt: skip
PUNCTUATION = [
    " ", " ", " ", "\n", ", ", ". ", "! ", "? ", " : ", "… ", "« ", " »", "(", ")", "’", " — ", " – ", "-",
    "/", "'", '"', ".", ":", "#", "@", "?", "&", "=", "_", "。", "、", "！",
]  # fmt: skip
EMOJI = [
    "😀 ", "🥧 ", "❤️ ", "👨‍👩‍👧 ", "👍🏽 ", "🇫🇷 ", "🇨🇦 ", "1️⃣ ", "🍁 ", "🎉 ", "☕ ", "✨ ", "🙋🏽 ", "👩‍🍳 ",
]  # fmt: skip
TLDS = [
    "fr", "ca", "com", "org", "net", "io", "ai", "immo", "quebec", "paris", "shop", "menu", "jp", "co.uk",
    "app", "dev", "bzh", "eus", "cafe", "restaurant", "online", "social", "みんな", "中国", "москва",
    "txt", "jpg", "pdf", "zip", "bz2", "local", "example", "Com", "FR",
]  # fmt: skip
NAMES = [
    "monsite", "cuisine-express", "outil", "www.exemple", "nordlys", "a", "x", "t", "my_site", "xn--ls8h",
]  # fmt: skip
PATHS = [
    "", "/", "/menu", "/recettes/tourtière", "/a/b?c=d", "?promo=1", "?q=café", "#menu", "/#top",
    "/wiki/Tourtière_(mets)", "/path.", "/a-", "/@chef/", "/メニュー", ":8080/x", "?x=1&y=2#frag",
]  # fmt: skip
SCHEMES = ["", "", "https://", "http://", "HTTPS://"]
MENTIONS = ["@alice", "@jean.dupont@pixelfed.social", "@chef_du_jour", "#recette", "#fêtes", "#Québec2026"]


# And every ASCII top-level domain of twitter-text's lists.
ALL_TLDS = TLDS + [name for name in tlds.GENERIC + tlds.COUNTRY if name.isascii()]


@st.composite
def links(draw: st.DrawFn) -> str:
    tld = draw(st.sampled_from(TLDS) | st.sampled_from(ALL_TLDS))
    name = draw(st.sampled_from(NAMES))
    return draw(st.sampled_from(SCHEMES)) + name + "." + tld + draw(st.sampled_from(PATHS))


pieces = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(EMOJI),
    st.sampled_from(MENTIONS),
    links(),
    # A link glued to what comes before it: a word, CJK, punctuation.
    st.tuples(st.sampled_from(WORDS + PUNCTUATION), links()).map("".join),
)
captions = st.lists(pieces, max_size=24).map("".join)


@settings(max_examples=600, deadline=None, derandomize=True)
@given(captions)
def test_weighted_length_matches_twitter_text(text: str) -> None:
    assert tc.x_weighted(text) == parse_tweet(text).weightedLength


@settings(max_examples=300, deadline=None, derandomize=True)
@given(captions)
def test_links_match_twitter_text(text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    assert tc.urls(text) == extract_urls(text)
