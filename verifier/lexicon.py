"""Word lists for reading figures: measures, counted groups, speakers, time words, update wording.

Kept apart from the extraction code so a reviewer can read (and extend) what the tool understands without
reading regexes. Every list is lower case; lookups lower-case the text first.
"""

from __future__ import annotations

# --- calendar -----
# The one month list and the one weekday list, in calendar order (Monday first, as `date.weekday()`).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# Short forms as sources write them ("Wed 05 Apr 2017", "Sept. 3, 2016"); each maps to its index in
# WEEKDAYS / MONTHS. Every date reader (verifier.dates, numbers, segment) takes its names from here.
WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 0, "feb": 1, "mar": 2, "apr": 3, "jun": 5, "jul": 6, "aug": 7, "sep": 8, "sept": 8, "oct": 9,
    "nov": 10, "dec": 11,
}  # fmt: skip

# --- measures -----
# Trigger phrase -> normalised measure. Multi-word phrases first matter only for readability: the regex built
# in quantities.py sorts alternatives longest first.
MEASURE_TRIGGERS: dict[str, str] = {}


def _add(measure: str, *phrases: str) -> None:
    for p in phrases:
        MEASURE_TRIGGERS[p] = measure


_add(
    "killed",
    "killed",
    "killing",
    "kill",
    "kills",
    "dead",
    "died",
    "die",
    "dies",
    "dying",
    "death",
    "deaths",
    "death toll",
    "toll",
    "tolls",
    "lost their lives",
    "lost his life",
    "lost her life",
    "claimed the lives",
    "claiming the lives",
    "cost the lives",
    "costing the lives",
    "fatalities",
    "fatality",
    "perished",
    "massacred",
    "slain",
    "executed",
    "execution",
    "executing",
    "bodies",
    "lost",
    "killed off",
)
_add(
    "wounded",
    "wounded",
    "wounding",
    "wound",
    "wounds",
    "injured",
    "injuring",
    "injury",
    "injuries",
    "injure",
    "hurt",
    "hospitalised",
    "hospitalized",
)
_add(
    "casualties",
    "casualties",
    "casualty",
    "killed and injured",
    "killed and wounded",
    "killed or injured",
    "killed or wounded",
    "killing and injuring",
    "killing and wounding",
    "dead and wounded",
    "dead and injured",
)
_add(
    "arrested",
    "arrested",
    "arrest",
    "arrests",
    "arresting",
    "detained",
    "detaining",
    "detention",
    "detentions",
    "apprehended",
    "rounded up",
    "taken into custody",
    "into custody",
    "in custody",
)
_add("displaced", "displaced", "displacing", "fled", "fleeing", "homeless", "uprooted", "refugees")
_add("missing", "missing", "unaccounted for")
_add("evacuated", "evacuated", "evacuating", "evacuation", "evacuations")
_add(
    "kidnapped",
    "kidnapped",
    "kidnapping",
    "abducted",
    "abducting",
    "abduction",
    "taken hostage",
    "hostages",
    "hostage",
)
_add("hijacked", "hijacked", "hijacking", "hijack")
_add("held", "held", "holding", "hold", "captive", "in captivity", "still being held")
_add(
    "affected",
    "affected",
    "suffocation",
    "breathing difficulties",
    "breathing problems",
    "symptoms",
    "poisoned",
    "poisoning",
    "exposure",
)
_add("treated", "treated", "treating")
_add("rescued", "rescued", "pulled alive", "found alive")
_add(
    "damaged",
    "damaged",
    "damage",
    "destroyed",
    "destroying",
    "destruction",
    "razed",
    "leveled",
    "leveling",
    "levelling",
    "levelled",
    "flattened",
)
_add("shot", "shot", "hit by", "hitting", "struck by")
_add("seized", "seized", "confiscated", "recovered", "were found", "was found")
_add("attacked", "attacked", "attacking")
_add("marched", "marched", "marching", "march", "protested", "protesting", "rallied", "demonstrated")
_add("population", "population", "home to", "populated by")
_add("temperature", "temperature", "temperatures")
_add("magnitude", "magnitude", "richter")

# Measures that describe a property of one thing (the same island has one population, the same quake one
# magnitude) rather than a count of victims: compared without looking at the counted group.
ATTRIBUTE_MEASURES = frozenset({"population", "temperature", "magnitude"})

# Measures that grow as reports come in: a later report with a higher figure is an update, not a conflict.
# A crowd size or a length does not grow after the fact.
TOLL_MEASURES = frozenset(
    {
        "killed",
        "wounded",
        "casualties",
        "arrested",
        "displaced",
        "missing",
        "affected",
        "kidnapped",
        "damaged",
        "evacuated",
        "treated",
        "held",
    }
)

# Counts that fall as a story develops: the missing are found (alive or dead), so a later, lower figure is an
# update, not a conflict.
FALLING_MEASURES = frozenset({"missing"})

# Casualties are killed + wounded: a casualty figure is a total of the two, never a rival of either.
MEASURE_PARENT: dict[str, str] = {"killed": "casualties", "wounded": "casualties"}

# --- counted groups -----
# Head word -> class. A class is the level at which two reports count "the same people".
GROUP_CLASS: dict[str, str] = {}


def _cls(cls: str, *heads: str) -> None:
    for h in heads:
        GROUP_CLASS[h] = cls


_cls(
    "people",
    "people",
    "persons",
    "person",
    "individuals",
    "victims",
    "others",
    "lives",
    "souls",
    "youths",
    "youngsters",
    "teenagers",
    "teens",
    "adults",
    "worshippers",
    "spectators",
)
_cls("civilians", "civilians", "civilian", "residents", "inhabitants", "villagers", "passengers")
_cls(
    "children",
    "children",
    "child",
    "kids",
    "schoolchildren",
    "minors",
    "boys",
    "girls",
    "babies",
    "infants",
    "students",
    "pupils",
)
_cls("women", "women", "woman")
_cls("men", "men", "man")
_cls("teachers", "teachers", "teacher")
_cls("medics", "medics", "medic", "doctors", "nurses", "paramedics", "rescuers", "rescue workers")
_cls("journalists", "journalists", "journalist", "reporters")
_cls(
    "fighters",
    "fighters",
    "fighter",
    "militants",
    "militant",
    "rebels",
    "rebel",
    "jihadists",
    "jihadist",
    "extremists",
    "insurgents",
    "gunmen",
    "terrorists",
    "militiamen",
    "combatants",
    "members",
    "soldiers",
    "soldier",
    "troops",
    "forces",
    "servicemen",
    "personnel",
    "policemen",
    "officers",
    "guards",
    "pilots",
    "recruits",
)
_cls("crew", "crew", "crewmen", "crewman", "crew members", "sailors", "seafarers", "crewmembers")
_cls("pirates", "pirates", "pirate", "suspects")
_cls("protesters", "protesters", "protestors", "demonstrators", "marchers", "rioters", "looters")
_cls("ships", "ships", "ship", "vessels", "vessel", "boats", "boat", "trawlers", "tankers")
_cls("buildings", "buildings", "homes", "houses", "shops", "stores", "structures", "villages")
_cls("attacks", "attacks", "attack", "raids", "strikes", "airstrikes", "air strikes", "air raids")

# class -> the class that contains it. "IS fighters" within fighters within people.
GROUP_PARENT: dict[str, str] = {
    "civilians": "people",
    "children": "civilians",
    "women": "civilians",
    "men": "people",
    "teachers": "civilians",
    "medics": "civilians",
    "journalists": "civilians",
    "fighters": "people",
    "crew": "people",
    "pirates": "people",
    "protesters": "people",
}

# Classes that stand for a whole toll ("13 people", "13 dead"). Civilians are not among them: they are a
# part of all the dead (LABELS.md: "civilians vs all people" is another quantity), so 8 civilians against at
# least 9 people is a part within its whole, and fighters are never counted among civilians.
BROAD_CLASSES = frozenset({"people"})

# Modifier -> side. Two figures for different sides never count the same people.
SIDES: dict[str, str] = {}


def _side(side: str, *words: str) -> None:
    for w in words:
        SIDES[w] = side


_side("is", "is", "isis", "isil", "daesh", "islamic state")
_side("government", "regime", "government", "army", "pro-regime", "pro-government", "loyalist", "state")
_side("rebel", "rebel", "opposition", "insurgent")
_side("kurdish", "kurdish", "ypg", "sdf", "democratic forces", "syrian democratic forces", "peshmerga")
_side("american", "american", "us", "u.s.")
# Nationalities: a general demonym list (not the ones a test set happened to use), each its own side.
DEMONYMS = tuple(
    """
    afghan albanian algerian american armenian australian austrian azerbaijani bahraini belgian bosnian
    british bulgarian burmese burundian cameroonian canadian chadian chinese colombian congolese croatian
    cuban czech danish dutch egyptian emirati eritrean estonian ethiopian filipino finnish french georgian
    german ghanaian greek indian indonesian iranian iraqi irish israeli italian ivorian japanese jordanian
    kenyan korean kosovar kuwaiti kyrgyz latvian lebanese libyan lithuanian malian mexican moroccan
    mozambican nepali nigerian nigerien norwegian omani pakistani palestinian polish portuguese qatari
    romanian russian rwandan saudi senegalese serbian somali south-sudanese spanish sudanese swedish swiss
    syrian tajik tanzanian thai tunisian turkish turkmen ugandan ukrainian uzbek venezuelan vietnamese
    yemeni zimbabwean
""".split()
)
for _demonym in DEMONYMS:
    _side(_demonym, _demonym)

# Words that are never part of a counted-group phrase: where the phrase after a number stops.
GROUP_STOP = frozenset(
    """
    a an the and or but nor of in on at by for from to with without into onto over under near after before
    during since until as than that which who whom whose when where while because so if then also
    was were is are be been being have has had having will would could should may might can did do does
    said says say told reported according added including among between both each all most some many
    more this these those there here it its their his her they them he she we our you your
    today yesterday tonight overnight morning afternoon evening night times got get gets last next
    """.split()
) | frozenset(WEEKDAYS + MONTHS)

# Determiners and adjectives allowed between a number and its group that do not change who is counted.
GROUP_SKIP = frozenset({"other", "more", "further", "additional", "young", "innocent", "unarmed", "local"})

# --- attribution -----
SAY_VERBS = (
    "said",
    "says",
    "say",
    "reported",
    "reports",
    "told",
    "announced",
    "stated",
    "confirmed",
    "added",
    "claimed",
    "estimated",
    "quoted",
    "cited",
    "tallied",
    "documented",
    "recorded",
)
SPEAKER_HEADS = (
    "officials",
    "official",
    "ministry",
    "minister",
    "monitor",
    "observatory",
    "sources",
    "source",
    "media",
    "agency",
    "activists",
    "activist",
    "council",
    "police",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "governor",
    "witness",
    "witnesses",
    "tv",
    "television",
    "group",
    "army",
    "military",
    "doctor",
    "doctors",
    "medics",
    "residents",
    "statement",
    "authorities",
    "authority",
    "government",
    "navy",
    "command",
    "office",
    "director",
    "head",
    "chief",
    "commander",
    "coalition",
    "pentagon",
    "kremlin",
    "unicef",
    "un",
    "who",
    "network",
    "defence",
    "defense",
    "helmets",
    "correspondent",
    "reporter",
    "journalist",
    "newspaper",
    "channel",
    "organisation",
    "organization",
    "committee",
    "department",
    "hospital",
    "morgue",
    "service",
)

# --- places -----
# Nouns before "of" that introduce a place name ("the town of Ariha", "Aleppo province" is read by "in").
PLACE_NOUNS = ("city", "town", "village", "province", "district", "region", "suburb", "capital", "outskirts")
# Capitalised words after "in" that do not name a place, or name too broad a one to tell events apart.
NOT_PLACE_WORDS = frozenset(DEMONYMS + WEEKDAYS + MONTHS) | frozenset(
    """
    islamic state army forces force militia militias group groups council front brigade brigades
    party coalition alliance government regime ministry police hospital news agency said
    north south east west northern southern eastern western central upper lower greater city town
    province district region village county state highlands hills mountains valley river coast
    """.split()
)

# --- time -----
# Relative day words -> offset in days from the article date.
RELATIVE_DAYS: dict[str, int] = {
    "today": 0,
    "this morning": 0,
    "tonight": 0,
    "yesterday": -1,
    "last night": -1,
    "the night before": -1,
    "the day before": -1,
    "overnight": 0,
}

# --- relations -----
# Wording that marks a figure as a revision of an earlier one.
UPDATE_CUES = (
    "rose to",
    "risen to",
    "has risen",
    "have risen",
    "had risen",
    "rising to",
    "climbed to",
    "climbed",
    "jumped to",
    "increased to",
    "grew to",
    "reached",
    "updated",
    "updating",
    "revised",
    "raised the toll",
    "later said",
    "later put",
    "latest toll",
    "latest figure",
    "latest count",
    "new toll",
    "now stands",
    "continues to rise",
    "continued to rise",
    "brought the toll",
    "brought the death toll",
    "brought to",
    "bringing the toll",
    "bringing the death toll",
    "bringing to",
    "so far",
    "has now",
    "have now",
    "toll now",
    "is now",
    "are now",
    "now at",
    "now put",
    "an earlier toll",
    "earlier toll",
)

# --- kinds of event ---------------------------------------------------------------------------------------
# Words that name how people were killed or hurt. Two claims that both name a kind of event, and no kind in
# common, are about different incidents ("air strikes" / "an execution"). Ambiguous words ("bombing",
# "bombardment", "attack", "gas" alone) name no kind.
EVENT_KINDS: dict[str, tuple[str, ...]] = {
    "air": (
        "air strike",
        "air strikes",
        "airstrike",
        "airstrikes",
        "air raid",
        "air raids",
        "air attack",
        "air attacks",
        "warplane",
        "warplanes",
        "jets",
        "aerial",
        "barrel bomb",
        "barrel bombs",
        "air force",
        "bombers",
        "helicopter gunships",
        "raids",
    ),
    "artillery": (
        "shelling",
        "shells",
        "shelled",
        "shell",
        "mortar",
        "mortars",
        "rocket",
        "rockets",
        "missile",
        "missiles",
        "artillery",
        "barrage",
    ),
    "explosive": (
        "car bomb",
        "suicide bomber",
        "suicide bombing",
        "suicide attack",
        "explosive vest",
        "ied",
        "improvised explosive",
        "mines",
        "landmine",
        "landmines",
        "bomb blast",
        "truck bomb",
    ),
    "chemical": (
        "chlorine",
        "toxic gas",
        "toxic gasses",
        "chemical",
        "sarin",
        "nerve agent",
        "poison gas",
        "gas attack",
        "suffocation",
    ),
    "ground": ("clashes", "gunbattle", "firefight", "ambush", "street fighting"),
    "execution": ("executed", "execution", "executions", "beheaded", "beheading"),
    "crash": ("crashed", "crash", "shot down", "downed", "downing"),
    "quake": ("earthquake", "quake", "tremor", "aftershock", "temblor"),
    "fire": ("blaze", "arson", "flames", "fire broke out", "caught fire"),
    "flood": ("flood", "floods", "flooding", "landslide", "storm", "cyclone", "hurricane"),
}
