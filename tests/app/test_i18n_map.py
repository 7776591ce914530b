"""The map page's map in Russian (issue 30), in the app: the map's frame and layers, the map in words, the time strip
and the feature table speak the link's language, and the same process speaks English to an English session after."""

from __future__ import annotations

import html
import json

from dashboard.query import link as vs


def _map_args(at) -> dict:
    """The map component's arguments (the frame's script, the layers' scripts)."""
    def walk(node):
        if getattr(node, "type", None) == "component_instance":
            yield json.loads(node.proto.json_args)
        for child in (node.children.values() if isinstance(getattr(node, "children", None), dict) else []):
            yield from walk(child)
    return next(walk(at._tree))


def _strip(at) -> dict:
    return next(d for e in at.main.get("bidi_component") if "playMs" in (d := json.loads(e.proto.json)))


def test_the_map_page_draws_its_map_in_russian_and_then_in_english_for_english(app):
    app.query_params.update({"lang": "ru", "shade": "CSTO"})
    at = app.run()
    assert not at.exception
    args = _map_args(at)
    assert '"lang":"ru"' in args["script"] and "Условные обозначения карты" in args["script"]
    assert '"Киргизия",' in args["script"]  # a country's label
    layers = args["feature_group"].replace("\\u003c", "<").replace("\\u003e", ">")  # as escape.script_json writes them
    assert "<b>Остановка 1: Алматы</b>" in layers and "<b>Киргизия</b> · ОДКБ: член" in layers
    described = html.unescape(next(m.value for m in at.markdown if 'id="map-description"' in m.value))
    assert "Маршрут: " in described and "Страны закрашены по статусу в ОДКБ" in described
    strip = _strip(at)
    assert (strip["lang"], strip["grouping"], strip["text"]["play"]) == ("ru", "ОДКБ", "Воспроизвести")
    at.toggle(key="map_table").set_value(True).run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if "слой" in d.value.columns)
    assert "Перелёт Алматы → Душанбе" in set(table["элемент карты"])

    # The frame and the layers are built once per process for each language: English is English again.
    at.session_state[vs.P_LANG] = "en"
    at.run()
    assert not at.exception
    args = _map_args(at)
    assert '"lang":"en"' in args["script"] and "Map legend" in args["script"] and "Условные" not in args["script"]
    assert "Stop 1: Almaty" in args["feature_group"] and "Остановка" not in args["feature_group"]
    assert _strip(at)["text"]["play"] == "Play"
