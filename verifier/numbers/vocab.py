"""Number words, ordinals, denominators, months, currencies and units: the word tables behind the patterns."""

from __future__ import annotations

from verifier import lexicon as lx

_SMALL = {
    "zero": 0, "nought": 0, "naught": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "dozen": 12}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "nineth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 1000, "millionth": 1e6,
}  # fmt: skip
_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}  # fmt: skip
_DIGIT_SCALES = {
    "hundred": 100, "thousand": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "mil": 1e6,
    "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tln": 1e12, "trn": 1e12,
    "tn": 1e12, "k": 1e3, "lakh": 1e5, "crore": 1e7, "dozen": 12, "dozens": 12,
}  # fmt: skip
# First three letters of a month name -> its number ("Sept." is read by its first three letters).
_MONTHS = {name[:3]: i + 1 for i, name in enumerate(lx.MONTHS)}

# Time zones after a time of day ("3:15 p.m. EDT", "1215 GMT", "14:00 local time"), as written -> the
# `unit` of the time mention, so that 15:00 GMT and 15:00 EDT are never taken for the same moment.
# Abbreviations are matched in capitals only: "est", "ist" and "wet" are words.
_TIME_ZONES = {
    "GMT": "GMT", "UTC": "UTC", "Zulu": "UTC",
    "EDT": "EDT", "EST": "EST", "ET": "ET", "CDT": "CDT", "CST": "CST", "MDT": "MDT", "MST": "MST",
    "PDT": "PDT", "PST": "PST", "PT": "PT", "AKST": "AKST", "HST": "HST",
    "BST": "BST", "WET": "WET", "CET": "CET", "CEST": "CEST", "EET": "EET", "EEST": "EEST", "MSK": "MSK",
    "IST": "IST", "PKT": "PKT", "JST": "JST", "KST": "KST", "HKT": "HKT", "SGT": "SGT", "AEST": "AEST",
    "AEDT": "AEDT", "Moscow time": "MSK", "local time": "local", "Local time": "local",
}  # fmt: skip
# Zones a bare four-digit figure may carry to be a time ("1215 GMT"): two-letter ones ("ET", "PT") are
# too often something else after a number that could be a year or a count.
_MIN_BARE_ZONE_LEN = 3

# Words that make a hyphenated pair of small numbers a score or a win-loss record, not a range:
# before it ("won 31-24", "beat them 3-1", "the score was 2-2") or right after it ("a 36-3 record").
_SCORE_LEFT_CUES = frozenset(
    "won win wins winning lost lose loses losing beat beats beaten beating defeated defeat defeats defeating "
    "downed edged routed thrashed drew draw tied trailed trailing trail lead leads led leading score scores "
    "scoreline record victory victories loss losses "
    # a vote is a tally too: "the bill passed 218-212", "the board voted 7-2"
    "passed approved rejected voted vote".split()
)
_SCORE_RIGHT_CUES = frozenset(
    "record win victory loss defeat lead draw tie scoreline triumph rout thrashing drubbing".split()
)
# What a vote is held on, and the verbs that pass or reject it: "passed the contested water bill 221-190"
# is a tally however many words name the bill, when the pair follows the noun right after such a verb.
_VOTE_OBJECTS = frozenset(
    "bill bills motion measure resolution amendment budget law legislation proposal treaty deal plan".split()
)
_VOTE_VERBS = frozenset(
    "passed approved rejected adopted voted backed defeated endorsed ratified threw blocked".split()
)
# Verbs of going down that give a score only with the side it went down to after it: "fell 1-3 to Harbor
# City", "slumped 0-4 against the leaders", "went down 2-1 to"; "fell 1-3 percent" is a range.
_SCORE_FALL_CUES = frozenset(
    "fell falls slipped slips slumped slumps crashed crashes sank succumbed down".split()
)
# How many words may stand between a left cue and the score: a team named in up to four words
# ("defeated the New England Patriots 24-17").
_SCORE_CUE_REACH = 4

_CURRENCY_SYMBOLS = {
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₺": "TRY", "₹": "INR", "₽": "RUB", "₪": "ILS",
    "元": "CNY",
    "₩": "KRW", "₡": "CRC", "₾": "GEL", "₭": "LAK",
}  # fmt: skip
# Letters before a dollar sign: "US$", "HK$", "C$".
_DOLLAR_PREFIXES = {
    "": "USD", "us": "USD", "usd": "USD", "c": "CAD", "cad": "CAD", "a": "AUD", "au": "AUD", "aud": "AUD",
    "hk": "HKD", "nz": "NZD", "nzd": "NZD", "s": "SGD", "mxn": "MXN", "mex": "MXN",
}  # fmt: skip
# Currency names and abbreviations written before a number, as text converted without its currency signs
# has them: "euro30 billion", "Rs 40 crore". A lone "e" is a euro sign only when glued to a number that
# has a scale word ("e80 million"); bare, "e80" is a name (a road, a model) and stays a code.
_CURRENCY_PREFIX_WORDS = {"euro": "EUR", "euros": "EUR", "e": "EUR", "rs": "INR", "rs.": "INR"}
# The scale words that let a lone "e" (or a spaced "euro") before a number be the currency.
_LOST_SIGN_SCALES = ("million", "billion", "trillion", "bn", "m")
_CURRENCY_CODES = (
    "USD EUR GBP SYP LBP EGP TRY JOD IQD SAR AED QAR KWD IRR RUB CNY JPY CHF INR ILS AUD CAD HKD"
).split()
# Currency words after a number. Adjective + noun first so "Syrian pounds" beats "pounds".
_CURRENCY_WORDS: list[tuple[str, str]] = [
    (r"syrian\s+pounds?|syrian\s+lira", "SYP"),
    (r"lebanese\s+pounds?|lebanese\s+lira", "LBP"),
    (r"egyptian\s+pounds?", "EGP"),
    (r"turkish\s+lira[s]?|lira[s]?", "TRY"),
    (r"iraqi\s+dinars?", "IQD"),
    (r"jordanian\s+dinars?", "JOD"),
    (r"kuwaiti\s+dinars?", "KWD"),
    (r"saudi\s+riyals?|riyals?", "SAR"),
    (r"qatari\s+riyals?", "QAR"),
    (r"(?:uae\s+|emirati\s+)?dirhams?", "AED"),
    (r"(?:israeli\s+)?(?:new\s+)?shekels?", "ILS"),
    (r"iranian\s+rials?|rials?", "IRR"),
    (r"(?:russian\s+)?(?:rubles?|roubles?)", "RUB"),
    (r"swiss\s+francs?", "CHF"),
    (r"australian\s+dollars?", "AUD"),
    (r"canadian\s+dollars?", "CAD"),
    (r"hong\s+kong\s+dollars?", "HKD"),
    (r"(?:us\s+|u\.s\.\s+|american\s+)?dollars?|bucks", "USD"),
    (r"euros?", "EUR"),
    (r"(?:british\s+)?pounds?(?:\s+sterling)?(?!\s+of\b)|sterling", "GBP"),
    (r"(?:japanese\s+)?yen", "JPY"),
    (r"(?:chinese\s+)?(?:yuan|renminbi|rmb)", "CNY"),
    (r"(?:indian\s+)?rupees?", "INR"),
    (r"francs?", "FRANC"),
    (r"(?:finnish\s+)?markkas?", "FIM"),
    (r"(?:spanish\s+)?pesetas?", "ESP"),
    (r"(?:dutch\s+)?guilders?", "NLG"),
    (r"(?:mexican\s+)?pesos?", "MXN"),
    (r"(?:south\s+african\s+)?rand", "ZAR"),
    (r"(?:swedish\s+)?kronor|(?:swedish\s+)?krona", "SEK"),
    (r"(?:polish\s+)?zloty[s]?", "PLN"),
    (r"(?:nigerian\s+)?naira", "NGN"),
    (r"(?:thai\s+)?baht", "THB"),
    (r"(?:\$|€|£|¥|元|₹|₺|₽|₪|₩|₡|₾|₭)(?!\s?\d)", "SYMBOL"),
    (r"cents?", "cents"),
    (r"pence|penny|p(?=[\s,;:)]|\.(?!\w)|$)", "pence"),
    ("|".join(c.lower() for c in _CURRENCY_CODES), ""),  # "" -> the code itself, upper-cased
]

_MEASURE_UNITS: list[tuple[str, str]] = [
    (r"square\s+(?:kilometres?|kilometers?)|sq\.?\s?km|km2|km²", "km2"),
    (r"square\s+miles?|sq\.?\s?miles?", "sq mi"),
    (r"square\s+(?:metres?|meters?)|m2|m²", "m2"),
    (r"cubic\s+(?:metres?|meters?)|m3|m³", "m3"),
    (r"cubic\s+(?:feet|foot)|cu\.?\s?ft", "cu ft"),
    (r"km/h|kmh|kph|kilometres?\s+(?:per|an)\s+hour|kilometers?\s+(?:per|an)\s+hour", "km/h"),
    (r"mph|miles?\s+(?:per|an)\s+hour", "mph"),
    (r"kilometres?|kilometers?|kms?", "km"),
    (r"nautical\s+miles?|nmi|nm", "nmi"),
    (r"miles?", "mi"),
    (r"centimetres?|centimeters?|cm", "cm"),
    (r"millimetres?|millimeters?|mm", "mm"),
    (r"metres?|meters?|m", "m"),
    (r"feet|foot|ft", "ft"),
    (r"yards?|yds?", "yd"),
    (r"inches|inch", "in"),
    (r"kilograms?|kilogrammes?|kgs?|kilos?", "kg"),
    (r"grams?|grammes?", "g"),
    (r"tonnes?|tons?|metric\s+tons?", "t"),
    (r"pounds?(?=\s+of\b)|lbs?", "lb"),
    (r"litres?|liters?", "l"),
    (r"hectares?|ha", "ha"),
    (r"acres?", "acre"),
    # "41C", "105F": a capital C or F glued to the digits is a temperature in news copy (a spaced or
    # lower-case letter is not: "Group C", "5 c").
    (r"(?<=\d)(?-i:C)", "°C"),
    (r"(?<=\d)(?-i:F)", "°F"),
    (r"°\s?c|degrees?\s+(?:celsius|centigrade)", "°C"),
    (r"°\s?f|degrees?\s+fahrenheit", "°F"),
    (r"degrees?|°", "degrees"),
    (r"megawatts?|mw", "MW"),
    (r"gigawatts?|gw", "GW"),
    (r"kilowatt[\s-]hours?|kwh", "kWh"),
    (r"barrels?\s+(?:per|a)\s+day|bpd", "bpd"),
    (r"barrels?(?=\s+(?:of|per|a)\s)", "barrels"),  # not "two barrels" dropped from a helicopter
    (r"knots?", "knots"),
]

_DURATION_UNITS: list[tuple[str, str]] = [
    (r"seconds?|secs?", "seconds"),
    (r"minutes?|mins?", "minutes"),
    (r"hours?|hrs?", "hours"),
    (r"days?", "days"),
    (r"weeks?", "weeks"),
    (r"months?", "months"),
    (r"years?|yrs?", "years"),
    (r"decades?", "decades"),
    (r"centuries|century", "centuries"),
]

# Words after a bare 1900-2035 figure that make it a count ("2000 people"), not a year ("2000 elections").
_COUNT_NOUNS = (
    "people|persons|civilians|soldiers|troops|fighters|militants|rebels|insurgents|refugees|children|kids|"
    "women|men|residents|families|homes|houses|buildings|deaths|dead|casualties|victims|prisoners|"
    "detainees|migrants|protesters|demonstrators|students|workers|members|cases|patients|others|"
    "killed|wounded|injured|displaced|more|of|were|have|had|are|died|jihadists|militiamen|policemen|"
    "officers|gunmen|terrorists|tons|tonnes|km|kilometres|kilometers|miles|dollars|euros|pounds|christians|"
    "muslims|syrians|kurds|iraqis|palestinians|afghans|yazidis|alawites|druze"
)
