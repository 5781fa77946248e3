"""Funding streams and the braided budget (plain Python, no Django).

A funding stream is a validated YAML file (``definitions/*.yaml``, one per stream): who is
eligible, as a condition over a person's facts; what it pays for, by kind of cost; its caps,
match and order of use, each rule with its ``source``. ``budget.braid`` lays the streams
over a person's remaining steps. See docs/funding.md and ADR 0045.
"""
