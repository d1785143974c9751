"""Share images: the year on one phone screen (a 1080x1920 story) and a 1200x630 link card.

Pure drawing from the statistics: the same facts as the video (never entry text), the same
personality, palette family, mood scale and headline figures as the end card, the same fonts and
readable colours.
"""

from __future__ import annotations

from datetime import date

from PIL import Image, ImageDraw, ImageFont

from wrapped.personality import personality_of
from wrapped.stats import YearStats
from wrapped.video.canvas import Canvas, Palette, shorten, thousands
from wrapped.video.easing import mix
from wrapped.video.pixels import day_colours
from wrapped.video.theme import family_of

STORY_SIZE = (1080, 1920)
CARD_SIZE = (1200, 630)


def headline_figures(s: YearStats) -> list[tuple[str, str, int | None]]:
    """The year's three headline figures as (shown, label, number to count up to), never a zero:
    entries, then words (or days written, in a year without words), then the streak when it is
    worth saying (else days written, else places)."""
    figures: list[tuple[str, str, int | None]] = [
        (thousands(s.entries), "entry" if s.entries == 1 else "entries", s.entries)
    ]
    days = (str(s.days_written), "day written" if s.days_written == 1 else "days written", s.days_written)
    figures.append((thousands(s.words), "words", s.words) if s.words else days)
    streak = s.longest_streak.days if s.longest_streak else 0
    if streak >= 3:
        figures.append((str(streak), "day streak", streak))
    elif s.words and s.days_written != s.entries:
        figures.append(days)
    elif s.top_tags:
        figures.append((str(len(s.top_tags)), "tags" if len(s.top_tags) > 1 else "tag", len(s.top_tags)))
    elif s.words:
        figures.append((f"{s.average_words:.0f}", "words an entry", round(s.average_words)))
    return figures[:3]


def figure_font(
    c: Canvas, figures: list[tuple[str, str, int | None]], units: float, column: float
) -> ImageFont.FreeTypeFont:
    """One size for the three figures (the largest in which each fits its column), so they line up."""
    return min((c.fitted_font(value, units, round(column - c.px(12)), bold=True) for value, _, _ in figures),
               key=lambda f: f.size)  # fmt: skip


def _palette(stats: YearStats) -> Palette:
    return family_of(stats).palette(0)


def story_image(stats: YearStats) -> Image.Image:
    c = Canvas(*STORY_SIZE)
    palette = _palette(stats)
    image = c.gradient(palette)
    draw = ImageDraw.Draw(image)
    who = personality_of(stats)
    left, top, right, bottom = c.safe()
    width = right - left
    cx = (left + right) / 2
    y: float = top
    c.text(image, (cx, y), f"MY {stats.year} IN WRITING", c.font(28, bold=True), palette.accent2, anchor="ma")
    year_font = c.fitted_font(str(stats.year), 200, width, bold=True)
    y += c.px(46) + year_font.size * 0.5
    c.text(image, (cx, y), str(stats.year), year_font, palette.ink, anchor="mm")
    y += year_font.size * 0.55 + c.px(18)
    name_font = c.fitted_font(who.name, 60, width, bold=True)
    c.text(image, (cx, y), shorten(who.name, name_font, width), name_font, palette.accent2, anchor="ma")
    y += name_font.size + c.px(14)
    line_font = c.fitted_font(who.line, 32, width)
    c.text(image, (cx, y), shorten(who.line, line_font, width), line_font, palette.muted, anchor="ma")
    y += line_font.size + c.px(44)
    figures = headline_figures(stats)
    column = width / len(figures)
    f = figure_font(c, figures, 72, column)
    for i, (value, label, _) in enumerate(figures):
        x = left + column * (i + 0.5)
        c.text(image, (x, y), value, f, palette.ink, anchor="ma")
        c.text(image, (x, y + f.size + c.px(12)), label, c.font(26), palette.muted, anchor="ma")
    y += f.size + c.px(90)
    y = _pixels(image, draw, c, stats, palette, left, y, width)
    facts = [f"#{stats.top_tags[0][0]}" if stats.top_tags else "", f"mostly {stats.moods[0][0]}" if stats.moods else ""]
    line = "  ·  ".join(f for f in facts if f)
    if line:
        f = c.font(30)
        c.text(image, (cx, y + c.px(24)), shorten(line, f, width), f, palette.ink, anchor="ma")
    c.text(image, (cx, bottom), "made with wrapped", c.font(24), palette.muted, anchor="md")
    return image


def _pixels(
    image: Image.Image, draw: ImageDraw.ImageDraw, c: Canvas, stats: YearStats, palette: Palette, left: int,
    top: float, width: int,
) -> float:  # fmt: skip
    """The year in pixels (or by words), 53 weeks across; returns the y under its legend."""
    family = family_of(stats)
    days = day_colours(stats, family.hot, family.warm)
    empty = mix(palette.bg_at(0.6), (255, 255, 255), 0.13)
    offset = date(stats.year, 1, 1).weekday()
    weeks = (offset + stats.days_in_year - 1) // 7 + 1
    cell = width / weeks
    gap = max(1.0, cell * 0.16)
    for index, colour in enumerate(days.colours):
        week, row = divmod(index + offset, 7)
        x, y = left + week * cell, top + row * cell
        draw.rectangle((x, y, x + cell - gap, y + cell - gap), fill=colour or empty)
    y = top + 7 * cell + c.px(20)
    f = c.font(24)
    if days.by_mood:
        x = float(left)
        for word, colour in days.legend:
            if x + f.size + c.px(8) + f.getlength(word) > left + width:
                break
            draw.rounded_rectangle((x, y + 2, x + f.size, y + 2 + f.size), radius=f.size * 0.2, fill=colour)
            c.text(image, (x + f.size + c.px(6), y), word, f, palette.ink)
            x += f.size + c.px(6) + f.getlength(word) + c.px(22)
    else:
        c.text(image, (left, y), "brighter days: more words", f, palette.muted)
    return y + f.size + c.px(10)


def card_image(stats: YearStats) -> Image.Image:
    c = Canvas(*CARD_SIZE)
    palette = _palette(stats)
    image = c.gradient(palette)
    who = personality_of(stats)
    left = c.margin
    split = round(c.width * 0.6)
    width = split - left - c.px(30)
    c.text(image, (left, c.margin), f"MY {stats.year} IN WRITING", c.font(26, bold=True), palette.accent2)
    year_font = c.font(150, bold=True)
    c.text(image, (left - c.px(4), c.margin + c.px(46)), str(stats.year), year_font, palette.ink)
    y = c.margin + c.px(46) + year_font.size + c.px(40)
    name_font = c.fitted_font(who.name, 44, width, bold=True)
    c.text(image, (left, y), shorten(who.name, name_font, width), name_font, palette.accent2)
    line_font = c.font(28)
    c.text(image, (left, y + name_font.size + c.px(14)), shorten(who.line, line_font, width), line_font, palette.ink)
    y = c.margin + c.px(10)
    for value, label, _ in headline_figures(stats):
        f = c.fitted_font(value, 60, c.width - c.margin - split, bold=True)
        c.text(image, (split, y), value, f, palette.ink)
        c.text(image, (split + c.px(4), y + f.size + c.px(6)), label, c.font(24), palette.muted)
        y += c.px(140)
    c.text(image, (c.width - c.margin, c.height - c.px(30)), "made with wrapped", c.font(24), palette.muted,
           anchor="rb")  # fmt: skip
    return image
