"""Check: the rules that relate values to each other, to the platforms and to today, and their outputs."""
