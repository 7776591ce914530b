"""plotly.js's own words in the language spoken: its toolbar's tooltips ("Zoom", "Pan", "Download plot as a PNG"),
the month and day names it writes on a date axis, its date format.

plotly.js takes a locale with each figure's config (`{"locale": "ru", "locales": {"ru": {...}}}`), no global
registration, and Streamlit hands st.plotly_chart's config to it as it is. The Russian locale is plotly.js's own
(its `lib/locales/ru.js`, committed under dashboard/vendor/ and checked against its sha256, map/assets.py), turned
into the JSON the config needs by `build` (`make plotly-locales`, with node) and committed as locales/ru.json with its
provenance. The pseudo-locale gets plotly's words bracketed, so that its walk sees them go through here.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from dashboard import i18n
from dashboard.map import assets

LOCALES_DIR = Path(__file__).with_name("locales")
# Each language plotly.js has a locale for, and the committed file it comes from.
SOURCES = {"ru": (assets.PLOTLY_LOCALE_RU, "ru.js")}


def locale_path(lang: str) -> Path:
    return LOCALES_DIR / f"{lang}.json"


@functools.cache
def read_locale(lang: str) -> dict | None:
    """plotly's locale for `lang` ({"name", "dictionary", "format"}), or None where plotly's English is the language's
    own."""
    path = locale_path(lang)
    return json.loads(path.read_text(encoding="utf-8"))["locale"] if path.exists() else None


def _pseudo_locale() -> dict:
    # Every word plotly says that a locale translates (the Russian one's keys), bracketed as the catalog's are.
    words = read_locale("ru")["dictionary"]
    return {"name": i18n.PSEUDO, "dictionary": {word: i18n.pseudo(word) for word in words}}


def chart_config(lang: str) -> dict:
    """st.plotly_chart's config for a page in `lang`: no plotly logo, and plotly's own words in `lang`."""
    config: dict = {"displaylogo": False}
    locale = _pseudo_locale() if lang == i18n.PSEUDO else read_locale(lang)
    if locale is not None:
        config |= {"locale": lang, "locales": {lang: locale}}
    return config


def convert(source: bytes) -> dict:
    """A plotly.js locale module (CommonJS, `module.exports = {...}`) as the object it exports, evaluated by node."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is needed to read a plotly.js locale file (apt-get install nodejs)")
    with tempfile.TemporaryDirectory() as tmp:
        module = Path(tmp) / "locale.js"
        module.write_bytes(source)
        out = subprocess.run([node, "-e", "process.stdout.write(JSON.stringify(require(process.argv[1])))",
                              str(module)], capture_output=True, text=True, check=True, timeout=60)
    return json.loads(out.stdout)


def build(lang: str) -> dict:
    """plotly.js's locale file for `lang`, checked against its pinned sha256 and converted, with its provenance: what
    locales/<lang>.json holds."""
    package, name = SOURCES[lang]
    locale = convert(assets.read_checked(package, name))
    return {
        "source": {
            "package": package.name, "version": package.version, "file": f"package/{package.packed}/{name}",
            "sha256": dict(package.files)[name], "npm_integrity": package.npm_integrity, "licence": "MIT",
            "committed": f"dashboard/vendor/{package.folder}/{name}",
        },
        "locale": {key: locale[key] for key in ("name", "dictionary", "format")},
    }


def write(lang: str) -> Path:
    path = locale_path(lang)
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(build(lang), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    for lang in SOURCES:
        print(write(lang))
