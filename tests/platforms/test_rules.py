"""Built-in platform rules: ids, units, limits, content types. Expected numbers are worked out by hand."""

from __future__ import annotations

import dataclasses

import pytest

from cmcal.model import CONTENT_TYPES
from cmcal.platforms import rules as platforms
from cmcal.platforms.rules import BUILTIN, KNOWN_IDS, UNIT_NAMES, UNITS, PlatformRules, measure, rules_for

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # 👨‍👩‍👧: 5 code points, 18 UTF-8 bytes, 1 grapheme

EXPECTED_IDS = {
    "instagram",
    "facebook",
    "x",
    "linkedin",
    "youtube",
    "tiktok",
    "pinterest",
    "threads",
    "bluesky",
    "mastodon",
    "tumblr",
    "vimeo",
    "wordpress",
}


def over(rules: PlatformRules, text: str, content_type: str | None = None) -> list[tuple[int, str]]:
    """The limits `text` breaks, as (limit, unit): what a checker would report."""
    return [(x.limit, x.unit) for x in rules.limits_for(content_type) if measure(text, x.unit) > x.limit]


def rules(kind: str) -> PlatformRules:
    found = rules_for(kind)
    assert found is not None
    return found


class TestRegistry:
    def test_ids(self) -> None:
        assert set(BUILTIN) == EXPECTED_IDS
        assert all(r.id == key for key, r in BUILTIN.items())

    def test_aliases(self) -> None:
        assert rules_for("twitter") is BUILTIN["x"]
        assert set(KNOWN_IDS) == EXPECTED_IDS | {"twitter"}

    def test_unknown_and_none(self) -> None:
        assert rules_for(None) is None
        assert rules_for("blogue") is None

    @pytest.mark.parametrize("platform", sorted(EXPECTED_IDS))
    def test_well_formed(self, platform: str) -> None:
        r = BUILTIN[platform]
        assert r.unit in UNITS
        assert r.name and r.source
        assert r.types is None or r.types <= set(CONTENT_TYPES)
        for extra in r.extra_limits:
            assert extra.unit in UNITS
            assert extra.types is None or extra.types <= set(CONTENT_TYPES)

    def test_every_unit_has_a_readable_name(self) -> None:
        assert set(UNIT_NAMES) == set(UNITS)
        assert UNIT_NAMES["x_weighted"] == "weighted characters (links count 23)"
        assert rules("x").unit_name == "weighted characters (links count 23)"

    def test_rules_are_frozen(self) -> None:
        with pytest.raises(dataclasses.FrozenInstanceError):
            rules("x").text_limit = 25000  # type: ignore[misc]


class TestNumbers:
    @pytest.mark.parametrize(
        ("platform", "limit", "unit", "hashtags"),
        [
            ("instagram", 2200, "utf16", 5),
            ("facebook", 63206, "utf16", None),
            ("x", 280, "x_weighted", None),
            ("linkedin", 3000, "utf16", None),
            ("youtube", 5000, "utf8_bytes", 60),
            ("tiktok", 2200, "utf16", 5),
            ("pinterest", 800, "utf16", None),
            ("threads", 500, "threads", 1),
            ("bluesky", 300, "graphemes", None),
            ("mastodon", 500, "mastodon", None),
            ("tumblr", 4096, "code_points", None),
            ("vimeo", 5000, "code_points", None),
            ("wordpress", None, "code_points", None),
        ],
    )
    def test_limits(self, platform: str, limit: int | None, unit: str, hashtags: int | None) -> None:
        r = rules(platform)
        assert (r.text_limit, r.unit, r.hashtag_limit) == (limit, unit, hashtags)

    def test_soft_figures_warn(self) -> None:
        # Unsourced or secondary figures, and hashtags a platform ignores rather than refuses.
        assert not rules("facebook").text_limit_firm
        assert not rules("vimeo").text_limit_firm
        assert not rules("youtube").hashtag_limit_firm
        assert rules("instagram").hashtag_limit_firm  # README, "Problem codes": Instagram's 5 is an error
        assert rules("x").text_limit_firm

    def test_youtube_extras(self) -> None:
        assert rules("youtube").forbidden_chars == "<>"
        assert rules("youtube").title_limit == 100
        assert rules("threads").link_limit == 5


class TestTypes:
    def test_video_only_platforms(self) -> None:
        for platform in ("youtube", "vimeo"):
            assert rules(platform).types == frozenset({"video", "reel", "live"})
            assert not rules(platform).supports("photo")

    def test_instagram(self) -> None:
        r = rules("instagram")
        assert r.types == frozenset({"photo", "carousel", "video", "reel", "story", "infographic"})
        assert r.media_required
        for kind in ("text", "link", "document", "poll"):
            assert not r.supports(kind)

    def test_x_linkedin_pinterest_tiktok(self) -> None:
        assert rules("x").types == frozenset({"text", "photo", "gif", "video", "link", "poll", "infographic"})
        assert rules("linkedin").types == frozenset(
            ("text", "photo", "carousel", "video", "document", "link", "poll", "article", "infographic")
        )
        assert rules("pinterest").types == frozenset({"photo", "video", "carousel", "infographic"})
        assert {"video", "reel", "photo", "carousel", "live"} <= (rules("tiktok").types or frozenset())

    def test_wordpress_carries_anything(self) -> None:
        assert rules("wordpress").types is None
        assert all(rules("wordpress").supports(kind) for kind in CONTENT_TYPES)


class TestMeasure:
    def test_each_unit(self) -> None:
        text = "Tourtière " + FAMILY
        # "Tourtière " is 10 code points / units, 11 bytes (è 2). The family: 5 code points, 8 units,
        # 18 bytes, 1 grapheme, 2 on X, 18 on Threads.
        assert measure(text, "code_points") == 15
        assert measure(text, "utf16") == 18
        assert measure(text, "utf8_bytes") == 29
        assert measure(text, "graphemes") == 11
        assert measure(text, "x_weighted") == 12
        assert measure(text, "mastodon") == 11
        assert measure(text, "threads") == 28

    def test_unknown_unit(self) -> None:
        with pytest.raises(ValueError, match="unknown unit 'words'"):
            measure("abc", "words")


class TestLimitsFor:
    def test_tweet_of_280_with_a_link(self) -> None:
        # 256 letters + space + a 56-character link (23) = 280: fits; one more letter: 281, over.
        text = "a" * 256 + " https://example.org/recettes/tourtiere-du-lac-saint-jean"
        assert over(rules("x"), text) == []
        assert over(rules("twitter"), "a" + text) == [(280, "x_weighted")]

    def test_cjk_on_x(self) -> None:
        # 141 CJK characters weigh 282 on X, while Instagram counts 141 UTF-16 units.
        assert over(rules("x"), "字" * 141) == [(280, "x_weighted")]
        assert over(rules("instagram"), "字" * 141) == []

    def test_youtube_description_in_bytes(self) -> None:
        # 2,500 × é = 5,000 bytes: fits; 2,501 × é = 5,002 bytes, though only 2,501 characters.
        assert over(rules("youtube"), "é" * 2500, "video") == []
        assert over(rules("youtube"), "é" * 2501, "video") == [(5000, "utf8_bytes")]

    def test_bluesky_graphemes_and_bytes(self) -> None:
        limits = rules("bluesky").limits_for("text")
        assert [(x.limit, x.unit) for x in limits] == [(300, "graphemes"), (3000, "utf8_bytes")]
        # 300 families: 300 graphemes (fits) but 300 × 18 = 5,400 bytes (over).
        assert over(rules("bluesky"), FAMILY * 300) == [(3000, "utf8_bytes")]
        # 301 letters: 301 graphemes, over the first limit only.
        assert over(rules("bluesky"), "a" * 301) == [(300, "graphemes")]

    def test_tiktok_photo_posts_allow_more(self) -> None:
        video = rules("tiktok").limits_for("video")
        photo = rules("tiktok").limits_for("photo")
        assert [(x.limit, x.unit) for x in video] == [(2200, "utf16")]
        assert [(x.limit, x.unit) for x in photo] == [(4000, "utf16")]
        assert over(rules("tiktok"), "a" * 3000, "video") == [(2200, "utf16")]
        assert over(rules("tiktok"), "a" * 3000, "photo") == []

    def test_override_with_replace(self) -> None:
        premium = dataclasses.replace(rules("x"), text_limit=25000)
        assert over(premium, "a" * 1000) == []
        assert premium.limits_for()[0].limit == 25000

    def test_no_limit(self) -> None:
        assert rules("wordpress").limits_for("article") == ()

    def test_module_exports(self) -> None:
        assert platforms.ALIASES == {"twitter": "x"}
