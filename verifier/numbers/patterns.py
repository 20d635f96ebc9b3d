"""The regex catalogue, compiled once at import: the master pattern and the context patterns around it."""

from __future__ import annotations

import re

from verifier import lexicon as lx
from verifier.numbers.vocab import (
    _COUNT_NOUNS,
    _CURRENCY_CODES,
    _CURRENCY_WORDS,
    _DURATION_UNITS,
    _LOST_SIGN_SCALES,
    _MEASURE_UNITS,
    _MIN_BARE_ZONE_LEN,
    _ORDINALS,
    _SCALES,
    _SMALL,
    _TENS,
    _TIME_ZONES,
)

_W_UNIT = "|".join(sorted(_SMALL, key=len, reverse=True))
_W_TEN = "|".join(sorted(_TENS, key=len, reverse=True))
_W_SCALE = "hundred|thousand|million|billion|trillion|dozen"
_WORD = rf"(?:{_W_TEN}|{_W_UNIT}|{_W_SCALE})(?![\w'’-]*\w)"
_WORD_TOKEN = rf"(?:{_W_TEN}|{_W_UNIT}|{_W_SCALE}|dozens)\b"
# A run of number words; the grammar (which runs are one number) is checked in Python.
_WSEQ = (
    rf"(?P<wpre>(?:an?|half(?:\s+an?)?|(?:a\s+)?quarter(?:\s+of\s+an?)?|three\s+quarters(?:\s+of\s+an?)?)\s+"
    rf"(?=(?:{_W_SCALE})\b))?"
    rf"(?P<wseq>{_WORD_TOKEN}(?:(?:\s*-\s*|\s+and\s+|\s+){_WORD_TOKEN}){{0,12}})"
    rf"(?P<whalf>\s+and\s+a\s+half\b(?:\s+(?P<wsc2>{_W_SCALE})\b)?)?"
)

_MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|"
    r"january|february|april|june|july|august|september|october|november|december)"
)
_MONTH = rf"(?:{_MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![A-Za-z])"
# A number with a scale word right after it: what makes a lone "e" or a spaced "euro" the currency.
_SCALED_AHEAD = rf"(?=\d[\d,.]*\s?(?i:{'|'.join(_LOST_SIGN_SCALES)})\b)"
# Currency names where the sign was lost: "euro30", "euro 30 billion", "e80 million", "Rs 40 crore".
_CUR_NAME_PREFIX = (
    rf"(?i:euros?)(?=\d)|(?i:euros?)\s{_SCALED_AHEAD}|e{_SCALED_AHEAD}|(?:Rs|RS|rs)\.?(?=\s?\d)"
)
_CUR_PREFIX = (
    r"(?:(?i:us|u\.s\.?|usd|hk|nz|au|aud|cad|mxn|mex|nzd)\s?\$|(?:C|A|S)\$|\$|€|£|¥|₺|₹|₽|₪|"
    rf"(?:{'|'.join(_CURRENCY_CODES)})(?=\s?\d)|{_CUR_NAME_PREFIX})\s?"
)
# Thousands separators: comma, thin and no-break spaces, and a plain space ("1 000", as European and some
# wire copy write it; two separate counts side by side with a 3-digit second one are rarer than this).
_DIGITS = r"\d{1,3}(?:[,\u202f\u2009\u00a0 ]\d{3}(?!\d))+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_DIGIT_SCALE = (
    r"(?:(?:\s|-)?(?P<sc>(?i:million|billion|trillion|thousand|mln|bln|tln|trn|mn|bn|tn|mil|lakh|crore"
    r"|dozens?))\b"
    r"|\s(?P<sch>(?i:hundred))\b"
    r"|(?P<sl>[mkbMKB])(?![\w]))"
)
_PHONE = (
    r"\+\d{1,3}(?:[\s.-]\(?\d{1,4}\)?){2,5}(?![\d])"
    r"|\(\d{3}\)\s?\d{3}-\d{4}(?!\d)"
    r"|\d{3}-\d{3}-\d{4}(?!\d)"
)


def _zone_alternation(zones: list[str]) -> str:
    return "|".join(re.escape(z).replace(r"\ ", r"\s+") for z in sorted(zones, key=len, reverse=True))


_ZONE = rf"(?:{_zone_alternation(list(_TIME_ZONES))})(?![A-Za-z])"
_BARE_ZONES = [z for z in _TIME_ZONES if len(z) >= _MIN_BARE_ZONE_LEN]
_BARE_ZONE = rf"(?:{_zone_alternation(_BARE_ZONES)})(?![A-Za-z])"
# The zone after a time, bare or in brackets ("at 1353 (local time)"), with an offset from GMT/UTC.
_ZONE_RIGHT = re.compile(
    rf"\s?(?P<open>\(\s?)?(?P<zone>{_ZONE})(?P<offset>(?<=GMT|UTC)[+-]\d{{1,2}}(?::\d{{2}})?)?(?(open)\s?\))"
)
_MERIDIEM = r"(?:[ap]\.\s?m\.?|[AP]\.\s?M\.?|[ap]m\b|[AP]M\b)"
_TIME = (
    rf"(?:\d{{1,2}}(?:[:.]\d{{2}})?|(?:1[0-2]|0?[1-9])[0-5]\d)\s?{_MERIDIEM}"
    # 24-hour "1353 GMT", "at 1353 (1023 GMT)", "2000 hours"
    rf"|(?:[01]\d|2[0-3])[0-5]\d(?=\s?(?:{_BARE_ZONE}|hours\b|hrs\b))"
    r"|(?<=\bat\s)(?:[01]\d|2[0-3])[0-5]\d(?=\s?\()"
    # a wire-service stamp: "(updated 1731 29.10.2017)"
    r"|(?:[01]\d|2[0-3])[0-5]\d(?=\s\d{1,2}[./]\d{1,2}[./]\d{4})"
    rf"|\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?![\d:])(?:\s?{_MERIDIEM})?"
    r"|\d{1,2}\s?o['’]clock\b"
)
_VAGUE = (
    r"(?i:(?P<vmul>a\s+few|several|a\s+couple\s+of|many)\s+(?P<vsc>dozen|hundred|thousand|million|billion)\b(?!\s+and)"
    r"|tens\s+of\s+thousands|hundreds\s+of\s+thousands|tens\s+of\s+millions|hundreds\s+of\s+millions"
    r"|dozens|hundreds|thousands|millions|billions|tens(?=\s+of\b)|scores(?=\s+of\b)|a\s+handful"
    r"|several|a\s+few|a\s+couple(?=\s+of\b))\b"
)
_FRACTION = (
    r"(?i:(?P<fnum>an?|one|two|three|four|five|six|seven|eight|nine)[\s-]+"
    r"(?P<fden>halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)"
    r"|(?P<fhalf>half))\b(?!\s+(?:of\s+)?(?:an?\s+)?(?:dozen|hundred|thousand|million|billion)\b)"
)
_ORD_WORD = (
    rf"(?i:(?:(?:{_W_TEN})[\s-])?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|nineth)"
    r"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
    r"|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth)\b"
)
# Letters glued to digits: F-16, Su-24, MH17, G20, COVID-19. Not "mid-2015" or "US$5".
_CODE = (
    r"(?!(?i:mid|pre|post|late|early|over|under|top|aged?|about|around|some|nearly|almost|up|US|AU|HK|NZ)[-$])"
    r"[A-Za-z]{1,7}-?\d+(?:[A-Za-z]\w{0,8})?(?:\+\d{1,2})?(?![\w])"  # "P5+1"
)

# The master pattern: one branch per kind of mention, tried in this order at a candidate position.
# Each branch is tagged with what it can start with (d: digit, w: letter, o: other sign) so that a
# candidate position runs only the branches that can match there (measured: ~25% faster per call).
_BRANCHES: list[tuple[str, str]] = [
    ("d", r"(?P<iso>\d{4}-\d{2}-\d{2})(?![\d-])"),
    # Slashes may be spaced, as tokenised copy writes them ("Updated 5 / 5 / 2010", "after 9 / 11").
    ("d", r"(?P<sdate>\d{1,2} ?/ ?\d{1,2} ?/ ?(?:\d{4}|\d{2}))(?![\d/])"),
    ("d", r"(?P<nine11>9 ?/ ?11)(?![\d/])"),
    ("d", r"(?P<slash>(?:(?P<whole>\d{1,3})[\s-])?(?P<sfrac>\d{1,3}/\d{1,3}))(?![\d/])"),  # 1/4, 2-1/2
    ("d", r"(?P<ddot>(?:0?[1-9]|[12]\d|3[01])(?P<dsep>[./-])(?:0?[1-9]|1[0-2])(?P=dsep)(?:19|20)\d\d)"
          r"(?![\d.]\d)"),
    ("d", r"(?P<dotted>\d+(?:\.\d+){2,})(?![\d])"),
    ("do", rf"(?P<phone>{_PHONE})"),
    # "Apr 152017": page furniture glues the day to the year; read as the date it is, never a count.
    ("w", rf"(?P<mdate>(?P<mon1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:(?P<y1g>(?:19|20)\d\d)(?!\d)|"
          r"(?:st|nd|rd|th)?(?![\d:.]\d|\d|[A-Za-z])"
          r"(?:,?\s+(?P<y1>\d{4})(?!\d))?))"),
    ("d", rf"(?P<ddate>(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{_MONTH})"
          r"(?:,?\s+(?P<y2>\d{4})(?!\d))?)"),
    ("w", rf"(?P<mydate>(?P<mon3>{_MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
          r"\s+(?P<y3>\d{4})(?!\d))"),
    ("d", rf"(?P<time>{_TIME})"),
    ("w", rf"(?P<vague>{_VAGUE})"),
    ("w", rf"(?P<frac>{_FRACTION})"),
    ("w", rf"(?P<ordw>{_ORD_WORD})"),
    ("dwo", rf"(?P<num>(?P<cur>{_CUR_PREFIX})?"
            rf"(?:(?P<dig>{_DIGITS})(?:(?P<ords>st|nd|rd|th)\b|{_DIGIT_SCALE})?"
            rf"|(?i:{_WSEQ})))"),
    ("w", rf"(?P<code>{_CODE})"),
]  # fmt: skip


def _master(start: str | None) -> re.Pattern[str]:
    """The master pattern for positions starting with `start` (None: every branch live)."""
    # A dead branch keeps its groups (the code reads them by name) but fails at once: (?!) never matches.
    branches = [b if start is None or start in tag else "(?!)" + b for tag, b in _BRANCHES]
    return re.compile(r"(?<![^\W\d_])(?<![\d.])(?:" + "|".join(branches) + ")")


_MASTER = _master(None)
_MASTER_DIGIT = _master("d")
_MASTER_WORD = _master("w")

_WTOKENS = re.compile(rf"(?i)(?P<sep>\s+and\s+|\s*-\s*|\s+)?(?P<w>{_WORD_TOKEN})")
_SCALE_WORD = re.compile(rf"(?i:\b(?:{_W_SCALE})s?\b)")
_PREFIX_FACTORS = {"half a": 0.5, "half an": 0.5, "half": 0.5, "a quarter": 0.25, "quarter": 0.25,
                   "a quarter of a": 0.25, "three quarters": 0.75, "three quarters of a": 0.75}  # fmt: skip


def _alts(pairs: list[tuple[str, str]]) -> tuple[re.Pattern[str], dict[str, str]]:
    names = {f"u{i}": norm for i, (_, norm) in enumerate(pairs)}
    pattern = "|".join(f"(?P<u{i}>{pat})" for i, (pat, _) in enumerate(pairs))
    return re.compile(rf"(?i:{pattern})(?![\w])"), names


_CURWORD_RE, _CURWORD_NAMES = _alts(_CURRENCY_WORDS)
_MEASURE_RE, _MEASURE_NAMES = _alts(_MEASURE_UNITS)
_DURATION_RE, _DURATION_NAMES = _alts(_DURATION_UNITS)
# All unit words after a number in one pattern (one regex call per number instead of three); the group
# name says the kind: c = currency, d = duration, m = measure. Currency first: "pounds" is money unless
# "of" follows, then it is weight.
_UNIT_KIND = {"c": "money", "d": "duration", "m": "measure"}
_UNIT_NAMES = (
    {f"c{i}": n for i, (_, n) in enumerate(_CURRENCY_WORDS)}
    | {f"d{i}": n for i, (_, n) in enumerate(_DURATION_UNITS)}
    | {f"m{i}": n for i, (_, n) in enumerate(_MEASURE_UNITS)}
)
_UNIT_RE = re.compile(
    r"\s?-?(?i:"
    + "|".join(
        f"(?P<{k}{i}>{pat})"
        for k, table in (("c", _CURRENCY_WORDS), ("d", _DURATION_UNITS), ("m", _MEASURE_UNITS))
        for i, (pat, _) in enumerate(table)
    )
    + r")(?![\w])"
)

_SUFFIX = re.compile(
    # A hyphen may join the sign word as an adjective ("a 20-percent rise"); "pc" only glued ("20pc").
    r"(?P<pp>[\s-]?(?i:percentage[\s-]points?|pct\.?\s+points?|pp|ppts?)\b)"
    r"|(?P<pct>\s?%(?![0-9A-Fa-f]{2})|[\s-]?(?i:per[\s-]?cents?|percents?|percentage|pct)\b|pc\b)"
    r"|(?P<age>(?:-|\s)(?i:(?:years?|yrs?|months?|weeks?|days?)(?:-|\s)olds?)\b)"
    r"|(?P<mag>(?:-|\s)(?i:magnitude)\b)"
    r"|(?P<cursp>\s?-?)(?=\S)"  # space before a currency / unit word, checked separately
)
_UNIT_SEP = re.compile(r"\s?-?")
_POST_QUAL = re.compile(
    r"(?P<plus>\+(?![\d\w])|-plus\b|\s+plus\b(?!\s+\d))"
    r"|(?P<ormore>\s+(?:or|and)\s+(?:more|greater|higher|above|over)\b(?!\s+than\s+(?:\d|[a-z])))"
    r"|(?P<orless>\s+(?:or|and)\s+(?:fewer|less|lower|under|below)\b)"
    r"|(?P<orso>\s+or\s+so\b|-odd\b|\s+odd\b(?=\s+\w))",
    re.IGNORECASE,
)
_OR_EQUAL = re.compile(r"\s+or\s+equal(?:\s+to)?\b(?!\s+\d)", re.IGNORECASE)
_RATIO_SEP = re.compile(r"\s+(?:in|out\s+of)\s+(?=\w)", re.IGNORECASE)
_POST_QUAL_NAMES = {"plus": "at_least", "ormore": "at_least", "orless": "at_most", "orso": "about"}
# "24- to 30-foot": a dash may hang before the word.
_RANGE_SEP = re.compile(r"-?\s+(?P<word>to|and|or|through)\s+|\s*(?P<dash>-|–|—|~)\s*", re.IGNORECASE)

# Qualifiers right before a number, by normalised name. Phrases are matched at the end of the text left
# of the number, and the leftmost (longest) phrase wins: "less than or equal to" before "less than".
_QUALIFIER_WORDS: list[tuple[str, str]] = [
    ("at_least", r"at\s+least(?:\s+or\s+equal\s+to)?|no\s+(?:fewer|less)\s+than|not\s+(?:fewer|less)\s+than"
     r"|a\s+minimum\s+of|(?:more|greater|larger|bigger|higher)\s+(?:than\s+)?or\s+equal\s+(?:to|than)"
     r"|equal\s+to\s+or\s+(?:more|greater|larger|bigger|higher)\s+than"),
    ("more_than", r"more\s+than|(?:well|just|slightly)\s+(?:over|above)"
     r"|(?:over|above)(?:\s+the\s+ages?\s+of)?|upwards\s+of"
     r"|in\s+excess\s+of|exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|topp(?:ed|ing)"
     r"|(?:greater|larger|bigger|higher)\s+than"),
    ("nearly", r"nearly|almost|close\s+to|just\s+(?:under|below|shy\s+of)|approaching"),
    ("about", r"about|around|roughly|approximately|approx\.|some|an\s+estimated|estimated|circa"
     r"|an\s+approximate"),
    ("up_to", r"up\s+to|as\s+many\s+as|as\s+much\s+as|as\s+high\s+as"),
    ("at_most", r"at\s+most|no\s+more\s+than|not\s+more\s+than|a\s+maximum\s+of"
     r"|(?:less|fewer|smaller|lower)\s+(?:than\s+)?or\s+equal\s+(?:to|than)"
     r"|equal\s+to\s+or\s+(?:less|fewer|smaller|lower)\s+than"),
    ("fewer_than", r"fewer\s+than|less\s+than|(?:smaller|lower)\s+than"
     r"|(?:under|below)(?:\s+the\s+ages?\s+of)?"),
    ("exactly", r"exactly|precisely|equals?(?:\s+to)?|equaling\s+to"),
    ("between", r"between"),
    ("from", r"from"),
]  # fmt: skip
_QUALIFIER_SYMBOLS: list[tuple[str, str]] = [
    ("at_least", r">=|≥"),
    ("at_most", r"<=|≤"),
    ("more_than", r">"),
    ("fewer_than", r"<"),
]
_QUAL_LEFT = re.compile(
    r"(?i:\b(?:"
    + "|".join(f"(?P<{name}>{pat})" for name, pat in _QUALIFIER_WORDS)
    + r")\s+|(?<![<>=])(?:"
    + "|".join(f"(?P<sym_{name}>{pat})" for name, pat in _QUALIFIER_SYMBOLS)
    + r")\s*)$"
)
# The last word of every qualifier phrase above, for a cheap first test.
_QUAL_LAST_WORDS = frozenset(
    "least than of over above exceed exceeds exceeded exceeding surpass surpasses surpassed surpassing "
    "topped "
    "topping nearly almost to under below about around roughly approximately approx. some estimated circa "
    "approaching approximate as most exactly precisely equal equals between from > < >= <= ≥ ≤".split()
)
# Verbs of change: "rose from 10 to 12" is two figures (before and after), not a range.
_CHANGE_LEFT = re.compile(
    r"(?i:\b(?:rose|risen|rising|rises|fell|fallen|falling|falls|increased?|increasing|decreased?|decreasing"
    r"|jumped|jumps|climbed|climbs|dropped|drops|grew|grown|grows|declined?|declining|surged|soared|plunged"
    r"|raised|lowered|revised|cut|reduced|slashed|doubled|tripled|went|changed|up|down|shrank|swelled"
    r"|toll)\s*$)"
)
_CODE_LEFT = re.compile(
    r"(?:\b(?:Resolutions?|resolutions?|Brigade|Division|Battalion|Regiment|Corps|Article|article|Articles"
    r"|Chapter|Section|Clause|Paragraph|Route|Highway|Flight|flight|Room|Gate|Camp|Decree|decree|Law"
    r"|Protocol|Boeing|Airbus|Item|Page|page|Platform|Terminal|Version|version|Phase|Block|Checkpoint"
    r"|Number|Channel|Unit|Squad|Bill|Amendment|Ward|Building|Street|Sector|Zone|Tower|Station|Line"
    r"|Level|Category|Grade|Team|Group|Army|Fleet|Base|Hall|Exit|Lot|Apartment|Apt\.|Vol\.|Volume"
    r"|Figure|Table|Code|Model|Series|Gen\.|Cell)"
    r"|\b(?:No|no|NO|Nos|nos|Nr|nr|Num|num)\.|#|№"
    # "Get short URL 0 13": share and comment counters in page furniture after a link name count nothing.
    r"|\bURL(?:\s+\d+)*)\s?$"
)
# "aged 87", "at the age of 87", "between the ages of 12 and 15"; "died at 87": the age at death.
_AGE_BOUND = re.compile(r"(?i:\bages?\s+of\s+$)")  # the end of a bound on an age: "under the age of"
_AGE_LEFT = re.compile(r"(?i:\b(?:aged|age|ages)(?:\s+of)?\s+$|\b(?:died|dies|dead)\s+at\s+$)")
_MAG_LEFT = re.compile(r"(?i:\bmagnitude(?:\s+of)?[\s-]$)")
_YEAR_LEFT = re.compile(
    r"(?i:\b(?:in|since|by|until|till|from|during|before|after|through|throughout|of|early|late|mid|end"
    r"|summer|winter|spring|autumn|fall|year|the|and|to|between|circa|in\s+early|in\s+late|since\s+early"
    r"|season|fiscal|election|elections|census|budget|vision|agenda|on)\s+$|mid-$|['’]$)"
)
_YEAR_RIGHT_COUNT = re.compile(rf"\s+(?:{_COUNT_NOUNS})\b", re.IGNORECASE)
# After a bare 4-digit figure with no year cue on its left, a plural noun makes it a count
# ("2000 Christians").
_PLURAL_RIGHT = re.compile(
    r"\s+(?!(?:was|has|is|its|this|his|as|us|thus|plus|always|whereas|perhaps|news|less|across|unless)\b)"
    r"[a-z]{2,}s\b"  # lower case only: "the 2014 Oscars" is a year in a title-case headline
)
_PRONOUN_LEFT = re.compile(
    r"(?i:\b(?:no|the|this|that|which|any|every|each|such|someone|anyone|last|another|a|at|little|only"
    r"|first|second|third|next|new|old|other|same|right|wrong|big|small|latest|previous|single|lone|by"
    r"|number)[\s-]$)"
)
_PRONOUN_RIGHT = re.compile(
    r"(?i:\s+(?:of|another|who|whom|whose|which|that|by\s+one|point|thing|way|side|or\s+another|or\s+the\s+other"
    r"|else|another's)\b|['’]s\b)"
)
_CALIBRE_RIGHT = re.compile(r"\s?-?\s?(?i:caliber|calibre|cal\.|magnum|revolver|pistol|handgun|rifle)\b")
# A person's name right before ", 55," — but not a place after a preposition ("In Aleppo, 27, were ...").
_APPOSITION_LEFT = re.compile(
    r"(?<!\b[IiOo]n\s)(?<!\b[Aa]t\s)(?<!\b[Oo]f\s)(?<!\b[Tt]o\s)(?<!\bnear\s)(?<!\bfrom\s)"
    r"(?:\b(?!(?:In|On|At|Of|To|From|Near|For|By|With|The)\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?"
    # or a person named by a determiner and a noun: "the mayor, 54, resigned", "her husband (61)"
    # (one person: a singular noun, so "the villages, 12," is no age)
    r"|\b(?i:the|a|an|his|her|their|its)\s+[a-z]{2,}(?:ss|[a-rt-z]))\s?[,(]\s?$"
    # or a relative clause that gives it: "the novelist, who was 87, died"
    r"|,\s+who\s+(?:was|is)\s+$"
)
_SIGN_LEFT = re.compile(r"(?:(?<![^\s(\[:])[-−]|\b(?i:minus|negative)\s+)$")
_TEMPERATURE_LEFT = re.compile(r"(?i:\btemperatures?\b)")
_SECOND_LEFT = re.compile(r"(?i:\b(?:a|per|one|every|each|split|few)\s+$|\d\s*$)")
_FRACTION_ORDINAL_RIGHT = re.compile(r"\s+(?!of\b|the\b|and\b|or\b|in\b|to\b|percent\b)[a-z]")

# The second half of a score: a dash and one to three digits, not a percent, a decimal or a third part.
_SCORE_PAIR = re.compile(r"\s?[-–—]\s?(?P<b>\d{1,3})(?!\d|[.,:/-]\d|\s?%)")
_SCORE_FIRST = re.compile(r"\d{1,3}")
# A tally written out: "by 218 votes to 212", "won by 36 points to 3", "3 goals to 1".
_TALLY_PAIR = re.compile(
    r"\s+(?i:votes?|points?|goals?|runs?|seats?)\s+to\s+(?P<b>\d{1,3})(?![\d.,:/-]\d|\s?%)"
)
# "beat the Stags 98 to 91": a pair joined by "to", a score only after a result word (scores.py).
_TO_PAIR = re.compile(r"\s+to\s+(?P<b>\d{1,3})(?![\d.,:/-]\d|\s?%)")
# "the Colts (11-4)": a record in brackets right after a capitalised name.
_TEAM_BRACKET_LEFT = re.compile(r"\b[A-Z][\w.'’-]*\s?\($")
_SCORE_WORD = re.compile(r"[A-Za-z'’]+")
_SCORE_NEXT_WORD = re.compile(r"\s?-?([A-Za-z'’]+)")
_CLAUSE_END = re.compile(r".*[.;:!?]", re.DOTALL)

_URL = re.compile(r"(?i:\b(?:https?://|www\.))\S+")
_AND_JOIN = re.compile(r",?\s+(?:and|but)\s+", re.IGNORECASE)
_LOWER_BOUNDS = frozenset({"at_least", "more_than"})
_UPPER_BOUNDS = frozenset({"at_most", "fewer_than", "up_to"})
# Prefilter: the master pattern is only tried where a digit, a currency sign or a number-ish word starts.
# Trying it at every word start costs ~4x more (measured on FA-KES sentences).

_TRIGGER_WORDS = frozenset(
    list(_SMALL) + list(_TENS) + list(_SCALES) + list(_ORDINALS)
    + ["half", "quarter", "few", "handful", "couple", "several", "many", "tens", "dozens", "hundreds",
       "thousands", "millions",
       "billions", "scores", "us", "u"]
    + [c.lower() for c in _CURRENCY_CODES]
    + list(lx.MONTHS) + list(lx.MONTH_ABBREVIATIONS)
    + [t + o for t in _TENS for o in ("first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                                     "eighth", "ninth")]
)  # fmt: skip


_DIGIT_TRIGGER = re.compile(r"\d+|[$€£¥₺₹₽₪]")


class _LettersOnly(dict[int, int]):
    """str.translate table: ASCII letters lower-cased, every other character a space."""

    def __missing__(self, key: int) -> int:
        return 32


_LETTERS_ONLY = _LettersOnly({i: (i | 32 if chr(i).isalpha() else 32) for i in range(128)})
_BACK = re.compile(
    r"(?:(?:(?i:us|u\.s\.?|usd|hk|nz|au|aud|cad|mxn|mex|nzd)\s?\$|(?:C|A|S)\$|[$€£¥₺₹₽₪]"
    rf"|(?:{'|'.join(_CURRENCY_CODES)})|(?i:euros?)|(?:Rs|RS|rs)\.?)\s?|\+|\(|(?<![\w.,])\.|[A-Za-z]{{1,7}}-?)(?=\d)"
)
