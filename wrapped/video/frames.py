"""Frames: each scene draws any moment of itself (a cached ground, a cheap moving layer on it);
the painter adds the handover from one scene to the next and the fade up at the very start.

Each scene but the first and the personality reveal pushes in over the one before on its
downbeat (up in a tall frame, from the right in a wide one) while the old one keeps moving: the
two are cut from exact crops, so no seam shows. The reveal cuts in hard, on the beat. The video
fades up from black at its start only: its last frame is the end card, to be screenshotted.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from wrapped.video.canvas import Canvas
from wrapped.video.easing import ease_out
from wrapped.video.scenes.base import Moment
from wrapped.video.storyboard import Shot, Storyboard

HANDOVER_SECONDS = 0.4  # how long the next scene takes to push in
FADE_SECONDS = 0.3  # the fade up at the start
HARD_CUTS = ("personality",)  # scenes that cut in on the beat instead of pushing


class FramePainter:
    """Draws any frame of a storyboard, in any order. Safe to call from several threads at once."""

    def __init__(self, storyboard: Storyboard, width: int, height: int):
        self.storyboard = storyboard
        self.canvas = Canvas(width, height)
        self._handover = max(2, round(HANDOVER_SECONDS * storyboard.fps))
        self._fade = max(1, round(FADE_SECONDS * storyboard.fps))
        self._index = {shot.start: i for i, shot in enumerate(storyboard.shots)}

    def moment(self, shot: Shot, local: int) -> Moment:
        return Moment(local, shot.frames, self.storyboard.fps, self.storyboard.bpm)

    def scene_frame(self, shot: Shot, local: int) -> Image.Image:
        """The shot's own picture at `local` (which may run past its end while the next moves in)."""
        return shot.scene.frame(self.canvas, self.moment(shot, local))

    def pushes_in(self, shot: Shot) -> bool:
        return self._index[shot.start] > 0 and shot.scene.name not in HARD_CUTS

    def paint(self, frame: int) -> Image.Image:
        """Frame `frame` as a new image."""
        shot = self.storyboard.shot_at(frame)
        local = frame - shot.start
        image = self.scene_frame(shot, local)
        if local < self._handover and self.pushes_in(shot):
            before = self.storyboard.shot_at(shot.start - 1)
            old = self.scene_frame(before, before.frames + local)
            image = self._push(old, image, ease_out((local + 1) / (self._handover + 1)))
        if frame < self._fade:
            light = (frame + 1) / (self._fade + 1)
            image = image.point([int(i * light) for i in range(256)] * 3)
        return image

    def _push(self, old: Image.Image, new: Image.Image, k: float) -> Image.Image:
        """`new` pushing `old` out, `k` (0..1) of the way: up in a tall frame, left in a wide one."""
        w, h = old.size
        out = Image.new("RGB", (w, h))
        if self.canvas.portrait:
            shift = round(h * k)
            out.paste(old.crop((0, shift, w, h)), (0, 0))
            out.paste(new.crop((0, 0, w, shift)), (0, h - shift))
        else:
            shift = round(w * k)
            out.paste(old.crop((shift, 0, w, h)), (0, 0))
            out.paste(new.crop((0, 0, shift, h)), (w - shift, 0))
        return out

    def frame_array(self, frame: int) -> np.ndarray:
        """Frame `frame` as an RGB array."""
        return np.asarray(self.paint(frame))
