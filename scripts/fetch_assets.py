"""Fetch the front-end assets the map needs, pinned and hash-checked, into dashboard/static/vendor/.

Run by `make run` and `make test`. Packages come from the npm registry through the
ordinary `npm pack` client; each tarball's sha512 must equal the pinned npm
integrity value, or nothing is installed. Without npm the app still runs: it
falls back to a CDN and says so in its log (see dashboard/assets.py).
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.assets import PACKAGES, VENDOR_DIR, manifest_path  # noqa: E402

CACHE = ROOT / ".assets-cache"


def _integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def _pack(name: str, version: str) -> Path:
    CACHE.mkdir(exist_ok=True)
    tarball = CACHE / f"{name}-{version}.tgz"
    if not tarball.exists():
        subprocess.run(
            ["npm", "pack", f"{name}@{version}", "--pack-destination", str(CACHE), "--silent"],
            check=True, stdout=subprocess.DEVNULL,
        )
    return tarball


def fetch(package) -> None:
    """Download, verify and unpack one package's files."""
    target = VENDOR_DIR / f"{package.name}-{package.version}"
    manifest = manifest_path(package)
    if manifest.exists():
        print(f"assets: {package.name}@{package.version} already in place")
        return
    tarball = _pack(package.name, package.version)
    data = tarball.read_bytes()
    if _integrity(data) != package.integrity:
        tarball.unlink()
        raise SystemExit(f"assets: {package.name}@{package.version}: integrity mismatch, refusing to install")
    if target.exists():
        shutil.rmtree(target)
    files: dict[str, str] = {}
    with tarfile.open(tarball) as tar:
        for member in tar.getmembers():
            rel = member.name.removeprefix("package/")
            if not member.isfile() or not any(rel.startswith(p) for p in package.files):
                continue
            out = target / rel.removeprefix(package.strip)
            out.parent.mkdir(parents=True, exist_ok=True)
            content = tar.extractfile(member).read()
            out.write_bytes(content)
            files[str(out.relative_to(target))] = hashlib.sha256(content).hexdigest()
    manifest.write_text(json.dumps({"integrity": package.integrity, "files": files}, indent=1, sort_keys=True))
    print(f"assets: installed {package.name}@{package.version} ({len(files)} files) into {target.relative_to(ROOT)}")


def main() -> int:
    """Fetch every pinned package; a missing npm is a warning, a bad hash an error."""
    if shutil.which("npm") is None:
        print("assets: npm not found; the app will fall back to CDN assets (needs internet)", file=sys.stderr)
        return 0
    for package in PACKAGES:
        fetch(package)
    return 0


if __name__ == "__main__":
    sys.exit(main())
