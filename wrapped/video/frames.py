"""Frames: a scene's still layer drawn once, its moving parts drawn on a copy for each frame."""

from __future__ import annotations

import threading

import numpy as np
from PIL import Image

from wrapped.video.canvas import Canvas
from wrapped.video.storyboard import Shot, Storyboard

DIP_SECONDS = 0.2  # each scene fades up from dark and back down to it


class FramePainter:
    """Draws any frame of a storyboard. Safe to call from several threads at once."""

    def __init__(self, storyboard: Storyboard, width: int, height: int):
        self.storyboard = storyboard
        self.canvas = Canvas(width, height)
        self._layers: dict[int, Image.Image] = {}
        self._held: dict[int, tuple[Image.Image, np.ndarray]] = {}
        self._lock = threading.Lock()
        self._dip = max(1, round(DIP_SECONDS * storyboard.fps))

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
                for start in sorted(self._held)[:-2]:
                    del self._held[start]
        return held

    def _draw(self, shot: Shot, local: int) -> Image.Image:
        image = self.still_layer(shot).copy()
        shot.scene.draw_frame(image, self.canvas, local, shot.frames)
        return image

    def _light(self, shot: Shot, local: int) -> float:
        return min(1.0, (local + 1) / self._dip, (shot.frames - local) / self._dip)

    def paint(self, frame: int) -> Image.Image:
        """Frame `frame` as an image; a held frame is shared, so callers must not draw on it."""
        shot = self.storyboard.shot_at(frame)
        local = frame - shot.start
        held = local >= shot.scene.settled_frame(shot.frames)
        image = self.settled(shot)[0] if held else self._draw(shot, local)
        light = self._light(shot, local)
        if light < 1.0:
            image = image.point([int(i * light) for i in range(256)] * 3)
        return image

    def frame_array(self, frame: int) -> np.ndarray:
        """Frame `frame` as an RGB array; held frames cost nothing after the first."""
        shot = self.storyboard.shot_at(frame)
        local = frame - shot.start
        if local >= shot.scene.settled_frame(shot.frames) and self._light(shot, local) == 1.0:
            return self.settled(shot)[1]
        return np.asarray(self.paint(frame))
