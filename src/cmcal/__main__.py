"""`cmcal` and `python -m cmcal`: one place that turns every outcome into an exit code, never a traceback."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:  # answered before Typer is imported: it is the one call scripts make in a loop
        from cmcal.version import __version__

        sys.stdout.write(f"cmcal {__version__}\n")
        return 0
    if "cmcal.cli.app" not in sys.modules:
        import gc

        # Importing makes thousands of long-lived objects (classes, functions, modules) that the cyclic
        # collector would scan again and again: pause it, then freeze them so that later collections skip
        # them. Once a process: a second call (a test, a tool calling main) has nothing new to freeze.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            import cmcal.cli.app  # noqa: F401
        finally:
            gc.freeze()
            if was_enabled:
                gc.enable()
    from cmcal.cli.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
