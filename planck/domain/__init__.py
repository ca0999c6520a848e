"""The judgement itself: a report's values against a rule set's targets.

`evaluate` builds each indicator's series and hands each rule to its kind (`kinds/`, one module
per rule kind); `progress` holds the arithmetic of progress toward a target, `values` the
parsing, units and formatting of numbers, `suspect` the values that are likely slips. Nothing
here reads files or prints.
"""
