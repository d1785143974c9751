"""Frames: a scene's still layer drawn once, its moving parts drawn on a copy for each frame,
and the motion that hands one scene over to the next.

Each scene (but the first) comes in over the last frame of the one before: a push, a wipe or a
zoom, in turn, so the next scene's colours move in on the downbeat. The video fades up from
black at the start and down to it at the very end; nowhere else.
"""

from __future__ import annotations

import threading

import numpy as np
from PIL import Image

from wrapped.video.canvas import Canvas
from wrapped.video.easing import ease_out
from wrapped.video.storyboard import Shot, Storyboard

HANDOVER_SECONDS = 0.45  # how long the next scene takes to move in
FADE_SECONDS = 0.3  # the fade up at the start and down at the end
HANDOVERS = ("push", "wipe", "zoom")


class FramePainter:
    """Draws any frame of a storyboard. Safe to call from several threads at once."""

    def __init__(self, storyboard: Storyboard, width: int, height: int):
        self.storyboard = storyboard
        self.canvas = Canvas(width, height)
        self._layers: dict[int, Image.Image] = {}
        self._held: dict[int, tuple[Image.Image, np.ndarray]] = {}
        self._lock = threading.Lock()
        self._handover = max(2, round(HANDOVER_SECONDS * storyboard.fps))
        self._fade = max(1, round(FADE_SECONDS * storyboard.fps))
        self._index = {shot.start: i for i, shot in enumerate(storyboard.shots)}

    def still_layer(self, shot: Shot) -> Image.Image:
        with self._lock:
            layer = self._layers.get(shot.start)
            if layer is None:
                layer = shot.scene.background(self.canvas)
                # Keep this layer and the newest other one (drawing threads may straddle a cut):
                # memory stays at two frames' worth however long the video is.
                for start in sorted(self._layers)[:-1]:
                    del self._layers[start]
                self._layers[shot.start] = layer
            return layer

    def settled(self, shot: Shot) -> tuple[Image.Image, np.ndarray]:
        """The frame the shot holds once its animation is over, as image and array: drawn once."""
        with self._lock:
            held = self._held.get(shot.start)
        if held is None:
            image = self._draw(shot, shot.scene.settled_frame(shot.frames))
            held = image, np.asarray(image)
            with self._lock:
                self._held[shot.start] = held
                for start in sorted(self._held)[:-3]:
                    del self._held[start]
        return held

    def _draw(self, shot: Shot, local: int) -> Image.Image:
        image = self.still_layer(shot).copy()
        shot.scene.draw_frame(image, self.canvas, local, shot.frames)
        return image

    def handover(self, shot: Shot) -> str | None:
        """How this shot comes in: None for the first, else push, wipe and zoom in turn."""
        index = self._index[shot.start]
        return None if index == 0 else HANDOVERS[(index - 1) % len(HANDOVERS)]

    def _still(self, frame: int, shot: Shot, local: int) -> bool:
        """True when the frame is the shot's held frame, untouched by motion or fades."""
        return (
            local >= shot.scene.settled_frame(shot.frames)
            and local >= self._handover
            and frame < self.storyboard.total_frames - self._fade
        )

    def paint(self, frame: int) -> Image.Image:
        """Frame `frame` as an image; a held frame is shared, so callers must not draw on it."""
        shot = self.storyboard.shot_at(frame)
        local = frame - shot.start
        held = local >= shot.scene.settled_frame(shot.frames)
        image = self.settled(shot)[0] if held else self._draw(shot, local)
        kind = self.handover(shot)
        if kind is not None and local < self._handover:
            before = self.storyboard.shot_at(shot.start - 1)
            image = self._move_in(self.settled(before)[0], image, kind, ease_out((local + 1) / (self._handover + 1)))
        light = min(1.0, (frame + 1) / self._fade, (self.storyboard.total_frames - frame) / self._fade)
        if light < 1.0:
            image = image.point([int(i * light) for i in range(256)] * 3)
        return image

    def _move_in(self, old: Image.Image, new: Image.Image, kind: str, k: float) -> Image.Image:
        """`new` moving in over `old`, `k` (0..1) of the way."""
        w, h = old.size
        out = old.copy()
        if kind == "push":  # the old scene slides out to the left as the new one pushes in
            shift = round(w * k)
            out.paste(old.crop((shift, 0, w, h)), (0, 0))
            out.paste(new.crop((0, 0, shift, h)), (w - shift, 0))
        elif kind == "wipe":  # the new scene sweeps in from the bottom edge, under a bright line
            edge = round(h * (1 - k))
            out.paste(new.crop((0, edge, w, h)), (0, edge))
            line = max(2, h // 180)
            if 0 < edge < h - line:
                out.paste((255, 255, 255), (0, edge, w, edge + line))
        else:  # zoom: the new scene grows out of the middle
            scale = 0.55 + 0.45 * k
            sw, sh = max(2, round(w * scale)), max(2, round(h * scale))
            small = new.resize((sw, sh), Image.Resampling.BILINEAR) if scale < 1 else new
            out.paste(small, ((w - sw) // 2, (h - sh) // 2))
        return out

    def frame_array(self, frame: int) -> np.ndarray:
        """Frame `frame` as an RGB array; held frames cost nothing after the first."""
        shot = self.storyboard.shot_at(frame)
        local = frame - shot.start
        if self._still(frame, shot, local):
            return self.settled(shot)[1]
        return np.asarray(self.paint(frame))
