"""Print the JSON Schema of annotations.yaml, generated from the pydantic models.

    python -m dashboard.corpus.schema > annotations.schema.json
"""

from __future__ import annotations

import json
import sys

from dashboard.corpus.model import AnnotationFile


def make_schema() -> dict:
    """JSON Schema for editors (yaml-language-server reads the comment at the top of the file)."""
    schema = AnnotationFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "annotations.yaml: curated corpus of the Central Asia tour dashboard"
    return schema


if __name__ == "__main__":
    json.dump(make_schema(), sys.stdout, indent=2, ensure_ascii=False, sort_keys=True)
    sys.stdout.write("\n")
