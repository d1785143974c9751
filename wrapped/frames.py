"""Frames: a scene's still layer drawn once, its moving parts drawn on a copy for each frame."""

from __future__ import annotations

import threading

import numpy as np
from PIL import Image, ImageDraw

from wrapped.canvas import Canvas
from wrapped.storyboard import Shot, Storyboard

DIP_SECONDS = 0.2  # each scene fades up from dark and back down to it


class FramePainter:
    """Draws any frame of a storyboard. Safe to call from several threads at once."""

    def __init__(self, storyboard: Storyboard, width: int, height: int):
        self.storyboard = storyboard
        self.canvas = Canvas(width, height)
        self._layers: dict[int, Image.Image] = {}
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

    def paint(self, frame: int) -> Image.Image:
        shot = self.storyboard.shot_at(frame)
        local = frame - shot.start
        image = self.still_layer(shot).copy()
        shot.scene.draw(ImageDraw.Draw(image), self.canvas, local, shot.frames)
        light = min(1.0, (local + 1) / self._dip, (shot.frames - local) / self._dip)
        if light < 1.0:
            image = image.point([int(i * light) for i in range(256)] * 3)
        return image

    def frame_array(self, frame: int) -> np.ndarray:
        return np.asarray(self.paint(frame))
