"""Files: reading bytes from disk or git within one bound, YAML to positioned nodes, nodes to the model."""
