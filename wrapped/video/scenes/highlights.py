"""Highlights: the longest entry, the first and the last (titles and dates, never text)."""

from __future__ import annotations

from PIL import Image, ImageDraw

from wrapped.video.canvas import Canvas, Palette, shorten
from wrapped.video.easing import ease_out, phase
from wrapped.video.scenes.base import Scene


class Highlights(Scene):
    name = "highlights"
    label = "the highlights"
    kicker = "Highlights"
    palette = Palette((14, 40, 60), (30, 70, 90), (80, 210, 200), (255, 190, 110))
    card = (245, 240, 232)
    card_ink = (30, 34, 48)
    card_muted = (78, 84, 98)  # 6.4:1 on the card

    def seconds(self) -> float:
        return 6.0

    def headline(self) -> str:
        starred = self.stats.starred
        return f"{starred} entr{'y' if starred == 1 else 'ies'} you starred" if starred else "Moments that stood out"

    def cards(self) -> list[tuple[str, str, str]]:
        s = self.stats
        rows = [
            ("Longest entry", s.longest_entry.title, f"{s.longest_entry.day:%-d %B} · {s.longest_entry.words:,} words"),
            ("First entry", s.first_entry.title, f"{s.first_entry.day:%-d %B}"),
            ("Last entry", s.last_entry.title, f"{s.last_entry.day:%-d %B}"),
        ]
        if s.top_locations:
            place, n = s.top_locations[0]
            rows.append(("Written most in", place, f"{n} entr{'y' if n == 1 else 'ies'}"))
        return rows

    def layout(self, c: Canvas) -> list[tuple[int, int, int, int]]:
        """Each card's final box (left, top, right, bottom)."""
        left, top, right, bottom = c.content_box()
        count = len(self.cards())
        gap = c.px(18)
        h = (bottom - top - gap * (count - 1)) / count
        return [(left, round(top + i * (h + gap)), right, round(top + i * (h + gap) + h)) for i in range(count)]

    def sprites(self, c: Canvas) -> list[Image.Image]:
        """Each card drawn once, on a transparent ground so its round corners show the background."""
        cache = self.__dict__.setdefault("_sprites", {})
        if (c.width, c.height) not in cache:
            cache[(c.width, c.height)] = [
                self._card(c, box, *card) for box, card in zip(self.layout(c), self.cards(), strict=True)
            ]
        return cache[(c.width, c.height)]

    def _card(self, c: Canvas, box: tuple[int, int, int, int], kind: str, title: str, detail: str) -> Image.Image:
        """Two lines: what the card is and when ("LONGEST ENTRY · 1 July · 419 words"), then the title."""
        w, h = box[2] - box[0], box[3] - box[1]
        card = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        draw = ImageDraw.Draw(card)
        draw.rounded_rectangle((0, 0, w - 1, h - 1), radius=c.px(16), fill=self.card)
        pad = c.px(22)
        small = c.font(24)
        title_font = c.font(min(36, max(24, h / c.unit * 0.3)), bold=True, script=True)
        gap = max(c.px(4), (h - small.size - title_font.size) // 3)
        line = f"{kind.upper()}  ·  {detail}"
        draw.text((pad, gap), shorten(line, small, w - 2 * pad), font=small, fill=self.card_muted)
        draw.text((pad, h - gap - title_font.size), shorten(title, title_font, w - 2 * pad), font=title_font,
                  fill=self.card_ink)  # fmt: skip
        return card

    def draw_frame(self, image: Image.Image, c: Canvas, frame: int, frames: int) -> None:
        """Cards slide in from the right edge one after another: pasted, never redrawn."""
        t = frame / frames
        for i, (box, sprite) in enumerate(zip(self.layout(c), self.sprites(c), strict=True)):
            k = ease_out(phase(t, 0.1 * i, 0.4 + 0.1 * i))
            if k <= 0:
                continue
            x = round(box[0] + (1 - k) * (c.width - box[0]))
            image.paste(sprite, (x, box[1]), sprite)
