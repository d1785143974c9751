"""Sound: the soundtrack composed from the year (music, synth), a person's own track (track),
and the loudness both are mastered to (loudness). Pure numpy, but for decoding a user's file."""
