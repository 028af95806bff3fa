"""The media a post publishes, checked against the files and each platform's rules (README, "Media").

Each item is checked once for what it is (`missing-media`, `media-outside`, `bad-media`, `media-not-fetched`),
then once per platform the post goes to: kinds and formats (`media-not-supported`), items per post
(`media-count`), bytes (`media-too-large`), pixels (`bad-dimensions`), durations (`bad-duration`) and
alternative text (`missing-alt`, `alt-too-long`). A post with no `type` takes it from its media.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from cmcal.i18n import _, current, ngettext
from cmcal.i18n.formats import number
from cmcal.model import Calendar, MediaItem, Post
from cmcal.platforms.rules import rules_for
from cmcal.problems import Code, Loc, Problem, Severity, problem

if TYPE_CHECKING:  # imported where used: a calendar without media never loads the media modules
    from cmcal.model.planning import Idea
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
    loc = post.platforms_loc
    assert loc is not None
    for pid in platforms:
        account = calendar.platforms.get(pid)
        rules = rules_for(account.kind) if account is not None and account.kind else None
        if rules is not None and rules.media_required and not post.media_for(pid):
            out.append(
                problem(
                    loc,
                    Code.NO_MEDIA,
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
                Code.MISSING_ALT,
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
                    Code.MEDIA_NOT_FETCHED,
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
                    Code.BAD_MEDIA,
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
                    Code.MEDIA_NOT_SUPPORTED,
                    _('a {type} post publishes a video; "{name}" is an image').format(
                        type=explicit, name=m.item.name
                    ),
                )
    elif explicit in _IMAGE_TYPES or explicit == "carousel":
        for m in usable:
            if m.kind == "video":
                _add(
                    out,
                    m,
                    Code.MEDIA_NOT_SUPPORTED,
                    _('a {type} post publishes images; "{name}" is a video').format(
                        type=explicit, name=m.item.name
                    ),
                )
    elif explicit == "text":
        first = media[0]
        _add(
            out,
            first,
            Code.MEDIA_NOT_SUPPORTED,
            _("a text post publishes no media; remove `media` or set another type"),
        )
    if explicit in _IMAGE_TYPES and len(media) > 1 and "carousel" in _types_of(pid, rules):
        _add(
            out,
            media[1],
            Code.MEDIA_COUNT,
            _("a {type} post publishes 1 image on {name}; make it `type: carousel` or keep one").format(
                type=explicit, name=name
            ),
        )
    if explicit == "carousel" and len(media) < 2:
        _add(
            out,
            media[0],
            Code.MEDIA_COUNT,
            _("a carousel on {name} needs at least 2 items; add one or set `type: photo`").format(name=name),
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
            message = (
                _('{platform} takes no images: "{name}" is {kind}')
                if kind in ("image", "gif")
                else _('{platform} takes no videos: "{name}" is {kind}')
            )
            _add(
                out,
                m,
                Code.MEDIA_NOT_SUPPORTED,
                message.format(platform=name, name=m.item.name, kind=_a(kind)),
            )
            continue
        if kind_rules.formats is not None and m.format is not None and m.format not in kind_rules.formats:
            taken = ", ".join(sorted(kind_rules.formats))
            _add(
                out,
                m,
                Code.MEDIA_NOT_SUPPORTED,
                _('"{name}" is {format}; {platform} takes {kinds} in {taken} only: convert it').format(
                    name=m.item.name, format=m.format, platform=name, kinds=_plural(kind), taken=taken
                ),
            )
        if first_kind is None:
            first_kind = counted
        elif counted != first_kind and not counts.mix:
            _add(
                out,
                m,
                Code.MEDIA_NOT_SUPPORTED,
                _(
                    '"{name}" is {kind}, after {kinds}: {platform} does not mix them in one post (it takes '
                    "{takes})"
                ).format(
                    name=m.item.name,
                    kind=_a(kind),
                    kinds=_plural(first_kind),
                    platform=name,
                    takes=_(counts.described),
                ),
                count_sev,
            )
        seen[counted] += 1
        limit = {"image": counts.images, "video": counts.videos, "gif": counts.gifs}[counted]
        if limit is not None and seen[counted] == limit + 1:
            _add(
                out,
                m,
                Code.MEDIA_COUNT,
                _("{count} for {platform}, over its limit of {limit}; it takes {takes}").format(
                    count=_count(seen[counted], counted),
                    platform=name,
                    limit=limit,
                    takes=_(counts.described),
                ),
                count_sev,
            )
        elif counts.total is not None and index == counts.total:
            _add(
                out,
                m,
                Code.MEDIA_COUNT,
                _("{n} items for {platform}, over its limit of {limit}").format(
                    n=len(usable), platform=name, limit=counts.total
                ),
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
                        Code.ALT_TOO_LONG,
                        _(
                            "alt text of {length} characters, over {platform}'s limit of {limit}; shorten it "
                            "by {over}"
                        ).format(
                            length=number(len(item.alt)),
                            platform=name,
                            limit=number(alt.max_length),
                            over=number(over),
                        ),
                    )
                )


def _shown(m: Media) -> str:
    return _('"{name}"').format(name=m.item.name)


def _px(width: int, height: int) -> str:
    return _("{width}×{height} px").format(width=width, height=height)


def _figure_problems(m: Media, rules: KindRules, kind: str, name: str, out: list[Problem]) -> None:
    figures = m.figures
    assert figures is not None
    bound = rules.max_bytes
    if bound is not None:
        wrong = _outside(figures.bytes, bound)
        if wrong:
            unit = bound.high if wrong == "high" else bound.low
            assert unit is not None
            message = (
                _("{shown} is {size}, over {platform}'s limit of {bound} for {kind}{note}; compress it")
                if wrong == "high"
                else _(
                    "{shown} is {size}, under {platform}'s minimum of {bound} for {kind}{note}; use a larger "
                    "file"
                )
            )
            _add(
                out,
                m,
                Code.MEDIA_TOO_LARGE,
                message.format(
                    shown=_shown(m),
                    size=_size(figures.bytes, unit),
                    platform=name,
                    bound=_size(unit, unit),
                    kind=_a(kind),
                    note=_note(bound),
                ),
                _sev(bound),
            )
    w, h = figures.width, figures.height
    if w is not None and h is not None and w > 0 and h > 0:
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
                    Code.BAD_DIMENSIONS,
                    _("{shown} is {size}: {its} is {beyond}{note}").format(
                        shown=_shown(m),
                        size=_px(w, h),
                        its=_its(what),
                        beyond=_beyond(value, bnd, wrong, what, name),
                        note=_note(bnd),
                    ),
                    _sev(bnd),
                )
                break
        bnd = rules.aspect
        if bnd is not None and (wrong := _outside(w / h, bnd)):
            _add(
                out,
                m,
                Code.BAD_DIMENSIONS,
                _(
                    "{shown} is {size}, an aspect ratio of {ratio}; on {platform} it must be {range}{note}: "
                    "crop it"
                ).format(
                    shown=_shown(m),
                    size=_px(w, h),
                    ratio=_decimal(w / h, 2),
                    platform=name,
                    range=_aspect_text(bnd),
                    note=_note(bnd),
                ),
                _sev(bnd),
            )
    bnd = rules.frames
    if bnd is not None and figures.frames is not None and (wrong := _outside(figures.frames, bnd)):
        _add(
            out,
            m,
            Code.BAD_DIMENSIONS,
            _("{shown} has {frames} frames, over {platform}'s {limit}{note}").format(
                shown=_shown(m),
                frames=number(figures.frames),
                platform=name,
                limit=number(bnd.high or 0),
                note=_note(bnd),
            ),
            _sev(bnd),
        )
    bnd = rules.duration
    if bnd is not None and figures.duration is not None and (wrong := _outside(figures.duration, bnd)):
        _add(
            out,
            m,
            Code.BAD_DURATION,
            _("{shown} lasts {duration}; on {platform} a video lasts {range}{note}").format(
                shown=_shown(m),
                duration=_duration(figures.duration),
                platform=name,
                range=_duration_range(bnd),
                note=_note(bnd),
            ),
            _sev(bnd),
        )


def _kind_rules(rules: MediaRules, kind: str) -> KindRules | None:
    if kind == "gif":
        return rules.gif or rules.image
    return rules.image if kind == "image" else rules.video


def _types_of(pid: str, rules: MediaRules) -> frozenset[str]:
    platform = rules_for(rules.platform)
    return platform.types if platform is not None and platform.types is not None else frozenset()


def _add(out: list[Problem], m: Media, code: Code, message: str, severity: Severity | None = None) -> None:
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
    """A bound's note (`platforms.media_rules` marks it for the catalog), in the language in force."""
    if bound.note:
        return _(" ({note})").format(note=_(bound.note))
    return "" if bound.firm else _(" (a recommendation)")


def _its(what: str) -> str:
    return {"width": _("its width"), "height": _("its height")}.get(what) or _("its pixels")


def _beyond(value: int, bound: Bound, wrong: str, what: str, name: str) -> str:
    if wrong == "high":
        message = (
            _("{value} pixels, over the {bound} pixels limit of {platform}")
            if what == "pixels"
            else _("{value} px, over the {bound} px limit of {platform}")
        )
        return message.format(value=number(value), bound=number(bound.high or 0), platform=name)
    message = (
        _("{value} pixels, under the {bound} pixels minimum of {platform}")
        if what == "pixels"
        else _("{value} px, under the {bound} px minimum of {platform}")
    )
    return message.format(value=number(value), bound=number(bound.low or 0), platform=name)


def _aspect_text(bound: Bound) -> str:
    if bound.low is not None and bound.high is not None:
        return _("{low} to {high} (width / height)").format(
            low=_decimal(bound.low, 2), high=_decimal(bound.high, 2)
        )
    if bound.high is not None:
        return _("at most {high} (width / height)").format(high=_decimal(bound.high, 2))
    assert bound.low is not None
    return _("at least {low} (width / height)").format(low=_decimal(bound.low, 2))


def _decimal(value: float, digits: int) -> str:
    """`value` rounded to `digits` decimals as Python rounds it, then written as the language in force does
    (English exactly as `f"{value:.2f}"`: no thousands separator)."""
    shown = f"{value:.{digits}f}"
    if current().is_source:
        return shown
    return number(float(shown), digits)


def _size(value: float, like: float) -> str:
    from cmcal.platforms.media_rules import GB, MB, MIB

    if like >= GB and like % GB == 0:
        return _unit(value / GB, _("{n} GB"))
    if like >= MIB and like % MIB == 0:
        return _unit(value / MIB, _("{n} MiB"))
    if like >= MB:
        return _unit(value / MB, _("{n} MB"))
    return _("{n} KB").format(n=_decimal(value / 1000, 0))


def _unit(value: float, unit: str) -> str:
    """One decimal, dropped when it is 0: `1.5 GB`, `2 GB`."""
    shown = f"{value:.1f}"
    return unit.format(n=shown[:-2] if shown.endswith(".0") else _decimal(value, 1))


def _duration(seconds: float) -> str:
    if seconds >= 60:
        minutes, rest = divmod(round(seconds), 60)
        if rest:
            return _("{minutes} min {seconds} s").format(minutes=minutes, seconds=rest)
        return _("{minutes} min").format(minutes=minutes)
    shown = f"{seconds:g}"
    return _("{seconds} s").format(seconds=shown if current().is_source else shown.replace(".", ","))


def _duration_range(bound: Bound) -> str:
    if bound.low is not None and bound.high is not None:
        return _("{low} to {high}").format(low=_duration(bound.low), high=_duration(bound.high))
    if bound.high is not None:
        return _("at most {high}").format(high=_duration(bound.high))
    assert bound.low is not None
    return _("at least {low}").format(low=_duration(bound.low))


def _a(kind: str) -> str:
    return {"image": _("an image"), "gif": _("an animated GIF")}.get(kind) or _("a video")


def _plural(kind: str) -> str:
    return {"image": _("images"), "gif": _("animated GIFs")}.get(kind) or _("videos")


def _count(n: int, kind: str) -> str:
    if kind == "image":
        return ngettext("{n} image", "{n} images", n).format(n=n)
    if kind == "gif":
        return ngettext("{n} gif", "{n} animated GIFs", n).format(n=n)
    return ngettext("{n} video", "{n} videos", n).format(n=n)


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + _(" and ") + names[-1]
