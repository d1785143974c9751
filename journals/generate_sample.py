"""Writes wrapped/data/sample/, the sample journal that ships in the package: a synthetic but
realistic year of Obsidian-style daily notes.

Run: python journals/generate_sample.py   (seeded: the same notes every time)

The year is 2025, with a few notes from late 2024. It has a January resolution streak, a
summer holiday with no writing, trips to Lisbon and Kyoto, morning and late-night habits,
moods that dip in winter, and entries from two lines to several hundred words.
"""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

SEED = 20251231
OUT = Path(__file__).resolve().parent.parent / "wrapped" / "data" / "sample"

TOPICS = {
    "work": [
        "The sprint review ran long but the demo landed.",
        "Paired with Ana on the billing bug all afternoon.",
        "Wrote the design doc I had been putting off.",
        "Too many meetings; shipped nothing I could point at.",
        "Finally closed the migration ticket.",
        "Interviewed a candidate who asked better questions than I did.",
    ],
    "running": [
        "Easy 6 km along the river before breakfast.",
        "Intervals in the park, legs like lead by the fifth.",
        "Long run, 18 km, the last three felt effortless.",
        "Skipped the run, knee twinging again.",
        "Parkrun PB by eleven seconds.",
    ],
    "family": [
        "Called Mum; she is planting tomatoes again.",
        "Sunday lunch at my sister's, the kids built a fort.",
        "Dad told the story about the boat for the hundredth time and I laughed anyway.",
    ],
    "reading": [
        "Read forty pages of the Le Guin before bed.",
        "Finished the biography; the last chapter was worth it.",
        "Started a novel on the train and missed my stop.",
    ],
    "cooking": [
        "Tried the miso aubergine recipe, will make it again.",
        "Bread came out flat. Starter needs feeding.",
        "Cooked dal for the week.",
    ],
    "friends": [
        "Drinks with Tom and Priya, talked until the bar closed.",
        "Board game night, I lost at everything.",
        "Helped Sam move flats; three flights of stairs, one sofa.",
    ],
    "garden": ["Planted the bulbs along the fence.", "The courgettes are out of control."],
    "health": [
        "Slept badly. Too much screen at night.",
        "Dentist, no fillings, small victory.",
        "Meditated ten minutes, mind everywhere.",
    ],
    "travel": [
        "Trains all day, watched the landscape turn from grey to green.",
        "Lost in the old town, found the best pastry shop.",
    ],
    "music": ["Piano practice: the Satie is coming together.", "Concert at the small venue, ears still ringing."],
}
FILLER = [
    "I keep thinking about what I want this year to be.",
    "The light was lovely around five.",
    "Not much else to say.",
    "Grateful for small things today.",
    "Note to self: drink more water.",
    "The flat is quiet and I like it.",
    "Tomorrow I will do better at leaving my phone in the other room.",
    "There is a kind of tiredness that is also contentment.",
    "The weather could not decide what it wanted.",
    "I want to remember how ordinary and good this felt.",
]
MOODS_BY_SEASON = {
    "winter": ["tired", "okay", "low", "calm", "good", "anxious"],
    "spring": ["good", "great", "calm", "okay", "energetic"],
    "summer": ["great", "good", "energetic", "calm", "okay"],
    "autumn": ["calm", "okay", "good", "tired", "anxious", "great"],
}
WEATHER_BY_SEASON = {
    "winter": ["rain", "overcast", "snow", "fog", "clear"],
    "spring": ["showers", "sunny", "overcast", "clear"],
    "summer": ["sunny", "clear", "hot", "thunderstorm"],
    "autumn": ["rain", "overcast", "windy", "sunny"],
}
TRIPS = [
    (date(2025, 5, 10), date(2025, 5, 18), "Lisbon", ["travel", "friends"]),
    (date(2025, 10, 3), date(2025, 10, 14), "Kyoto", ["travel", "reading"]),
]
HOLIDAY_SILENCE = (date(2025, 8, 4), date(2025, 8, 21))  # no writing: phone in a drawer


def season(day: date) -> str:
    return [
        "winter",
        "winter",
        "spring",
        "spring",
        "spring",
        "summer",
        "summer",
        "summer",
        "autumn",
        "autumn",
        "autumn",
        "winter",
    ][day.month - 1]


def writes_on(day: date, rng: random.Random) -> bool:
    if HOLIDAY_SILENCE[0] <= day <= HOLIDAY_SILENCE[1]:
        return False
    if date(2025, 1, 1) <= day <= date(2025, 2, 9):  # the resolution streak
        return True
    if any(a <= day <= b for a, b, _, _ in TRIPS):
        return rng.random() < 0.95
    chance = {"winter": 0.62, "spring": 0.78, "summer": 0.7, "autumn": 0.8}[season(day)]
    if day.weekday() >= 5:
        chance += 0.08
    return rng.random() < chance


def note(day: date, rng: random.Random) -> str:
    trip = next((t for t in TRIPS if t[0] <= day <= t[1]), None)
    topics = list(trip[3]) if trip else rng.sample(sorted(TOPICS), k=rng.choice([1, 1, 2, 2, 3]))
    if day.weekday() < 5 and not trip and rng.random() < 0.55 and "work" not in topics:
        topics.insert(0, "work")
    size = rng.choices(["tiny", "short", "medium", "long", "epic"], [8, 35, 35, 17, 5])[0]
    sentences = {"tiny": 1, "short": 4, "medium": 9, "long": 20, "epic": 45}[size]
    body = []
    for i in range(sentences):
        pool = TOPICS[topics[i % len(topics)]] if i < len(topics) * 2 else FILLER + TOPICS[rng.choice(topics)]
        body.append(rng.choice(pool))
    paragraphs = [" ".join(body[i : i + 4]) for i in range(0, len(body), 4)]
    if rng.random() < 0.2:
        paragraphs[-1] += f" #{rng.choice(topics)}"
    hour = rng.choices([6, 7, 8, 12, 13, 18, 20, 21, 22, 23, 0], [6, 10, 6, 3, 3, 4, 8, 14, 16, 9, 3])[0]
    if hour == 0:
        hour = 23
    minute = rng.randrange(60)
    mood = rng.choice(MOODS_BY_SEASON[season(day)])
    title = rng.choice(TOPICS[topics[0]]).split(",")[0].split(";")[0].rstrip(".")
    front = [
        "---",
        f"date: {day.isoformat()}",
        f'time: "{hour:02d}:{minute:02d}"',
        f"tags: [{', '.join(t for t in topics if t != 'travel' or trip)}]",
        f"mood: {mood}",
        f"weather: {rng.choice(WEATHER_BY_SEASON[season(day)])}",
        f"location: {trip[2] if trip else ('Manchester' if rng.random() < 0.9 else 'Leeds')}",
    ]
    if rng.random() < 0.07:
        front.append("starred: true")
    front.append("---")
    return "\n".join(front) + f"\n# {title}\n\n" + "\n\n".join(paragraphs) + "\n"


def main() -> None:
    rng = random.Random(SEED)
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    day, count = date(2024, 11, 20), 0
    while day <= date(2025, 12, 31):
        if (day.year == 2024 and rng.random() < 0.3) or (day.year == 2025 and writes_on(day, rng)):
            folder = OUT / str(day.year)
            folder.mkdir(exist_ok=True)
            (folder / f"{day.isoformat()}.md").write_text(note(day, rng), encoding="utf-8")
            count += 1
        day += timedelta(days=1)
    print(f"wrote {count} notes to {OUT}")


if __name__ == "__main__":
    main()
