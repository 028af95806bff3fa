"""What each platform takes as media: formats, bytes, pixels, durations, items per post, alternative text.

Every figure has its source beside it (the platform's own page unless marked [S], secondary). Figures are
what a scheduler meets through the platform's API, not the app (README, "Media"). Where a platform's own pages
disagree, the stricter figure is kept and its `note` says so in the message; where only a secondary figure
exists, or the platform only recommends, the bound is not `firm` and a problem over it is a warning.

A post is published on a *surface* of the platform, chosen by its content type: Instagram and Facebook take
feed posts, reels and stories; YouTube takes videos and Shorts (`reel`). Other platforms have one surface.
Sizes whose unit the platform does not define ("5 MB") are read as SI megabytes, the stricter reading.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cmcal.i18n import N_
from cmcal.value import Value

MB = 1_000_000
MIB = 1024 * 1024
GB = 1_000_000_000

# Sources (the pages the figures were read from).
IG_MEDIA = (
    "https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media"
)
IG_PUB = "https://developers.facebook.com/docs/instagram-platform/content-publishing"
FB_PHOTOS = "https://developers.facebook.com/docs/graph-api/reference/page/photos/"
FB_VIDLIM = "https://developers.facebook.com/docs/graph-api/reference/video-upload-limits/"
FB_REELS = "https://developers.facebook.com/docs/video-api/guides/reels-publishing"
FB_STORIES = "https://developers.facebook.com/docs/page-stories-api"
X_BP = "https://docs.x.com/x-api/media/quickstart/best-practices"
X_CREATE = "https://docs.x.com/x-api/posts/create-post"
X_OAS = "https://github.com/xdevplatform/docs (openapi.json: CreatePostsMedia, CreateMediaMetadata)"
X_DD = "https://github.com/xdevplatform/docs (x-api/fundamentals/data-dictionary.mdx)"
LI_SHARES = "https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/"
YT_INSERT = "https://developers.google.com/youtube/v3/docs/videos/insert"
YT_SHORTS = "https://support.google.com/youtube/answer/15424877"
TT_MTG = "https://developers.tiktok.com/doc/content-posting-api-media-transfer-guide"
TT_PHOTO = "https://developers.tiktok.com/doc/content-posting-api-reference-photo-post"
PIN_OAS = "https://github.com/pinterest/api-description (v5/openapi.json: PinCreate, PinMediaSource)"
PIN_SPECS = "https://help.pinterest.com/en/business/article/pinterest-product-specs"
TH_POSTS = "https://developers.facebook.com/docs/threads/posts"
TH_A11Y = "https://developers.facebook.com/documentation/threads/posts/accessibility"
BSKY_LEX = "https://github.com/bluesky-social/atproto/tree/main/lexicons/app/bsky/embed"
BSKY_APP = "https://github.com/bluesky-social/social-app/blob/main/src/lib/constants.ts"
BSKY_PR7916 = "https://github.com/bluesky-social/social-app/pull/7916"
MA_MODEL = "https://github.com/glitch-soc/mastodon/blob/main/app/models/media_attachment.rb"
MA_PSS = "https://github.com/glitch-soc/mastodon/blob/main/app/services/post_status_service.rb"
MA_DOCS = "https://docs.joinmastodon.org/user/posting/"
TU_API = "https://github.com/tumblr/docs/blob/master/api.md"
TU_NPF = "https://github.com/tumblr/docs/blob/master/npf-spec.md"
WP_FUNC = "https://github.com/WordPress/wordpress-develop/blob/trunk/src/wp-includes/functions.php"
S_MIXPOST = "https://github.com/inovector/mixpost (config/mixpost.php) [S]"
S_AYR = "https://www.ayrshare.com/docs/media-guidelines/ [S]"
S_NEWS_YT = "quso.ai, businessinsider.sg: YouTube upload limits [S]"


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Bound(Value):
    """An allowed range of one figure (None: no bound on that side), and where it comes from."""

    low: float | None
    high: float | None
    source: str
    firm: bool = True
    """False where only a secondary figure exists or the platform only recommends: warn, do not reject."""
    note: str = ""
    """Said in the message: why this figure, where the platform's pages disagree."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class KindRules(Value):
    """What a surface takes of one kind of media (`image`, `gif`, `video`)."""

    formats: frozenset[str] | None
    """Formats taken (`probe.Figures.format` names); None: any format of this kind."""
    formats_source: str = ""
    max_bytes: Bound | None = None
    side: Bound | None = None
    """Width and height, each, in pixels."""
    width: Bound | None = None
    height: Bound | None = None
    aspect: Bound | None = None
    """Width divided by height."""
    pixels: Bound | None = None
    """Width times height."""
    duration: Bound | None = None
    """Seconds."""
    frames: Bound | None = None
    """Frames of an animated GIF."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Alt(Value):
    """Alternative text: which kinds carry it, and its longest length (None: no documented limit)."""

    kinds: frozenset[str]
    max_length: int | None
    source: str


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Counts(Value):
    """How many items one post carries, of each kind and in all (None: no limit), and whether kinds mix."""

    images: int | None
    videos: int | None
    total: int | None
    mix: bool
    """Whether images, GIFs and videos may share a post."""
    source: str
    gifs: int | None = None
    """Animated GIFs, where the platform counts them apart from images (`MediaRules.gif`)."""
    firm: bool = True
    described: str = ""
    """What the platform takes, for messages: "up to 4 images, or 1 GIF, or 1 video"."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class MediaRules(Value):
    """What one surface of a platform takes as media."""

    platform: str
    surface: str
    """`post`, or `feed`, `reel`, `story`, `short` where the platform has several."""
    name: str
    """For messages: "Instagram Reels", "X"."""
    image: KindRules | None
    """None: the surface takes no image."""
    video: KindRules | None
    counts: Counts
    gif: KindRules | None = None
    """Animated GIFs; None: an animated GIF is taken, counted and checked as an image."""
    alt: Alt | None = None
    """None: the platform publishes no alternative text."""


def _f(names: str) -> frozenset[str]:
    return frozenset(names.split())


_IG_FEED_IMAGE = KindRules(
    # "JPEG is the only image format supported"; extended JPEG (MPO) is refused too.
    formats=_f("JPEG"),
    formats_source=IG_PUB,
    max_bytes=Bound(None, 8 * MB, IG_MEDIA),
    # Aspect 4:5 to 1.91:1; widths 320–1440 are scaled, not refused.
    aspect=Bound(0.8, 1.91, IG_MEDIA),
)
_IG_ALT = Alt(_f("image"), 1000, IG_MEDIA)  # `alt_text`, images only: "Reels and stories are not supported"
_IG_REEL_VIDEO = KindRules(
    formats=_f("MP4 MOV"),
    formats_source=IG_MEDIA,
    max_bytes=Bound(None, 300 * MB, IG_MEDIA),
    aspect=Bound(0.01, 10, IG_MEDIA),
    width=Bound(None, 1920, IG_MEDIA),
    # The API takes 3 s to 15 min (the app: Reels of up to 3 min since 2025-01-20 [S]).
    duration=Bound(3, 15 * 60, IG_MEDIA),
)

_INSTAGRAM = (
    MediaRules(
        "instagram",
        "feed",
        "Instagram",
        image=_IG_FEED_IMAGE,
        # Carousel children: video MOV/MP4, size and duration not stated for children.
        video=KindRules(_f("MP4 MOV"), IG_MEDIA, aspect=Bound(0.01, 10, IG_MEDIA)),
        # `children` holds up to 10 images, videos or a mix (the app: 20 since August 2024 [S]).
        counts=Counts(
            10, 10, 10, True, IG_MEDIA, described=N_("1 image, or a carousel of up to 10 images and videos")
        ),
        alt=_IG_ALT,
    ),
    MediaRules(
        "instagram",
        "reel",
        "Instagram Reels",
        image=None,
        video=_IG_REEL_VIDEO,
        counts=Counts(0, 1, 1, False, IG_MEDIA, described=N_("1 video")),
        alt=None,
    ),
    MediaRules(
        "instagram",
        "story",
        "Instagram Stories",
        image=KindRules(_f("JPEG"), IG_MEDIA, max_bytes=Bound(None, 8 * MB, IG_MEDIA)),
        video=KindRules(
            _f("MP4 MOV"),
            IG_MEDIA,
            max_bytes=Bound(None, 100 * MB, IG_MEDIA),
            aspect=Bound(0.1, 10, IG_MEDIA),
            width=Bound(None, 1920, IG_MEDIA),
            duration=Bound(3, 60, IG_MEDIA),
        ),
        counts=Counts(1, 1, 1, False, IG_MEDIA, described=N_("1 image or 1 video per story")),
        alt=None,
    ),
)

_FB_IMAGE = KindRules(
    formats=_f("JPEG BMP PNG GIF TIFF"),
    formats_source=FB_PHOTOS,
    max_bytes=Bound(None, 10 * MB, FB_PHOTOS),  # no dimension limit: Facebook resizes
)
_FACEBOOK = (
    MediaRules(
        "facebook",
        "feed",
        "Facebook",
        image=_FB_IMAGE,
        video=KindRules(
            None,
            max_bytes=Bound(None, 10 * GB, S_AYR, firm=False),  # per Page (`video_upload_limits`); 10 GB [S]
            duration=Bound(None, 240 * 60, S_AYR, firm=False),  # per Page; commonly 240 min [S]
        ),
        # Multi-photo posts are not documented: Mixpost assumes 10 photos and no mixing [S].
        counts=Counts(10, 1, 10, False, S_MIXPOST, firm=False, described=N_("up to 10 photos, or 1 video")),
        alt=Alt(_f("image gif"), None, FB_PHOTOS),  # `alt_text_custom`; no length documented
    ),
    MediaRules(
        "facebook",
        "reel",
        "Facebook Reels",
        image=None,
        video=KindRules(
            None,
            # 9:16, at least 540×960 ("Video must have a minimum resolution of 540p").
            width=Bound(540, None, FB_REELS),
            height=Bound(960, None, FB_REELS),
            # The Reels API takes 3–90 s (the app has no cap since June 2025 [S]).
            duration=Bound(3, 90, FB_REELS),
        ),
        counts=Counts(0, 1, 1, False, FB_REELS, described=N_("1 video")),
    ),
    MediaRules(
        "facebook",
        "story",
        "Facebook Stories",
        image=KindRules(_f("JPEG BMP PNG GIF TIFF"), FB_STORIES, max_bytes=Bound(None, 10 * MB, FB_STORIES)),
        video=KindRules(
            None,
            width=Bound(540, None, FB_STORIES),
            height=Bound(960, None, FB_STORIES),
            duration=Bound(
                3,
                60,
                FB_STORIES,
                note=N_("Facebook's Stories page says both 90 s and 60 s; cmcal keeps the stricter 60 s"),
            ),
        ),
        counts=Counts(1, 1, 1, False, FB_STORIES, described=N_("1 photo or 1 video per story")),
    ),
)

_X = MediaRules(
    "x",
    "post",
    "X",
    image=KindRules(
        # JPG, PNG, GIF, WEBP (the upload's `media_type` also lists BMP and TIFF).
        formats=_f("JPEG PNG GIF WEBP BMP TIFF"),
        formats_source=X_BP,
        max_bytes=Bound(None, 5 * MB, X_BP),  # "5 MB", unit undefined: SI, the stricter
    ),
    gif=KindRules(
        formats=_f("GIF"),
        formats_source=X_BP,
        max_bytes=Bound(None, 15 * MB, X_BP),
        # Recommended, else the upload "may fail": ≤ 1280×1080 and ≤ 350 frames.
        width=Bound(None, 1280, X_BP, firm=False),
        height=Bound(None, 1080, X_BP, firm=False),
        frames=Bound(None, 350, X_BP, firm=False),
    ),
    video=KindRules(
        formats=_f("MP4 MOV WEBM"),
        formats_source=X_OAS,
        max_bytes=Bound(
            None,
            512 * MB,
            X_BP,
            note=N_(
                "X's pages disagree (512 MB on its media best practices, 8 GB on its Create Post "
                "reference); cmcal keeps the stricter"
            ),
        ),
        # The older "Advanced" spec: 32×32 to 1280×1024, aspect 1:3 to 3:1; X re-encodes today's vertical
        # videos, so these are warnings.
        width=Bound(32, 1280, X_BP, firm=False),
        height=Bound(32, 1024, X_BP, firm=False),
        aspect=Bound(1 / 3, 3, X_BP, firm=False),
        duration=Bound(
            0.5,
            140,
            X_BP,
            note=N_(
                "X's pages disagree (0.5–140 s on its media best practices, 20 min on its Create Post "
                "reference, https://docs.x.com/x-api/posts/create-post); cmcal keeps the stricter"
            ),
        ),
    ),
    # Up to 4 photos or 1 animated GIF or 1 video, never mixed (`media_ids` maxItems 4).
    counts=Counts(4, 1, 4, False, X_OAS, gifs=1, described=N_("up to 4 images, or 1 GIF, or 1 video")),
    # `alt_text.text` maxLength 1000; "Alt text can only be added to images at the moment" (X_DD).
    alt=Alt(_f("image gif"), 1000, X_OAS),
)

_LINKEDIN = MediaRules(
    "linkedin",
    "post",
    "LinkedIn",
    image=KindRules(
        formats=_f("JPEG GIF PNG"),
        formats_source=LI_SHARES + "images-api",
        max_bytes=Bound(None, 5 * MB, S_AYR, firm=False),  # no byte cap on the Images API page; 5 MB [S]
        pixels=Bound(None, 36_152_319, LI_SHARES + "images-api"),  # "< 36,152,320 pixels"
        aspect=Bound(0.8, 3, S_AYR, firm=False),  # photo aspect 3:1 to 4:5, LinkedIn Help as quoted [S]
        frames=Bound(None, 250, LI_SHARES + "images-api"),  # GIF ≤ 250 frames
    ),
    video=KindRules(
        formats=_f("MP4"),
        formats_source=LI_SHARES + "videos-api",
        max_bytes=Bound(
            75_000,
            500 * MB,
            LI_SHARES + "videos-api",
            note=N_("LinkedIn's Videos API page says both 500 MB and 5 GB; cmcal keeps the stricter"),
        ),
        aspect=Bound(1 / 2.4, 2.4, S_AYR, firm=False),
        width=Bound(256, 4096, S_AYR, firm=False),
        height=Bound(144, 2304, S_AYR, firm=False),
        duration=Bound(3, 30 * 60, LI_SHARES + "videos-api"),
    ),
    # 1 image, or 2–20 images (`multiImage`, images only); 1 video, alone.
    counts=Counts(
        20, 1, 20, False, LI_SHARES + "multiimage-post-api", described=N_("up to 20 images, or 1 video")
    ),
    alt=Alt(_f("image gif"), 4086, LI_SHARES + "images-api"),  # `altText`, not for video
)

_YT_VIDEO = KindRules(
    None,  # `video/*` or `application/octet-stream`
    YT_INSERT,
    max_bytes=Bound(None, 256 * GB, YT_INSERT),
    # 15 min for accounts without phone verification, up to 12 h once verified [S].
    duration=Bound(
        None, 15 * 60, S_NEWS_YT, firm=False, note=N_("unless the channel is verified (up to 12 h)")
    ),
)
_YOUTUBE = (
    MediaRules(
        "youtube",
        "post",
        "YouTube",
        image=None,  # images are thumbnails only: no image posts through the API
        video=_YT_VIDEO,
        counts=Counts(0, 1, 1, False, YT_INSERT, described=N_("1 video")),
    ),
    MediaRules(
        "youtube",
        "short",
        "YouTube Shorts",
        image=None,
        video=KindRules(
            None,
            YT_INSERT,
            max_bytes=Bound(None, 256 * GB, YT_INSERT),
            aspect=Bound(None, 1, YT_SHORTS),  # square or vertical: wider is not a Short
            duration=Bound(None, 3 * 60, YT_SHORTS),  # 3 min for uploads since 2024-10-15
        ),
        counts=Counts(0, 1, 1, False, YT_INSERT, described=N_("1 video")),
    ),
)

_TIKTOK = MediaRules(
    "tiktok",
    "post",
    "TikTok",
    image=KindRules(
        formats=_f("JPEG WEBP"),  # photo posts: "WebP and JPEG only"
        formats_source=TT_MTG,
        max_bytes=Bound(None, 20 * MB, TT_MTG),
    ),
    video=KindRules(
        formats=_f("MP4 WEBM MOV"),
        formats_source=TT_MTG,
        max_bytes=Bound(None, 4 * GB, TT_MTG),
        side=Bound(360, 4096, TT_MTG),
        # The API takes up to 10 min; each creator's own cap is `max_video_post_duration_sec`. The 3 s
        # minimum is a third-party figure [S].
        duration=Bound(None, 10 * 60, TT_MTG),
    ),
    # 1 video, or a photo post of up to 35 photos; never mixed.
    counts=Counts(35, 1, 35, False, TT_PHOTO, described=N_("1 video, or up to 35 photos")),
    alt=None,  # no alt text field
)

_PINTEREST = MediaRules(
    "pinterest",
    "post",
    "Pinterest",
    image=KindRules(
        formats=_f("JPEG PNG"),  # content_type image/jpeg or image/png
        formats_source=PIN_OAS,
        max_bytes=Bound(
            None,
            10 * MB,
            PIN_SPECS,
            note=N_("Pinterest's product-spec pages say 10 MB, 20 MB and 32 MB; cmcal keeps the stricter"),
        ),
        # 2:3 recommended; taller "might get cut off".
        aspect=Bound(2 / 3, None, PIN_SPECS, firm=False),
    ),
    video=KindRules(
        formats=_f("MP4 MOV"),  # .mp4, .mov, .m4v
        formats_source=PIN_SPECS,
        max_bytes=Bound(None, 2 * GB, PIN_SPECS),
        aspect=Bound(0.5, 1.91, PIN_SPECS),
        duration=Bound(4, 15 * 60, PIN_SPECS),
    ),
    # 1 image, 1 video, or a carousel of 2–5 images.
    counts=Counts(5, 1, 5, False, PIN_OAS, described=N_("1 image, 1 video, or a carousel of 2 to 5 images")),
    alt=Alt(_f("image video"), 500, PIN_OAS),
)

_THREADS = MediaRules(
    "threads",
    "post",
    "Threads",
    image=KindRules(
        formats=_f("JPEG PNG"),
        formats_source=TH_POSTS,
        max_bytes=Bound(None, 8 * MB, TH_POSTS),
        aspect=Bound(0.1, 10, TH_POSTS),  # aspect ratio limit 10:1
    ),
    video=KindRules(
        formats=_f("MP4 MOV"),
        formats_source=TH_POSTS,
        max_bytes=Bound(None, 1 * GB, TH_POSTS),
        aspect=Bound(0.01, 10, TH_POSTS),
        width=Bound(None, 1920, TH_POSTS),
        duration=Bound(None, 300, TH_POSTS),
    ),
    # 1 image or video; a carousel of 2–20 images, videos or a mix.
    counts=Counts(20, 20, 20, True, TH_POSTS, described=N_("1 image or video, or a carousel of up to 20")),
    alt=Alt(_f("image video"), 1000, TH_A11Y),
)

_BLUESKY = MediaRules(
    "bluesky",
    "post",
    "Bluesky",
    image=KindRules(
        formats=None,  # `image/*`
        formats_source=BSKY_LEX,
        max_bytes=Bound(None, 2_000_000, BSKY_LEX),  # SI bytes, since 2026-04-08 (was 1,000,000)
    ),
    video=KindRules(
        formats=_f("MP4"),  # video blob `accept: ["video/mp4"]`
        formats_source=BSKY_LEX,
        max_bytes=Bound(
            None,
            100 * MB,
            BSKY_APP,
            note=N_(
                "Bluesky's lexicon takes 300 MB but its app's source limit is still 100 MB; "
                "cmcal keeps the stricter"
            ),
        ),
        duration=Bound(None, 180, BSKY_PR7916),  # 3 min; the backend refuses longer for ordinary accounts
    ),
    # `images` (≤ 4), `gallery` (≤ 20 images, since 2026-06-03) or 1 `video`; never mixed.
    counts=Counts(
        20, 1, 20, False, BSKY_LEX, described=N_("up to 20 images (4 outside a gallery), or 1 video")
    ),
    alt=Alt(_f("image gif video"), 2000, BSKY_APP),  # `MAX_ALT_TEXT`; the lexicon sets no limit
)

_MASTODON = MediaRules(
    "mastodon",
    "post",
    "Mastodon",
    image=KindRules(
        formats=_f("JPEG PNG GIF HEIC AVIF WEBP"),
        formats_source=MA_MODEL,
        max_bytes=Bound(None, 16 * MIB, MA_MODEL),  # IMAGE_LIMIT, 16,777,216 bytes
        pixels=Bound(None, 33_177_600, MA_MODEL),  # 7680×4320
    ),
    gif=KindRules(
        formats=_f("GIF"),
        formats_source=MA_MODEL,
        max_bytes=Bound(None, 16 * MIB, MA_MODEL),
        pixels=Bound(
            None,
            921_600,
            MA_DOCS,
            note=N_("Mastodon's docs say 1280×720 for GIFs, newer code 3840×2160; cmcal keeps the stricter"),
        ),
    ),
    video=KindRules(
        formats=_f("WEBM MP4 MOV OGG"),
        formats_source=MA_MODEL,
        max_bytes=Bound(None, 99 * MIB, MA_MODEL),  # VIDEO_LIMIT, 103,809,024 bytes
        pixels=Bound(None, 8_294_400, MA_MODEL),  # 3840×2160
    ),
    # 4 attachments; a video (or a GIF, made a video) must be alone.
    counts=Counts(4, 1, 4, False, MA_PSS, gifs=1, described=N_("up to 4 images, or 1 video or GIF")),
    alt=Alt(_f("image gif video"), 1500, MA_MODEL),  # `description`, MAX_DESCRIPTION_LENGTH
)

_TUMBLR = MediaRules(
    "tumblr",
    "post",
    "Tumblr",
    image=KindRules(None, TU_API, max_bytes=Bound(None, 10 * MB, TU_API)),  # legacy photo: "limit 10MB"
    video=KindRules(
        None,
        TU_API,
        max_bytes=Bound(None, 500 * MB, TU_API),  # "limited to 500MB and 10 minutes"
        duration=Bound(None, 10 * 60, TU_API),
    ),
    # NPF: ≤ 30 image blocks, 1 native uploaded video; block types mix.
    counts=Counts(30, 1, 31, True, TU_NPF, described=N_("up to 30 images and 1 video")),
    alt=Alt(_f("image gif"), 4096, TU_NPF),
)

_VIMEO = MediaRules(
    "vimeo",
    "post",
    "Vimeo",
    image=None,
    video=KindRules(None, "https://developer.vimeo.com/api/reference (upload_quota per account)"),
    counts=Counts(0, 1, 1, False, "one video per upload", described=N_("1 video")),
)

_WORDPRESS = MediaRules(
    "wordpress",
    "post",
    "WordPress",
    image=KindRules(None, WP_FUNC),
    video=KindRules(None, WP_FUNC),
    counts=Counts(None, None, None, True, "no limit (blocks and galleries) [U]"),
    alt=Alt(_f("image gif"), None, WP_FUNC),  # `alt_text` on the attachment, no length limit
)

_ALL = (
    *_INSTAGRAM,
    *_FACEBOOK,
    _X,
    _LINKEDIN,
    *_YOUTUBE,
    _TIKTOK,
    _PINTEREST,
    _THREADS,
    _BLUESKY,
    _MASTODON,
    _TUMBLR,
    _VIMEO,
    _WORDPRESS,
)
_BY_SURFACE: Mapping[tuple[str, str], MediaRules] = {(r.platform, r.surface): r for r in _ALL}

_SURFACES: Mapping[str, Mapping[str, str]] = {
    # "" is the surface of every other type. Instagram publishes a video as a Reel.
    "instagram": {"": "feed", "reel": "reel", "video": "reel", "story": "story"},
    "facebook": {"": "feed", "reel": "reel", "story": "story"},
    "youtube": {"": "post", "reel": "short"},
}


def media_rules(platform: str, post_type: str | None) -> MediaRules | None:
    """The media rules of the surface a post of `post_type` goes to on `platform` (a built-in id), or None
    for a platform cmcal has no media rules for."""
    surfaces = _SURFACES.get(platform, {})
    surface = surfaces.get(post_type or "", surfaces.get("", "post"))
    return _BY_SURFACE.get((platform, surface))
