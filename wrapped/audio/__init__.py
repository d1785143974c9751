"""Sound: the soundtrack composed from the year (style: what the year sets; arrangement: the form
read off the timeline; music: the bars played; drums, synth, mix: the instruments and the bus), a
person's own track (track), the loudness both are mastered to (loudness), and what a listener
would notice, measured (measures). Pure numpy, but for decoding a user's file."""
