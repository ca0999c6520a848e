"""Reading annual reports: find files, decode, parse with positions, build Report objects."""
