"""What a media file is, as `headers.probe` reports it (README, "Media"): one definition for the quick
readers (`quick`) and the libraries' path (`headers`), which must give the same `Figures` for a file."""

from __future__ import annotations

from dataclasses import dataclass

from cmcal.value import Value

MAX_GIF_FRAMES = 10_000
"""Frames of an animated GIF counted at most (X refuses more than 350)."""

GIF_FRAMES_UP_TO = 64 * 1024 * 1024
"""Frames are counted only in an animated GIF of at most this many bytes (a larger one is refused by every
platform by its size alone; counting would read its whole length)."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Figures(Value):
    """What a media file is: its kind (`image`, `gif` for an animated GIF, `video`), format and figures."""

    kind: str
    format: str
    """Upper-case format name: JPEG, PNG, GIF, WEBP, BMP, TIFF, HEIC, AVIF, MPO; MP4, MOV, WEBM, MKV, AVI…"""
    bytes: int
    width: int | None = None
    height: int | None = None
    duration: float | None = None
    """Seconds, for a video (and an animated GIF where known)."""
    frames: int | None = None
    """Frames of an animated GIF."""

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "format": self.format,
            "bytes": self.bytes,
            "width": self.width,
            "height": self.height,
            "duration": self.duration,
            "frames": self.frames,
        }
