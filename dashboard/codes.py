"""Country codes the corpus may use, and the map's region."""

# ISO 3166-1 alpha-2 -> English short name. The first block is drawn on the map
# (geodata/countries.geojson); the rest are named by the articles but lie off it.
COUNTRY_NAMES: dict[str, str] = {
    "RU": "Russia",
    "KZ": "Kazakhstan",
    "KG": "Kyrgyzstan",
    "TJ": "Tajikistan",
    "UZ": "Uzbekistan",
    "TM": "Turkmenistan",
    "AF": "Afghanistan",
    "CN": "China",
    "IR": "Iran",
    "PK": "Pakistan",
    "IN": "India",
    "MN": "Mongolia",
    "AM": "Armenia",
    "BY": "Belarus",
    "AZ": "Azerbaijan",
    "GE": "Georgia",
    "MD": "Moldova",
    "UA": "Ukraine",
    "US": "United States",
    "TR": "Turkey",
    "SY": "Syria",
    "CU": "Cuba",
    # The SCO's dialogue partners beyond the old map box (issue 23), as Natural Earth names them.
    "LK": "Sri Lanka",
    "NP": "Nepal",
    "KH": "Cambodia",
    "EG": "Egypt",
    "QA": "Qatar",
    "SA": "Saudi Arabia",
    "BH": "Bahrain",
    "KW": "Kuwait",
    "MV": "Maldives",
    "MM": "Myanmar",
    "AE": "United Arab Emirates",
    "LA": "Laos",
}

MAPPED_COUNTRIES: frozenset[str] = frozenset(list(COUNTRY_NAMES)[:18])

# ((south, west), (north, east)) in degrees: every located record must fall inside.
REGION_BOUNDS: tuple[tuple[float, float], tuple[float, float]] = ((20.0, 20.0), (65.0, 105.0))
