"""The media a post publishes, checked against the files and each platform's rules (README, "Media").

Each item is checked once for what it is (`missing-media`, `media-outside`, `bad-media`, `media-not-fetched`),
then once per platform the post goes to: kinds and formats (`media-not-supported`), items per post
(`media-count`), bytes (`media-too-large`), pixels (`bad-dimensions`), durations (`bad-duration`) and
alternative text (`missing-alt`, `alt-too-long`). A post with no `type` takes it from its media.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from cmcal.i18n import _, ngettext
from cmcal.model import Calendar, Idea, MediaItem, Post
from cmcal.platforms.rules import rules_for
from cmcal.problems import Loc, Problem, Severity, problem

if TYPE_CHECKING:  # imported where used: a calendar without media never loads the media modules
    from cmcal.platforms.media import Media, MediaFiles
    from cmcal.platforms.media_rules import Bound, KindRules, MediaRules

NEEDS_MEDIA_STATUSES = frozenset({"ready", "scheduled", "published"})
"""Statuses from which a post on a platform that cannot publish without media must have some."""

_VIDEO_TYPES = frozenset({"video", "reel", "live"})
_IMAGE_TYPES = frozenset({"photo", "infographic"})


def media_type(found: Sequence[Media]) -> str | None:
    """The type a post without `type` takes from its media: one image `photo`, several `carousel`, a video
    `video`, an animated GIF `gif`; None without media, or when a kind is unknown (an URL, no extension)."""
    kinds = [m.kind for m in found if m.usable]
    if not kinds or None in kinds:
        return None
    if len(kinds) > 1:
        return "carousel"
    return {"image": "photo", "video": "video", "gif": "gif"}.get(kinds[0] or "")


def has_media(calendar: Calendar) -> bool:
    """Whether a post or an idea of the calendar lists media (else no media module is imported)."""
    return any(p.media or p.platform_media for p in calendar.posts) or any(
        i.media or i.platform_media for i in calendar.ideas
    )


def media_problems(calendar: Calendar, files: MediaFiles | None = None) -> list[Problem]:
    """The media problems of a calendar; `files` probes each file once (made here when None is given and
    the calendar has media)."""
    out: list[Problem] = []
    root: str | None = None
    items: list[Post | Idea] = [*calendar.posts, *calendar.ideas]
    for post in items:
        if post.media or post.platform_media:
            if files is None:
                from cmcal.platforms.media import MediaFiles

                files = MediaFiles()
            if root is None:
                root = files.root(calendar.path)
            # an idea is checked like a post, except for the date (README, "Planning")
            _post_media(calendar, post if isinstance(post, Post) else post.as_post(), files, root, out)
        elif isinstance(post, Post) and post.status in NEEDS_MEDIA_STATUSES:
            _no_media(calendar, post, post.platforms, out)
    return out


def _no_media(calendar: Calendar, post: Post, platforms: Iterable[str], out: list[Problem]) -> None:
    loc = post.locs.get("platforms") or post.locs.get("platform") or post.loc
    assert loc is not None
    for pid in platforms:
        account = calendar.platforms.get(pid)
        rules = rules_for(account.kind) if account is not None and account.kind else None
        if rules is not None and rules.media_required and not post.media_for(pid):
            out.append(
                problem(
                    loc,
                    "no-media",
                    _(
                        '"{title}" is {status} but has no media, and {name} ({platform}) '
                        "cannot publish without an image or a video; add `media:`"
                    ).format(title=post.title, status=post.status, name=rules.name, platform=pid),
                )
            )


def _post_media(
    calendar: Calendar, post: Post | Idea, files: MediaFiles, root: str, out: list[Problem]
) -> None:
    assert post.loc is not None
    holder = post.loc.path
    found: dict[int, Media] = {}

    def look(items: tuple[MediaItem, ...]) -> list[Media]:
        result = []
        for item in items:
            media = found.get(id(item))
            if media is None:
                media = found[id(item)] = files.look(item, holder, root)
                _item_problems(media, out)
            result.append(media)
        return result

    look(post.media)
    for items in post.platform_media.values():
        look(items)
    if isinstance(post, Post):
        if post.status in NEEDS_MEDIA_STATUSES:
            _no_media(calendar, post, post.platforms, out)
        if post.status == "cancelled":
            return
    missing_alt: dict[int, list[str]] = {}
    for pid in post.platforms:
        account = calendar.platforms.get(pid)
        if account is None or account.kind is None:
            continue
        media = look(post.media_for(pid))
        if not media:
            continue
        post_type = post.type or media_type(media)
        from cmcal.platforms.media_rules import media_rules

        rules = media_rules(account.kind, post_type)
        if rules is None:
            continue
        _platform_problems(post, post_type, media, rules, pid, out, missing_alt)
    for key, names in missing_alt.items():
        item = found[key].item
        assert item.loc is not None
        out.append(
            problem(
                item.loc,
                "missing-alt",
                ngettext(
                    '"{name}" has no alt text, which {platforms} publishes; add `alt:` so that people '
                    "using a screen reader know what it shows",
                    '"{name}" has no alt text, which {platforms} publish; add `alt:` so that people '
                    "using a screen reader know what it shows",
                    len(names),
                ).format(name=item.name, platforms=_and(names)),
            )
        )


def _item_problems(media: Media, out: list[Problem]) -> None:
    loc = media.item.loc
    assert loc is not None
    if media.refused is not None:
        out.append(problem(loc, media.refused.code, media.refused.message))
    elif media.not_media is not None:
        name = media.item.name
        if media.not_media.lfs:
            out.append(
                problem(
                    loc,
                    "media-not-fetched",
                    _(
                        '"{name}" is a Git LFS pointer, not the file itself: run `git lfs pull` '
                        "(or fetch LFS files in CI); its checks are skipped"
                    ).format(name=name),
                )
            )
        else:
            out.append(
                problem(
                    loc,
                    "bad-media",
                    _(
                        '"{name}" is not a readable image or video: it is {what}; '
                        "replace it with a JPEG, PNG, GIF or MP4 file"
                    ).format(name=name, what=media.not_media.what),
                )
            )


def _platform_problems(
    post: Post | Idea,
    post_type: str | None,
    media: list[Media],
    rules: MediaRules,
    pid: str,
    out: list[Problem],
    missing_alt: dict[int, list[str]],
) -> None:
    name = rules.name
    usable = [m for m in media if m.usable]
    counts = rules.counts
    count_sev = None if counts.firm else Severity.WARNING
    # What the post's type asks of its media.
    explicit = post.type
    if explicit in _VIDEO_TYPES:
        for m in usable:
            if m.kind in ("image", "gif"):
                _add(
                    out,
                    m,
                    "media-not-supported",
                    f'a {explicit} post publishes a video; "{m.item.name}" is an image',
                )
    elif explicit in _IMAGE_TYPES or explicit == "carousel":
        for m in usable:
            if m.kind == "video":
                _add(
                    out,
                    m,
                    "media-not-supported",
                    f'a {explicit} post publishes images; "{m.item.name}" is a video',
                )
    elif explicit == "text":
        first = media[0]
        _add(
            out,
            first,
            "media-not-supported",
            "a text post publishes no media; remove `media` or set another type",
        )
    if explicit in _IMAGE_TYPES and len(media) > 1 and "carousel" in _types_of(pid, rules):
        _add(
            out,
            media[1],
            "media-count",
            f"a {explicit} post publishes 1 image on {name}; make it `type: carousel` or keep one",
        )
    if explicit == "carousel" and len(media) < 2:
        _add(
            out,
            media[0],
            "media-count",
            f"a carousel on {name} needs at least 2 items; add one or set `type: photo`",
        )
    # Kinds and formats.
    first_kind: str | None = None
    seen = {"image": 0, "gif": 0, "video": 0}
    for index, m in enumerate(usable):
        kind = m.kind
        if kind is None:
            continue
        counted = "image" if kind == "gif" and rules.gif is None else kind
        kind_rules = _kind_rules(rules, kind)
        if kind_rules is None:
            what = "images" if kind in ("image", "gif") else "videos"
            _add(out, m, "media-not-supported", f'{name} takes no {what}: "{m.item.name}" is {_a(kind)}')
            continue
        if kind_rules.formats is not None and m.format is not None and m.format not in kind_rules.formats:
            taken = ", ".join(sorted(kind_rules.formats))
            _add(
                out,
                m,
                "media-not-supported",
                f'"{m.item.name}" is {m.format}; {name} takes {_plural(kind)} in {taken} only: convert it',
            )
        if first_kind is None:
            first_kind = counted
        elif counted != first_kind and not counts.mix:
            _add(
                out,
                m,
                "media-not-supported",
                f'"{m.item.name}" is {_a(kind)}, after {_plural(first_kind)}: {name} does not mix them '
                f"in one post (it takes {counts.described})",
                count_sev,
            )
        seen[counted] += 1
        limit = {"image": counts.images, "video": counts.videos, "gif": counts.gifs}[counted]
        if limit is not None and seen[counted] == limit + 1:
            _add(
                out,
                m,
                "media-count",
                f"{_count(seen[counted], counted)} for {name}, over its limit of {limit}; "
                f"it takes {counts.described}",
                count_sev,
            )
        elif counts.total is not None and index == counts.total:
            _add(
                out,
                m,
                "media-count",
                f"{len(usable)} items for {name}, over its limit of {counts.total}",
                count_sev,
            )
        if m.figures is not None:
            _figure_problems(m, kind_rules, kind, name, out)
        alt = rules.alt
        if alt is not None and kind in alt.kinds:
            item = m.item
            if not item.alt:
                missing_alt.setdefault(id(item), []).append(name)
            elif alt.max_length is not None and len(item.alt) > alt.max_length:
                over = len(item.alt) - alt.max_length
                out.append(
                    problem(
                        item.alt_loc or item.loc or Loc("", 1, 1),
                        "alt-too-long",
                        f"alt text of {len(item.alt):,} characters, over {name}'s limit of "
                        f"{alt.max_length:,}; shorten it by {over:,}",
                    )
                )


def _figure_problems(m: Media, rules: KindRules, kind: str, name: str, out: list[Problem]) -> None:
    figures = m.figures
    assert figures is not None
    shown = f'"{m.item.name}"'
    bound = rules.max_bytes
    if bound is not None:
        wrong = _outside(figures.bytes, bound)
        if wrong:
            unit = bound.high if wrong == "high" else bound.low
            assert unit is not None
            _add(
                out,
                m,
                "media-too-large",
                f"{shown} is {_size(figures.bytes, unit)}, {'over' if wrong == 'high' else 'under'} "
                f"{name}'s {'limit' if wrong == 'high' else 'minimum'} of {_size(unit, unit)} for {_a(kind)}"
                f"{_note(bound)}; {'compress it' if wrong == 'high' else 'use a larger file'}",
                _sev(bound),
            )
    w, h = figures.width, figures.height
    if w is not None and h is not None and w > 0 and h > 0:
        size = f"{w}×{h} px"
        checks = (
            ("width", rules.side, w),
            ("height", rules.side, h),
            ("width", rules.width, w),
            ("height", rules.height, h),
            ("pixels", rules.pixels, w * h),
        )
        for what, bnd, value in checks:
            if bnd is not None and (wrong := _outside(value, bnd)):
                _add(
                    out,
                    m,
                    "bad-dimensions",
                    f"{shown} is {size}: its {what} is {_beyond(value, bnd, wrong, what, name)}{_note(bnd)}",
                    _sev(bnd),
                )
                break
        bnd = rules.aspect
        if bnd is not None and (wrong := _outside(w / h, bnd)):
            _add(
                out,
                m,
                "bad-dimensions",
                f"{shown} is {size}, an aspect ratio of {w / h:.2f}; on {name} it must be {_aspect_text(bnd)}"
                f"{_note(bnd)}: crop it",
                _sev(bnd),
            )
    bnd = rules.frames
    if bnd is not None and figures.frames is not None and (wrong := _outside(figures.frames, bnd)):
        _add(
            out,
            m,
            "bad-dimensions",
            f"{shown} has {figures.frames:,} frames, over {name}'s {bnd.high:,.0f}{_note(bnd)}",
            _sev(bnd),
        )
    bnd = rules.duration
    if bnd is not None and figures.duration is not None and (wrong := _outside(figures.duration, bnd)):
        _add(
            out,
            m,
            "bad-duration",
            f"{shown} lasts {_duration(figures.duration)}; on {name} a video lasts {_duration_range(bnd)}"
            f"{_note(bnd)}",
            _sev(bnd),
        )


def _kind_rules(rules: MediaRules, kind: str) -> KindRules | None:
    if kind == "gif":
        return rules.gif or rules.image
    return rules.image if kind == "image" else rules.video


def _types_of(pid: str, rules: MediaRules) -> frozenset[str]:
    platform = rules_for(rules.platform)
    return platform.types if platform is not None and platform.types is not None else frozenset()


def _add(out: list[Problem], m: Media, code: str, message: str, severity: Severity | None = None) -> None:
    assert m.item.loc is not None
    out.append(problem(m.item.loc, code, message, severity))


def _outside(value: float, bound: Bound) -> str:
    if bound.low is not None and value < bound.low:
        return "low"
    if bound.high is not None and value > bound.high:
        return "high"
    return ""


def _sev(bound: Bound) -> Severity | None:
    return None if bound.firm else Severity.WARNING


def _note(bound: Bound) -> str:
    extra = " (a recommendation)" if not bound.firm and not bound.note else ""
    return f" ({bound.note})" if bound.note else extra


def _beyond(value: int, bound: Bound, wrong: str, what: str, name: str) -> str:
    unit = "pixels" if what == "pixels" else "px"
    if wrong == "high":
        return f"{value:,} {unit}, over the {bound.high:,.0f} {unit} limit of {name}"
    return f"{value:,} {unit}, under the {bound.low:,.0f} {unit} minimum of {name}"


def _aspect_text(bound: Bound) -> str:
    if bound.low is not None and bound.high is not None:
        return f"{bound.low:.2f} to {bound.high:.2f} (width / height)"
    if bound.high is not None:
        return f"at most {bound.high:.2f} (width / height)"
    return f"at least {bound.low:.2f} (width / height)"


def _size(value: float, like: float) -> str:
    from cmcal.platforms.media_rules import GB, MB, MIB

    if like >= GB and like % GB == 0:
        return f"{value / GB:.1f} GB".replace(".0 GB", " GB")
    if like >= MIB and like % MIB == 0:
        return f"{value / MIB:.1f} MiB".replace(".0 MiB", " MiB")
    if like >= MB:
        return f"{value / MB:.1f} MB".replace(".0 MB", " MB")
    return f"{value / 1000:.0f} KB"


def _duration(seconds: float) -> str:
    if seconds >= 60:
        minutes, rest = divmod(round(seconds), 60)
        return f"{minutes} min {rest} s" if rest else f"{minutes} min"
    return f"{seconds:g} s"


def _duration_range(bound: Bound) -> str:
    if bound.low is not None and bound.high is not None:
        return f"{_duration(bound.low)} to {_duration(bound.high)}"
    if bound.high is not None:
        return f"at most {_duration(bound.high)}"
    assert bound.low is not None
    return f"at least {_duration(bound.low)}"


def _a(kind: str) -> str:
    return {"image": "an image", "gif": "an animated GIF", "video": "a video"}[kind]


def _plural(kind: str) -> str:
    return {"image": "images", "gif": "animated GIFs", "video": "videos"}[kind]


def _count(n: int, kind: str) -> str:
    return f"{n} {_plural(kind)}" if n != 1 else f"1 {kind}"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + _(" and ") + names[-1]
