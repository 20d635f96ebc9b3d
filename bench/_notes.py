"""Hand-written reading of the misjudged pairs, included in docs/benchmarks.md under the automatic counts.

Written by reading every pair verifier got wrong on pairs_dev (20 of 100 at the time), in our own words:
no sentence of the data set is quoted. The counts in the report are regenerated on each run; this prose
is not, so it says when it was written. Revise it when the classes in the table above move.
"""

from __future__ import annotations

MISJUDGED_NOTES = """\
**Our reading of the misjudged pairs** (written by hand on 2026-11-24 at commit 425cf1f, when 20 of the
100 dev pairs were wrong; the table above is regenerated on every run, this text is not):

1. **Different events taken for one** (the largest class, about a third of the errors). Two reports of the
   same *kind* of event at the same *place* are judged as one event: two earthquakes on the same island (days
   or years apart), an air strike and a rebel shelling in the same city on the same day, a gas attack and an
   air strike in the same province, an air raid on a village and a rights group's report on landmine deaths in
   a nearby town. The relation compares the figures as soon as measure and wording look alike; what is
   missing is an event identity test: incident type (air strike, shelling, execution, quake), the named place
   at the finest level given (village rather than province), and the date distance when both sides are dated.
   Most ECB+ pairs carry no date, so "years apart" cannot come from metadata there, only from the text.
2. **Same event not recognised** (about a quarter). The two sides describe one thing with different words and
   different counted units, so the context score falls below the floor and the pair is called unrelated: the
   number of times someone was shot against the number of bullets that hit him; one doctor's caseload against
   the people affected overall; a crowd given as "a few dozen" by a reporter and as a number range by a
   witness; the size of a congregation against a building's capacity. These need the measure to be read more
   broadly (shot/hit, treated/affected, members/capacity) rather than a lower similarity floor, which would
   bring back class 1.
3. **Figures that are not tolls are never compared** (about 15%). Temperatures, gun calibres and durations
   ("N days of riots") are read as other kinds than counts and left out, so a real disagreement about them, or
   a duration that grows between two reports (an update), is missed. The conservative choice is right for
   tolls; for these kinds a fact-checker would still want the pair shown.
4. **Parts, totals and groups** (about 15%). A district's toll against the day's total, children killed
   across two attacks against those killed at one school, a crew counted as one nationality against the same
   crew split by nationality, and weapon inventories that overlap. The tool either misses that one figure is
   contained in the other (calls it a conflict or an update) or reads a genuine disagreement about who was
   counted as a part/total difference. Knowing which group contains which (all nationalities within
   "pirates", one school within "west Aleppo") needs more than the group head noun.
5. **Update vs conflict** (one or two pairs). Two tolls for the same town from reports on different days are
   called an update when the later report's figure differs, although the later report counts a narrower group
   (civilians) and gives a lower figure: a later, *lower* figure without update wording should not be an
   update.
"""
