"""Review: git, the meaning of a change (`diff`), and the text git diffs (`textconv`)."""
