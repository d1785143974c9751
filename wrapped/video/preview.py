"""A contact sheet: one key frame per scene on one PNG, to judge the look without a player."""

from __future__ import annotations

import io
import math
from pathlib import Path

from PIL import Image, ImageDraw

from wrapped.output import written_atomically
from wrapped.settings import RenderSettings
from wrapped.video.canvas import font
from wrapped.video.frames import FramePainter
from wrapped.video.storyboard import Storyboard

KEY_MOMENT = 0.75  # how far into a scene its key frame is: animations have landed by then


def key_frames(storyboard: Storyboard) -> list[int]:
    return [shot.start + min(shot.frames - 1, int(shot.frames * KEY_MOMENT)) for shot in storyboard.shots]


def contact_sheet(storyboard: Storyboard, settings: RenderSettings, out: Path, thumb_width: int = 480) -> Path:
    painter = FramePainter(storyboard, settings.width, settings.height)
    frames = key_frames(storyboard)
    thumb_height = round(thumb_width * settings.height / settings.width)
    columns = 2 if settings.width > settings.height else 5
    rows = math.ceil(len(frames) / columns)
    label_h, gap = 28, 12
    sheet = Image.new(
        "RGB", (columns * (thumb_width + gap) + gap, rows * (thumb_height + label_h + gap) + gap), (16, 14, 28)
    )
    draw = ImageDraw.Draw(sheet)
    for i, frame in enumerate(frames):
        x = gap + (i % columns) * (thumb_width + gap)
        y = gap + (i // columns) * (thumb_height + label_h + gap)
        sheet.paste(
            painter.paint(frame).resize((thumb_width, thumb_height), Image.Resampling.LANCZOS), (x, y + label_h)
        )
        shot = storyboard.shot_at(frame)
        draw.text(
            (x, y + 4),
            f"{i + 1}. {shot.scene.name}  ({shot.start / storyboard.fps:.1f}s)",
            font=font(16),
            fill=(220, 216, 235),
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    with written_atomically(out) as temp:
        sheet.save(temp, format="PNG")
    return out


def poster_png(storyboard: Storyboard, width: int = 384) -> bytes:
    """A small PNG of the entries scene's key frame, to show beside a finished video."""
    height = round(width * 9 / 16) // 2 * 2
    painter = FramePainter(storyboard, width, height)
    shot = next((s for s in storyboard.shots if s.scene.name == "entries"), storyboard.shots[0])
    buffer = io.BytesIO()
    painter.paint(shot.start + int(shot.frames * KEY_MOMENT)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
