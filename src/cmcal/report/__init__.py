"""Report: adherence, content mix, workload and engagement over a period, and their formats."""
