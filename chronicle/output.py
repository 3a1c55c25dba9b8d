"""The output folder: render keys, the build state, the manifest, page keys, swap and trash.

A build writes into a temporary folder and swaps it in with two renames, so readers never
see half a site; the previous site goes to the cache's trash and is deleted in the
background. Whether the previous site can be kept or partly reused is decided here, from
content keys and a manifest of the output (never input mtimes).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from chronicle import store
from chronicle.config import Config

#: Version of the stored page keys (their code is in the key).
PAGE_KEYS_LAYOUT = "1"
#: Config fields that change the written site for the same Chronicle.
_RENDER_FIELDS = ("title", "base_url", "language", "page_size", "search", "templates", "static")


def render_key(config: Config) -> str:
    """Content hash of what turns a Chronicle into a site: templates, static files,
    render settings and code. Page keys from a build are valid only under the same one."""
    from chronicle.site.render import BUNDLED_STATIC, BUNDLED_TEMPLATES

    extra = [f"{k}={getattr(config, k)!r}" for k in _RENDER_FIELDS]
    extra += [f"code={store.package_fingerprint()}"]
    return store.tree_fingerprint(
        *config.templates, *config.static, BUNDLED_TEMPLATES, BUNDLED_STATIC, extra=extra
    )


def files_key(config: Config, gather_key: str) -> str:
    """What the data files (exports, calendars, the map drawing) are a function of: the
    gathered chronicle, settings, static files and code — not the templates. A rebuild
    after a template edit links them from the previous site instead of writing them."""
    from chronicle.site.render import BUNDLED_STATIC

    extra = [f"{k}={getattr(config, k)!r}" for k in _RENDER_FIELDS if k != "templates"]
    extra += [f"code={store.package_fingerprint()}", f"chronicle={gather_key}"]
    return store.tree_fingerprint(*config.static, BUNDLED_STATIC, extra=extra)


def site_key(render_key: str, gather_key: str) -> str:
    import hashlib

    return hashlib.sha256(f"{render_key}\0{gather_key}".encode()).hexdigest()


def manifest(out: Path) -> str:
    """Cheap digest of an output tree to notice hand edits or deletions.

    Paths, sizes and modification times: an output file touched since the build wrote it
    is no longer trusted (never used to decide whether an *input* changed). Walked with
    ``os.scandir`` on strings: the tree has tens of thousands of folders.
    """
    import hashlib

    if not out.is_dir():
        return ""
    h = hashlib.sha256()
    stack = [("", str(out))]
    while stack:
        rel, folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            h.update(f"{rel}\0<unreadable>\n".encode("utf-8", "surrogateescape"))
            continue
        subdirs = []
        for entry in entries:
            name = f"{rel}/{entry.name}" if rel else entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    subdirs.append((name, entry.path))
                    continue
                st = entry.stat(follow_symlinks=False)
                size, mtime = st.st_size, st.st_mtime_ns
            except OSError:
                size, mtime = -1, -1
            h.update(f"{name}\0{size}\0{mtime}\n".encode("utf-8", "surrogateescape"))
        stack.extend(reversed(subdirs))
    return h.hexdigest()


def _state(config: Config) -> store.Record:
    """What the last build into each output folder left: keys, manifest, page count."""
    return store.Record(Path(config.cache_dir), "build-state")


def read_state(config: Config) -> dict:
    return _state(config).load()


def write_state(
    config: Config,
    out: Path,
    key: str,
    render_key: str,
    manifest: str,
    pages: int,
    files_key: str = "",
) -> None:
    state = {
        "key": key,
        "render": render_key,
        "files": files_key,
        "manifest": manifest,
        "pages": pages,
    }
    _state(config).update(str(out.resolve()), state, indent=1)


def page_keys(config: Config, out: Path) -> store.Memo:
    """The page keys of the site in ``out`` (one memo per output folder)."""
    import hashlib

    tag = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:12]
    return store.Memo(Path(config.cache_dir), f"page-keys-{tag}", PAGE_KEYS_LAYOUT)


def trash_dir(config: Config, out_parent: Path) -> Path | None:
    """Where the previous site goes after a swap: the cache, if a rename can reach it."""
    trash = Path(config.cache_dir) / "trash"
    try:
        trash.mkdir(parents=True, exist_ok=True)
        if trash.stat().st_dev == out_parent.stat().st_dev:
            return trash
    except OSError:
        pass
    return None


def purge_trash(config: Config) -> None:
    """Delete old sites left in the cache by earlier builds, in the background."""
    import threading

    trash = Path(config.cache_dir) / "trash"
    if not trash.is_dir():
        return
    olds = [p for p in trash.iterdir() if p.is_dir()]
    if olds:

        def purge() -> None:
            for p in olds:
                shutil.rmtree(p, ignore_errors=True)

        threading.Thread(target=purge, daemon=True).start()


def swap(new: Path, out: Path, trash: Path | None = None) -> None:
    """Replace ``out`` by ``new`` with two renames, so readers never see half a site.

    Deleting the old tree (tens of thousands of files) is the slow part, so when the
    cache folder is on the same file system the old site is renamed into its trash and
    deleted in the background by this or the next build.
    """
    import threading
    import uuid

    old = None
    if out.exists():
        if trash is not None:
            old = trash / f"{out.name}-{uuid.uuid4().hex[:12]}"
        else:
            old = out.with_name(f".{out.name}.old-{os.getpid()}")
            if old.exists():
                shutil.rmtree(old)
        out.rename(old)
    try:
        new.rename(out)
    except OSError:
        if old is not None:
            old.rename(out)
        raise
    if old is not None:
        if trash is not None:
            threading.Thread(target=shutil.rmtree, args=(old, True), daemon=True).start()
        else:
            shutil.rmtree(old, ignore_errors=True)
