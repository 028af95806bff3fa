"""Counting text in each platform's unit. Every expected number is worked out by hand beside it."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmcal.platforms import textcount as tc

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # 👨‍👩‍👧: man ZWJ woman ZWJ girl
FAMILY4 = FAMILY + "\u200d\U0001f466"  # 👨‍👩‍👧‍👦: … ZWJ boy
FLAG_FR = "\U0001f1eb\U0001f1f7"  # 🇫🇷: two regional indicators
KEYCAP_1 = "1\ufe0f\u20e3"  # 1️⃣: digit, emoji variation selector, combining keycap
RED_HEART = "\u2764\ufe0f"  # ❤️: a text-default pictograph asked to show as emoji
LONG_URL = "https://example.org/recettes/tourtiere-du-lac-saint-jean"  # 56 characters


class TestPlainUnits:
    @pytest.mark.parametrize(
        ("text", "points", "units16", "bytes8", "clusters"),
        [
            ("", 0, 0, 0, 0),
            ("Hello", 5, 5, 5, 5),
            # è is one code point, one UTF-16 unit, two UTF-8 bytes (C3 A8).
            ("Tourtière", 9, 9, 10, 9),
            # Decomposed è: e + U+0300 (2 bytes, CC 80): 10 code points, still 9 graphemes.
            ("Tourtie\u0300re", 10, 10, 11, 9),
            # 😀 U+1F600: outside the BMP, so a surrogate pair (2 units) and 4 bytes.
            ("\U0001f600", 1, 2, 4, 1),
            # Family: 3 people (2 units, 4 bytes each) + 2 ZWJ (1 unit, 3 bytes each): 8 units, 18 bytes.
            (FAMILY, 5, 8, 18, 1),
            # 4 people + 3 ZWJ: 11 units, 4×4 + 3×3 = 25 bytes.
            (FAMILY4, 7, 11, 25, 1),
            # Two regional indicators: 4 units, 8 bytes, one flag.
            (FLAG_FR, 2, 4, 8, 1),
            # "1" (1 byte) + FE0F (3) + 20E3 (3) = 7 bytes.
            (KEYCAP_1, 3, 3, 7, 1),
            # CJK: 3 bytes each in UTF-8, one unit each in UTF-16.
            ("日本語", 3, 3, 9, 3),
            # CR LF is one grapheme cluster.
            ("a\r\nb", 4, 4, 4, 3),
        ],
    )
    def test_units(self, text: str, points: int, units16: int, bytes8: int, clusters: int) -> None:
        assert tc.code_points(text) == points
        assert tc.utf16(text) == units16
        assert tc.utf8_bytes(text) == bytes8
        assert tc.graphemes(text) == clusters

    def test_youtube_description_bytes(self) -> None:
        # "Crème" 6 bytes (è 2) + " " 1 + "brûlée" 8 (û 2, é 2) + " " 1 + 🍮 4 = 20 bytes, 14 code points.
        text = "Crème brûlée \U0001f36e"
        assert tc.utf8_bytes(text) == 20
        assert tc.code_points(text) == 14
        # 2,500 × é = 5,000 bytes: exactly YouTube's limit; one more ASCII letter is over it.
        assert tc.utf8_bytes("é" * 2500) == 5000
        assert tc.utf8_bytes("é" * 2500 + "a") == 5001

    def test_bluesky_graphemes_with_family_emoji(self) -> None:
        # "Souper en famille " is 18 graphemes, the family one more: 19. Bytes: 18 + 25 = 43.
        text = "Souper en famille " + FAMILY4
        assert tc.graphemes(text) == 19
        assert tc.utf8_bytes(text) == 43

    def test_lone_surrogate_does_not_raise(self) -> None:
        assert tc.utf16("a\ud800") == 2
        assert tc.utf8_bytes("a\ud800") == 4  # surrogatepass: 1 + 3 bytes


class TestX:
    def test_280_with_a_url(self) -> None:
        # 256 letters + 1 space + a 56-character link weighing 23 = 280: the limit exactly.
        text = "a" * 256 + " " + LONG_URL
        assert len(text) == 313
        assert tc.x_weighted(text) == 280
        assert tc.x_weighted("a" + text) == 281

    def test_latin_accents_weigh_one(self) -> None:
        # "Bon appétit! " 13 (é ≤ U+10FF weighs 1) + 🥧 2 + " " 1 + link 23 = 39.
        assert tc.x_weighted("Bon appétit! \U0001f967 https://example.org") == 39

    def test_cjk_weighs_two(self) -> None:
        # 7 CJK / kana characters, all above U+10FF: 7 × 2 = 14.
        assert tc.x_weighted("日本語のレシピ") == 14

    def test_typographic_punctuation(self) -> None:
        # “ U+201C and ” U+201D (1 each, in U+2010–201F), "Bonjour" 7, " – " 3 (U+2013 weighs 1),
        # "à" 1, " " 1, "bientôt" 7, … U+2026 (outside every light range: 2) = 9 + 3 + 1 + 1 + 7 + 2 = 23.
        assert tc.x_weighted("“Bonjour” – à bientôt…") == 23

    @pytest.mark.parametrize(
        ("text", "weight"),
        [
            ("\U0001f600", 2),  # a single emoji
            (FAMILY, 2),  # a ZWJ sequence of 5 code points is one emoji: 2, not 2+1+2+1+2
            (FAMILY4, 2),
            (FLAG_FR, 2),  # not 2 + 2
            (KEYCAP_1, 2),  # not 1 + 2 + 2
            (RED_HEART, 2),  # not 2 + 2
            ("\U0001f44d\U0001f3fd", 2),  # 👍🏽 thumbs up + skin tone: one emoji
            ("©", 1),  # © without U+FE0F is text, U+00A9 weighs 1
            ("©\ufe0f", 2),  # with U+FE0F it is an emoji
            ("Bravo " + FAMILY + "!", 9),  # 6 + 2 + 1
        ],
    )
    def test_emoji(self, text: str, weight: int) -> None:
        assert tc.x_weighted(text) == weight

    def test_nfc_first(self) -> None:
        # Decomposed "é" (e + U+0301, 2 code points) counts as the one composed character.
        assert tc.x_weighted("cafe\u0301") == 4

    @pytest.mark.parametrize(
        ("text", "weight"),
        [
            ("Menu: example.org/menu", 6 + 23),  # a bare domain with a path is a link
            ("www.site.fr", 23),  # a bare country-code domain with a subdomain is a link
            ("site.fr", 23),  # name.cc is a link too, path or not (twitter-text v3: `it.so`)
            ("site.fr/menu", 23),
            ("alice@example.org", 17),  # an e-mail address is not a link
            ("Merci. Bonne journée", 20),  # a sentence end is not a domain
            ("https://localhost/x", 19),  # no dot in the host: not a link
            # Two links, 23 each, and " et " 4.
            ("https://a.org/x et https://b.example.com/y?z=1", 23 + 4 + 23),
            # Trailing "." and ")" belong to the prose: "(" 1 + link 23 + ")." 2 = 26.
            ("(https://example.org/a).", 26),
        ],
    )
    def test_links(self, text: str, weight: int) -> None:
        assert tc.x_weighted(text) == weight

    @pytest.mark.parametrize(
        ("text", "weight", "links"),
        [
            # "Infos : " 8 + a bare domain on a country code 23 = 31, not 18: a post over 280 would pass.
            ("Infos : monsite.fr", 31, ["monsite.fr"]),
            # Any top-level domain of twitter-text's lists, not only common ones: 23 + " et " 4 + 23.
            ("outil.ai et monsite.immo", 50, ["outil.ai", "monsite.immo"]),
            # A domain without a scheme is linked only where it is ASCII: ", " 2 + 3 + "." + 3 kana 13.
            ("cuisine.quebec, みんな.みんな", 23 + 2 + 13, ["cuisine.quebec"]),
            # A link glued after non-ASCII letters: 6 kana/kanji × 2 = 12, + 23.
            ("詳細はこちらhttps://example.jp/menu", 12 + 23, ["https://example.jp/menu"]),
            ("こちらexample.jp/menu", 6 + 23, ["example.jp/menu"]),  # only the ASCII domain is linked
            # …but not after an ASCII letter or digit: "x" 1 + "https://" 8 + "a.org" (after `/`) 5 = 14.
            ("xhttps://a.org", 14, []),
            # A query ends before a non-ASCII letter: link 23 + "é" 1.
            ("https://example.com?q=café", 24, ["https://example.com?q=caf"]),
            # A fragment right after the host is not part of the link: 23 + "#menu" 5.
            ("https://example.com#menu", 28, ["https://example.com"]),
            ("https://example.com/#menu", 23, ["https://example.com/#menu"]),
            # A domain without a scheme takes a query only after a path: 23 + "?promo=1" 8, then 23.
            ("monsite.fr?promo=1", 31, ["monsite.fr"]),
            ("monsite.fr/?promo=1", 23, ["monsite.fr/?promo=1"]),
            # Not a top-level domain: a file name, a reserved name.
            ("menu.pdf et bench.example", 17 + 8, []),
            # No `-` or `+` right after a top-level domain (twitter-text v3.1.0).
            ("http://domain.com-suite", 23, []),
            # t.co links take no path beyond their slug: 23 + "'s" 2.
            ("http://t.co/pbY2NfTZ's", 25, ["http://t.co/pbY2NfTZ"]),
            # A label over 63 characters is no domain: the whole text counts.
            ("a" * 64 + ".com", 68, []),
        ],
    )
    def test_links_as_twitter_text_finds_them(self, text: str, weight: int, links: list[str]) -> None:
        assert tc.x_weighted(text) == weight
        assert tc.urls(text) == links

    def test_emoji_cut_by_a_link(self) -> None:
        # The link ends in the keycap's digit; U+FE0F and U+20E3 left after it weigh 2 each (no emoji).
        assert tc.x_weighted("https://example.com/menu1\ufe0f\u20e3") == 23 + 4

    def test_long_texts_stay_fast(self) -> None:
        # Long runs of label characters and of dots: each label is looked at once (no backtracking).
        texts = ("字" * 50_000 + ".com", "a." * 25_000 + "x", "-" * 20_000 + "a.fr", "a_" * 20_000 + ".fr")
        for text in texts:
            tc.x_weighted(text)
            tc.mastodon("https://" + text)


class TestMastodon:
    def test_link_counts_23_and_graphemes(self) -> None:
        # "Recette : " 10 + link 23 + " " 1 + family 1 = 35.
        assert tc.mastodon(f"Recette : {LONG_URL} {FAMILY}") == 35

    def test_only_http_links_count_23(self) -> None:
        # Without a scheme Mastodon counts the characters: "example.org/recettes" is 20.
        assert tc.mastodon("example.org/recettes") == 20

    def test_remote_mention_counts_local_part(self) -> None:
        # "Merci @alice@cuisine.social !" counts as "Merci @alice !": 14.
        assert tc.mastodon("Merci @alice@cuisine.social !") == 14
        # An e-mail address is not a mention: 17.
        assert tc.mastodon("alice@example.org") == 17

    @pytest.mark.parametrize(
        ("text", "count"),
        [
            # Account::MENTION_RE: a user name may hold `.` and `-`; it counts "@jean.dupont", 12.
            ("@jean.dupont@pixelfed.social", 12),
            ("@marie-eve@piaille.fr", 10),
            # A trailing dot is prose: "@chef" 5 + "." 1.
            ("@chef@cuisine.social.", 6),
            # No mention right before an accented letter (end_mention_match): all 14 graphemes.
            ("@josé@a.social", 14),
            # After `/` or a letter it is no mention: all 17 and 20 graphemes.
            ("/@chef@cuisine.fr", 17),
            ("chef@cuisine.social!", 20),
        ],
    )
    def test_mentions(self, text: str, count: int) -> None:
        assert tc.mastodon(text) == count

    @pytest.mark.parametrize(
        ("text", "count"),
        [
            # Mastodon's path takes CJK and emoji up to a space: 23 + " ok" 3.
            ("https://example.jp/メニュー。次 ok", 26),
            ("https://example.com/menu🍕 ok", 26),
            # …and ends on anything but prose punctuation: 23 + "." 1.
            ("https://example.com/menu.", 24),
            # Its query takes non-ASCII letters: 23 + " x" 2.
            ("https://a.org?q=日本 x", 25),
            # Glued after CJK (6) it is still a link: 6 + 23.
            ("詳細はこちらhttps://example.jp/menu", 29),
            # Its other schemes: 23.
            ("gemini://cuisine.social/menu", 23),
            # A top-level domain outside twitter-text's lists is no link: all 37 graphemes.
            ("https://bench-kitchen.example/recette", 37),
        ],
    )
    def test_links_end_where_mastodon_ends_them(self, text: str, count: int) -> None:
        assert tc.mastodon(text) == count


class TestThreads:
    @pytest.mark.parametrize(
        ("text", "count"),
        [
            ("Bon appétit", 11),  # no emoji: characters
            ("Bon \U0001f600", 4 + 4),  # 😀 counts its 4 UTF-8 bytes
            (FAMILY, 18),  # 4 + 3 + 4 + 3 + 4 bytes
            (RED_HEART, 6),  # 3 + 3 bytes
            ("\u2764", 1),  # ❤ without U+FE0F is text
            ("© 2026", 6),  # so is ©
        ],
    )
    def test_threads(self, text: str, count: int) -> None:
        assert tc.threads(text) == count


class TestUrls:
    def test_balanced_parentheses_and_trailing_punctuation(self) -> None:
        text = "(voir https://fr.wikipedia.org/wiki/Tourtière_(mets))."
        assert tc.urls(text) == ["https://fr.wikipedia.org/wiki/Tourtière_(mets)"]

    def test_bare_links(self) -> None:
        # Latin accented letters may be part of a domain without a scheme (twitter-text: `ELPAÍS.com`).
        text = "voir example.org/menu, www.site.fr et site.fr ou voilà.ca"
        assert tc.urls(text) == ["example.org/menu", "www.site.fr", "site.fr", "voilà.ca"]
        assert tc.urls(text, bare=False) == []

    def test_not_after_a_letter(self) -> None:
        assert tc.urls("xhttps://a.org et https://b.org") == ["https://b.org"]


class TestHashtags:
    def test_french_and_numbers(self) -> None:
        text = "Notre tourtière… #recette #fêtes #123 #2026 #1er #_"
        # #123, #2026 (digits only) and #_ (no letter) are not hashtags.
        assert tc.hashtags(text, "instagram") == ["#recette", "#fêtes", "#1er"]

    def test_not_inside_a_link(self) -> None:
        text = "Menu https://example.org/#recette et example.org/page#menu, puis #ok"
        assert tc.hashtags(text, "x") == ["#ok"]

    def test_html_entity_and_glued(self) -> None:
        assert tc.hashtags("&#123; &#x2F; a#b", "instagram") == []

    def test_boundaries(self) -> None:
        # After "(" a tag starts; "." ends it; "#a#b" is not a tag on X (twitter-text's rule).
        assert tc.hashtags("(#tag) #fin. #a#b", "x") == ["#tag", "#fin"]

    def test_repeats_are_kept(self) -> None:
        assert tc.hashtags("#a #a", "instagram") == ["#a", "#a"]

    def test_other_scripts(self) -> None:
        assert tc.hashtags("＃料理 #हिन्दी #fe\u0302tes", "x") == ["＃料理", "#हिन्दी", "#fe\u0302tes"]

    def test_after_emoji(self) -> None:
        assert tc.hashtags(RED_HEART + "#amour", "x") == ["#amour"]

    @given(
        st.text(
            alphabet=st.sampled_from(
                list("#＃&_a1 .:/") + list("éçœ’«»²·\u0302\u200c\ufe0f\u20e3料हि\U0001f600\u2764\U000e0100")
            ),
            max_size=30,
        )
    )
    def test_standard_re_finds_what_regex_finds(self, text: str) -> None:
        # Prose whose characters `re` reads alike is counted without `regex`, and to the same tags.
        pattern = tc._tag_pattern(text)
        regex_tags = [(m.start(), m.end()) for m in tc._unicode_tag_pattern().finditer(text)]
        assert [(m.start(), m.end()) for m in pattern.finditer(text)] == regex_tags

    @given(
        st.text(
            alphabet=st.sampled_from(
                [
                    *"a1 .é’…«»—€™❤☕😀🎉👍",
                    *"\u0301\u0d4e\u0e33\u1100\u1161\ufe0f\u20e3\u200d\U0001f3fd\U0001f1eb",
                ]
            ),
            max_size=30,
        )
    )
    def test_x_weight_without_regex_is_the_same(self, text: str) -> None:
        # A text whose code points each stand alone is weighed without grapheme clusters, to the same total.
        from unittest import mock

        with mock.patch.object(tc, "_alone", lambda char: False):
            slow = tc.x_weighted(text)
        assert tc.x_weighted(text) == slow

    def test_french_prose_does_not_import_regex(self) -> None:
        code = (
            "import sys; from cmcal.platforms.textcount import hashtags; "
            "tags = hashtags('Ragoût d’hiver « maison » #fêtes #recette😀', 'instagram'); "
            "assert tags == ['#fêtes', '#recette']; "
            "from cmcal.platforms.textcount import x_weighted; assert x_weighted('d’hiver… 😀') == 12; "
            "assert 'regex' not in sys.modules; "
            "assert hashtags('#fe\u0302tes', 'x') == ['#fe\u0302tes']; assert 'regex' in sys.modules"
        )
        subprocess.run([sys.executable, "-c", code], check=True)

    def test_bluesky(self) -> None:
        # Bluesky: a tag follows a space or the start, runs to the next space, trailing punctuation dropped.
        text = "(#tag) #fin. #123 #a#b #x&#y"
        assert tc.hashtags(text, "bluesky") == ["#fin", "#a#b", "#x&#y"]
        # More than 64 graphemes is not a tag.
        assert tc.hashtags("#" + "a" * 64, "bluesky") == ["#" + "a" * 64]
        assert tc.hashtags("#" + "a" * 65, "bluesky") == []

    def test_none_without_hash(self) -> None:
        assert tc.hashtags("no tags here", None) == []


class TestFastPath:
    def test_ascii_and_latin1_never_import_regex(self) -> None:
        code = (
            "import sys\n"
            "from cmcal.platforms import rules, textcount as t\n"
            "for s in ['Recipe of the day #recette https://example.org/a', 'Tourtière du Lac, #fêtes', '']:\n"
            "    t.utf16(s); t.code_points(s); t.utf8_bytes(s); t.graphemes(s); t.x_weighted(s)\n"
            "    t.mastodon(s); t.threads(s); t.hashtags(s, 'bluesky'); t.urls(s)\n"
            "t.hashtags('#recette https://example.org/#a', 'instagram')\n"
            "assert 'regex' not in sys.modules, 'regex was imported'\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True)

    def test_domains_are_loaded_only_for_a_dot_before_a_letter(self) -> None:
        code = (
            "import sys\n"
            "from cmcal.platforms import textcount as t\n"
            "for s in ['Merci. À demain !', 'Prix : 3.50 $', '#recette @chef', 'é' * 300]:\n"
            "    t.x_weighted(s); t.mastodon(s); t.urls(s); t.hashtags(s, 'x')\n"
            "assert 'cmcal.platforms.tlds' not in sys.modules\n"
            "t.x_weighted('Infos : monsite.fr')\n"
            "assert 'cmcal.platforms.tlds' in sys.modules\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True)

    def test_every_top_level_domain_starts_with_a_letter(self) -> None:
        # What lets a text without a dot before a letter skip the search (`_DOT_LETTER`).
        from cmcal.platforms import tlds

        assert len(tlds.GENERIC) == 1259 and len(tlds.COUNTRY) == 315
        for name in tlds.GENERIC + tlds.COUNTRY:
            assert tc._DOT_LETTER.match("." + name), name


# Fast paths must agree with the general algorithm on any text.
_latin = st.text(st.characters(max_codepoint=0x2FF, exclude_categories=["Cs"]), max_size=40)
_any = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


@given(_latin)
def test_grapheme_fast_path_matches_regex(text: str) -> None:
    import regex

    assert tc.graphemes(text) == len(regex.findall(r"\X", text))


@given(_any)
def test_unit_invariants(text: str) -> None:
    assert tc.utf16(text) == len(text.encode("utf-16-le")) // 2
    assert tc.graphemes(text) <= tc.code_points(text) <= tc.utf16(text) <= tc.utf8_bytes(text)
    assert tc.x_weighted(text) == tc.x_weighted(unicodedata.normalize("NFC", text))


@given(st.text(st.characters(max_codepoint=0x10FF, exclude_categories=["Cs"]), max_size=40))
def test_x_text_without_emoji_or_links_weighs_its_code_points(text: str) -> None:
    text = text.replace(".", " ")  # every link has a dot
    # Below U+1100 no emoji can form; NFC may compose into Latin Extended Additional (U+1E00…), weighing 2.
    expected = sum(1 if ord(c) <= 0x10FF else 2 for c in unicodedata.normalize("NFC", text))
    assert tc.x_weighted(text) == expected


# Pieces that exercise links, hashtags and emoji, glued in any order.
_tricky = st.lists(
    st.one_of(
        st.sampled_from(
            ["#", "＃", ".", "/", ":", "://", "https", "@", "&", "(", ")", " ", "\r\n", "org", "fr"]
        ),
        st.sampled_from(["é", "e\u0301", "字", FAMILY, RED_HEART, KEYCAP_1, "\ufe0f", "\u200d", "1", "_"]),
        st.characters(exclude_categories=["Cs"]),
    ),
    max_size=30,
).map("".join)


@given(_tricky)
def test_never_raises_and_stays_sane(text: str) -> None:
    for count in (
        tc.code_points,
        tc.utf16,
        tc.utf8_bytes,
        tc.graphemes,
        tc.x_weighted,
        tc.mastodon,
        tc.threads,
    ):
        assert count(text) >= 0
    for platform in ("x", "instagram", "bluesky", None):
        for tag in tc.hashtags(text, platform):
            assert tag[0] in "#＃" and tag in text
    for url in tc.urls(text):
        assert url in text
