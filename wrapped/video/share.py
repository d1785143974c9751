"""Share images: the year on one phone screen (a 1080x1920 story) and a 1200x630 link card.

Pure drawing from the statistics: the same facts as the video (never entry text), the same
personality, the same day colours as the calendar, the same fonts and readable colours.
"""

from __future__ import annotations

from datetime import date

from PIL import Image, ImageDraw

from wrapped.personality import personality_of
from wrapped.stats import YearStats
from wrapped.video.canvas import Canvas, Palette, shorten, thousands
from wrapped.video.pixels import day_colours

STORY_SIZE = (1080, 1920)
CARD_SIZE = (1200, 630)
PALETTE = Palette((30, 14, 66), (104, 26, 96), (180, 90, 255), (255, 200, 110))
EMPTY = (70, 40, 100)


def _figures(s: YearStats) -> list[tuple[str, str]]:
    streak = s.longest_streak.days if s.longest_streak else 0
    return [
        (thousands(s.entries), "entries"),
        (str(s.days_written), "days written"),
        (thousands(s.words), "words"),
        (str(streak), "day streak"),
    ]


def story_image(stats: YearStats) -> Image.Image:
    c = Canvas(*STORY_SIZE)
    image = c.gradient(PALETTE)
    draw = ImageDraw.Draw(image)
    who = personality_of(stats)
    left, right = c.margin, c.width - c.margin
    width = right - left
    y: float = c.margin + c.px(20)
    draw.text((left, y), f"MY {stats.year} IN WRITING", font=c.font(26, bold=True), fill=PALETTE.accent2)
    y += c.px(60)
    year_font = c.font(200, bold=True)
    draw.text((left - c.px(6), y), str(stats.year), font=year_font, fill=PALETTE.ink)
    y += year_font.size + c.px(30)
    name_font = c.fitted_font(who.name, 52, width, bold=True)
    draw.text((left, y), shorten(who.name, name_font, width), font=name_font, fill=PALETTE.accent2)
    y += name_font.size + c.px(14)
    draw.text((left, y), shorten(who.line, c.font(28), width), font=c.font(28), fill=PALETTE.ink)
    y += c.px(90)
    number_font = c.font(64, bold=True)
    column = width / 2
    for i, (number, label) in enumerate(_figures(stats)):
        x = left + (i % 2) * column
        row = y + (i // 2) * c.px(150)
        draw.text((x, row), number, font=number_font, fill=PALETTE.ink)
        draw.text((x, row + number_font.size + c.px(10)), label, font=c.font(26), fill=PALETTE.muted)
    y += 2 * c.px(150) + c.px(30)
    y = _pixels(draw, c, stats, left, y, width)
    facts = [f"#{stats.top_tags[0][0]}" if stats.top_tags else "", f"mostly {stats.moods[0][0]}" if stats.moods else ""]
    line = "  ·  ".join(f for f in facts if f)
    if line:
        draw.text((left, y + c.px(20)), shorten(line, c.font(28), width), font=c.font(28), fill=PALETTE.ink)
    draw.text((left, c.height - c.margin), "made with wrapped", font=c.font(24), fill=PALETTE.muted, anchor="lb")
    return image


def _pixels(draw: ImageDraw.ImageDraw, c: Canvas, stats: YearStats, left: int, top: float, width: int) -> float:
    """The year in pixels (or by words), 53 weeks across; returns the y under its legend."""
    days = day_colours(stats, PALETTE.accent, PALETTE.accent2)
    offset = date(stats.year, 1, 1).weekday()
    weeks = (offset + stats.days_in_year - 1) // 7 + 1
    cell = width / weeks
    gap = max(1.0, cell * 0.16)
    for index, colour in enumerate(days.colours):
        week, row = divmod(index + offset, 7)
        x, y = left + week * cell, top + row * cell
        draw.rectangle((x, y, x + cell - gap, y + cell - gap), fill=colour or EMPTY)
    y = top + 7 * cell + c.px(20)
    f = c.font(24)
    if days.by_mood:
        x = float(left)
        for word, colour in days.legend:
            if x + f.size + c.px(8) + f.getlength(word) > left + width:
                break
            draw.rectangle((x, y + 4, x + f.size - 4, y + f.size), fill=colour)
            draw.text((x + f.size + c.px(6), y), word, font=f, fill=PALETTE.ink)
            x += f.size + c.px(6) + f.getlength(word) + c.px(22)
    else:
        draw.text((left, y), "brighter days: more words", font=f, fill=PALETTE.muted)
    return y + f.size + c.px(10)


def card_image(stats: YearStats) -> Image.Image:
    c = Canvas(*CARD_SIZE)
    image = c.gradient(PALETTE)
    draw = ImageDraw.Draw(image)
    who = personality_of(stats)
    left = c.margin
    split = round(c.width * 0.6)
    width = split - left - c.px(30)
    draw.text((left, c.margin), f"MY {stats.year} IN WRITING", font=c.font(26, bold=True), fill=PALETTE.accent2)
    year_font = c.font(150, bold=True)
    draw.text((left - c.px(4), c.margin + c.px(46)), str(stats.year), font=year_font, fill=PALETTE.ink)
    y = c.margin + c.px(46) + year_font.size + c.px(40)
    name_font = c.fitted_font(who.name, 44, width, bold=True)
    draw.text((left, y), shorten(who.name, name_font, width), font=name_font, fill=PALETTE.accent2)
    draw.text((left, y + name_font.size + c.px(14)), shorten(who.line, c.font(28), width), font=c.font(28),
              fill=PALETTE.ink)  # fmt: skip
    number_font = c.font(60, bold=True)
    y = c.margin + c.px(10)
    for number, label in _figures(stats)[:3] + _figures(stats)[3:]:
        draw.text((split, y), number, font=number_font, fill=PALETTE.ink)
        draw.text((split + c.px(4), y + number_font.size + c.px(6)), label, font=c.font(24), fill=PALETTE.muted)
        y += c.px(140)
    draw.text((c.width - c.margin, c.height - c.px(30)), "made with wrapped", font=c.font(24), fill=PALETTE.muted,
              anchor="rb")  # fmt: skip
    return image
