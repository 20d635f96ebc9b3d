"""Hand-written reading of the misjudged pairs, included in docs/benchmarks.md under the automatic counts.

Written by reading every pair verifier got wrong on pairs_dev (12 of 100 at the time), in our own words:
no sentence of the data set is quoted. The counts in the report are regenerated on each run; this prose
is not, so it says when it was written. Revise it when the classes in the table above move.
"""

from __future__ import annotations

MISJUDGED_NOTES = """\
**Our reading of the misjudged pairs** (written by hand 2026-11-24 06:20 UTC at commit e6f931d, when 12 of the
100 dev pairs were wrong; the tables above are regenerated on every run, this text is not):

1. **A part reported in another frame than its total** (the largest class: 4 of 12). A local count against a
   broader one: one hospital's caseload against the people affected across the town; the dead of one village
   against the province's toll; one district against the day's total for the city; the children killed at one
   school against those killed across two attacks the same day. Because the wording differs a lot, the pair
   is either called unrelated (the context score falls below the floor) or, when it is compared, the two
   figures are read as a conflict or an update. What is missing is the place hierarchy (village within
   province, school within city district) that would say "this figure can be a part of that one".
2. **Same place, different events** (2 of 12). Two earthquakes on the same island (once years apart, once a
   day apart with different magnitudes) are taken for one event and their injury counts compared. Event
   identity needs the date distance and distinguishing attributes (magnitude, weekday) rather than place and
   event type alone; undated ECB+ pairs make this harder, as the year only shows in the text.
3. **Same event, counted in words the reader does not link** (2 of 12). A crowd given as a vague amount by a
   reporter and as a number range by a witness, with no event word our measures know; a church's membership
   against the capacity of its building. Either the measure is not found, so the figures are not compared, or
   the pair falls under the similarity floor. Lowering the floor would bring back class 2.
4. **Figures that are not tolls** (2 of 12). Gun calibres, and the duration of riots growing between an early
   and a later report (an update). Calibres and durations are read as other kinds than counts and never
   compared, which is the safe choice for tolls but misses these.
5. **Who was counted** (1 of 12). The same crew described as all of one nationality by one outlet and split
   between two nationalities by another: a real disagreement about the group, read as a part/total difference.
6. **Update vs conflict** (1 of 12). Two tolls for the same town on different days: the later report gives a
   lower figure for a narrower group (civilians) and is called an update; a later, lower figure without
   update wording should not be one.
"""
