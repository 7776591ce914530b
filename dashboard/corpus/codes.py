"""Country codes the corpus may use, and the map's region."""

# ISO 3166-1 alpha-2 -> English short name. The map draws the whole world (geodata/countries.geojson,
# which takes these names), so every code here is drawn; the first block is the tour's region.
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

# The region the tour crossed (the old map's 18 countries): generated corpora for the bench use these.
REGION_COUNTRIES: frozenset[str] = frozenset(list(COUNTRY_NAMES)[:18])
# Every code the corpus may use is drawn (tests/unit/test_geo.py checks it against the geodata).
MAPPED_COUNTRIES: frozenset[str] = frozenset(COUNTRY_NAMES)

# ((south, west), (north, east)) in degrees: every located record must fall inside.
REGION_BOUNDS: tuple[tuple[float, float], tuple[float, float]] = ((20.0, 20.0), (65.0, 105.0))
