"""`cmcal diff` (what changed between two git revisions, by meaning) and `cmcal textconv` (for `git diff`).

Exit codes of `diff`: 0 the diff was produced (changes or not); 1 a side has problems (a file that does not
parse, a post that could not be built) that may hide part of the diff — the diff of the rest is still shown;
2 usage (unknown option, mistyped revision, a path on neither side); 3 git failure (git missing, not a
repository, a revision that cannot be read) or a file that could not be read (README, "Files that cannot be
read"). `textconv` always exits 0.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand

from cmcal.bounds import MAX_DAYS
from cmcal.cli.options import (
    EXIT_OK,
    TodayOpt,
    console,
    exit_code,
    one_of,
    parse_today,
    paths_or_default,
    speak,
    today_for,
)

if TYPE_CHECKING:
    pass

_PATHS = "cmcal.diff.paths"


class _PathsAfterDashes(TyperCommand):
    """Keeps the arguments after `--` apart, as git does: `cmcal diff main -- calendars/nordlys`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if "--" in args:
            cut = args.index("--")
            ctx.meta[_PATHS] = args[cut + 1 :]
            args = args[:cut]
        return list(super().parse_args(ctx, args))

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [self.options_metavar or "[OPTIONS]", "[BASE [HEAD]]", "[-- PATH...]"]


def diff(
    ctx: typer.Context,
    revisions: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[BASE [HEAD]]",
            help="Git revisions to compare (default: HEAD and the working tree). BASE...HEAD compares "
            "HEAD with the merge base, as a pull request does. Paths go after --.",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="table, json or markdown.", metavar="FORMAT")
    ] = "table",
    horizon: Annotated[
        int,
        typer.Option(
            "--horizon",
            min=1,
            max=MAX_DAYS,
            metavar="DAYS",
            help="Compare habit gaps from today over this many days.",
        ),
    ] = 14,
    today: TodayOpt = None,
) -> None:
    """What changed between two revisions: posts added, removed, moved, edited; habits; gaps."""
    from contextlib import ExitStack

    from cmcal.check.render import text as problems_text
    from cmcal.errors import UsageError
    from cmcal.files.loader import DiskSource, Source, norm
    from cmcal.review import render
    from cmcal.review.diff import compare
    from cmcal.review.git import load_tree, open_repo, sides

    one_of(format, render.FORMATS, "--format")
    revs = list(revisions or [])
    if len(revs) > 2:
        from cmcal.i18n import _

        raise typer.BadParameter(
            _("{n} revisions given; give at most BASE and HEAD, and put paths after --: {command}").format(
                n=len(revs), command=f"cmcal diff {' '.join(revs[:2])} -- {' '.join(revs[2:])}"
            ),
            param_hint="[BASE [HEAD]]",
        )
    fixed = parse_today(today)
    paths = paths_or_default(ctx.meta.get(_PATHS))
    repo = open_repo(".")
    (base_commit, base_name), (head_commit, head_name) = sides(repo, revs)
    with ExitStack() as stack:
        base_source: Source = stack.enter_context(repo.source(base_commit))
        head_source: Source = (
            DiskSource() if head_commit is None else stack.enter_context(repo.source(head_commit))
        )
        for path in paths:
            if not base_source.exists(norm(path)) and not head_source.exists(norm(path)):
                from cmcal.i18n import _

                raise UsageError(
                    _("{path}: no such file or folder in {base} nor {head}").format(
                        path=path, base=_side(base_name), head=_side(head_name)
                    )
                )
        base = load_tree(paths, base_source)
        head = load_tree(paths, head_source)
        speak(head)
    result = compare(base, head, today_for(fixed), horizon, base_name, head_name)
    if format == "json":
        sys.stdout.write(render.as_json(result))
    else:
        if format == "markdown":
            sys.stdout.write(render.markdown(result))
        else:
            console().print(render.table(result))
        sys.stderr.write(problems_text(result.problems))
    raise typer.Exit(exit_code(result.problems, result.has_errors))


def _side(name: str | None) -> str:
    from cmcal.i18n import _

    return name if name is not None else _("the working tree")


def textconv(
    file: Annotated[
        str,
        typer.Argument(metavar="FILE", help="The calendar file git gives (a temporary copy of one side)."),
    ],
) -> None:
    """A stable plain-text rendering of one calendar file, for git diff (never fails: a file it cannot read
    is printed as it is). Set up: `*.yaml diff=cmcal` in .gitattributes and
    `git config diff.cmcal.review.textconv "cmcal textconv"`."""
    from cmcal.files.loader import DiskSource
    from cmcal.files.source import Refused

    try:
        data = DiskSource().read(file)  # a regular file, never blocking, at most the size bound
    except Refused as refused:
        # Exit 0 all the same: git aborts the whole diff when a textconv command fails.
        from cmcal.i18n import _

        why = _("cannot read the file: {why}").format(why=refused.reason)
        sys.stderr.write(f"cmcal: {file}: {why}\n")
        if refused.kind == "too-large":
            sys.stdout.write(_("(cmcal textconv: {why}; not shown)").format(why=refused.reason) + "\n")
        raise typer.Exit(EXIT_OK) from None
    from cmcal.review.textconv import render

    sys.stdout.flush()
    sys.stdout.buffer.write(render(data, file).encode("utf-8", "surrogateescape"))
    sys.stdout.flush()


def register(app: typer.Typer) -> None:
    app.command(cls=_PathsAfterDashes)(diff)
    app.command()(textconv)
