"""Highlights: the longest entry, the first and the last (titles and dates, never text)."""

from __future__ import annotations

from wrapped.canvas import Canvas, Palette, shorten
from wrapped.easing import ease_out, mix, phase
from wrapped.scenes.base import Scene


class Highlights(Scene):
    name = "highlights"
    label = "the highlights"
    kicker = "Highlights"
    palette = Palette((14, 40, 60), (30, 70, 90), (80, 210, 200), (255, 190, 110))
    card = (245, 240, 232)
    card_ink = (30, 34, 48)

    def seconds(self) -> float:
        return 6.0

    def headline(self) -> str:
        starred = self.stats.starred
        return f"{starred} entr{'y' if starred == 1 else 'ies'} you starred" if starred else "Moments that stood out"

    def cards(self) -> list[tuple[str, str, str]]:
        s = self.stats
        rows = [("Longest entry", s.longest_entry.title, f"{s.longest_entry.day:%-d %B} · {s.longest_entry.words:,} words"),
                ("First entry", s.first_entry.title, f"{s.first_entry.day:%-d %B}"),
                ("Last entry", s.last_entry.title, f"{s.last_entry.day:%-d %B}")]
        if s.top_locations:
            place, n = s.top_locations[0]
            rows.append(("Written most in", place, f"{n} entr{'y' if n == 1 else 'ies'}"))
        return rows

    def draw(self, draw, c: Canvas, frame: int, frames: int) -> None:
        t = frame / frames
        left, top, right, bottom = c.content_box()
        cards = self.cards()
        gap = c.px(18)
        h = (bottom - top - gap * (len(cards) - 1)) / len(cards)
        for i, (kind, title, detail) in enumerate(cards):
            k = ease_out(phase(t, 0.1 * i, 0.4 + 0.1 * i))
            if k <= 0:
                continue
            y = top + i * (h + gap)
            x = left + (1 - k) * (right - left) * 0.4
            bg = self.palette.bg_at(y / c.height)
            draw.rounded_rectangle((x, y, right, y + h), radius=c.px(16), fill=mix(bg, self.card, k))
            pad = c.px(22)
            size = h / c.unit
            draw.text((x + pad, y + h * 0.10), kind.upper(), font=c.font(size * 0.16, bold=True),
                      fill=mix(bg, self.palette.accent, k))
            f = c.font(min(34, size * 0.28), bold=True)
            draw.text((x + pad, y + h * 0.32), shorten(title, f, int(right - x - 2 * pad)), font=f,
                      fill=mix(bg, self.card_ink, k))
            draw.text((x + pad, y + h * 0.68), detail, font=c.font(size * 0.17), fill=mix(bg, (90, 96, 110), k))
