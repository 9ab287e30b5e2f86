"""A persistent cache of Voikko's raw answers, so that re-checking a draft does not ask Voikko again.

Editors run ``drafter check`` on every save of a draft that mostly did not
change, and most of a check's Voikko time goes to answers it already had last
time: the grammar checker on every paragraph, spelling and suggestions, word
analyses. This module keeps those answers on disk, raw (grammar errors per
exact paragraph text and description language, the spelling verdict,
suggestions and analyses per word form), so nothing of drafter's own logic,
rules or lexicon is ever part of what is cached.

One file per cache key holds everything, and the key is everything that can
change Voikko's answers: the libvoikko library version, the Python binding, the
dictionaries it can find (their description and their files' sizes and
modification times), the options drafter sets and this file's format. Another
Voikko or dictionary simply gives another file; files of keys unused for
:data:`MAX_AGE_DAYS` are deleted.

The file is JSON after a one-line header with its length and CRC-32: loading
the answers of a 500-measure draft takes about 10 ms, only ~25 % more than
marshal, and unlike marshal or pickle a damaged or tampered file can only fail
to parse, never crash the interpreter or run code. Word analyses are stored as
JSON text within it (quotes swapped for DEL, which JSON needs not escape, see
:func:`_pack`) and decoded when a word is first asked about, so loading
costs little more than reading the file however many drafts filled it. A file whose header, key or
structure does not match is ignored. Paragraph texts are stored as BLAKE2b
digests, so the cache holds no draft's running text.

Location: ``$DRAFTER_CACHE_DIR``, else ``$XDG_CACHE_HOME/drafter``, else
``~/.cache/drafter``. ``DRAFTER_NO_CACHE=1`` (or ``drafter check --no-cache``,
through :func:`cache_session`) turns it off: nothing is read or written.

Writing happens only when something new was learnt (or entries last refreshed
more than :data:`REFRESH_DAYS` ago were used): under an advisory lock, the
file on disk is read again and merged with what this process learnt, then
replaced atomically (temporary file + ``os.replace``), so processes writing at
once (``--jobs``, the forked partner of a long check) lose nothing and never
leave a torn file. Entries live in day generations: a save moves what this
process used into today's, drops generations older than :data:`MAX_AGE_DAYS`
and, past :data:`MAX_BYTES`, the oldest ones. Any failure to read or write
the cache is logged at debug level and otherwise ignored: the answer then
comes from Voikko, as without a cache.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import logging
import os
import tempfile
import threading
import time
import weakref
import zlib
from pathlib import Path
from typing import Any, Callable, Iterator

log = logging.getLogger(__name__)

FORMAT = 3
ANALYZE, SPELL, SUGGEST, GRAMMAR = "analyze", "spell", "suggest", "grammar"
SECTIONS = (ANALYZE, SPELL, SUGGEST, GRAMMAR)
# Sections whose answers are kept as JSON text inside the file and decoded on first
# use: word analyses are most of the file (about 85 %), and a cache that has seen
# many drafts would otherwise build every analysis of every draft it ever saw on
# each load, while one check asks about a few thousand words.
TEXT_SECTIONS = frozenset({ANALYZE})
MAX_BYTES = 50 * 1024 * 1024      # one cache file; the oldest generations go first past it
MAX_AGE_DAYS = 60                 # entries (and other keys' files) unused this long are dropped
REFRESH_DAYS = 7                  # using entries older than this rewrites them into today's generation
LOCK_WAIT = 2.0                   # seconds to wait for another writer before writing unlocked
_MAGIC = "drafter-voikko-cache"
_DEL = "\x7f"
_SCAN = json.JSONDecoder().scan_once
_PREFIX = "voikko-"
_SUFFIX = ".json"
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by drafter.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n")

_override: bool | None = None     # set by cache_session(False); None: the environment decides
_caches: weakref.WeakSet[VoikkoCache] = weakref.WeakSet()
_shared: dict[str, VoikkoCache] = {}
_registry_lock = threading.RLock()
_atexit_registered = False


# -- switches and location -----------------------------------------------------

def enabled() -> bool:
    """Whether the cache may be read and written now (not ``DRAFTER_NO_CACHE``, not in a ``--no-cache`` run)."""
    if _override is not None:
        return _override
    return os.environ.get("DRAFTER_NO_CACHE", "").strip().lower() in ("", "0", "false", "no", "off")


def cache_dir() -> Path | None:
    """``$DRAFTER_CACHE_DIR``, else ``$XDG_CACHE_HOME/drafter``, else ``~/.cache/drafter`` (None: no home)."""
    explicit = os.environ.get("DRAFTER_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):  # the XDG spec: relative paths are to be ignored
        return Path(xdg) / "drafter"
    try:
        return Path.home() / ".cache" / "drafter"
    except (RuntimeError, KeyError):  # no home directory
        return None


@contextlib.contextmanager
def cache_session(use: bool = True) -> Iterator[None]:
    """Run a block with the cache (``use``) or without it, saving what was learnt at its end.

    ``use=False`` turns the cache off for the block (``--no-cache``);
    ``use=True`` leaves it as the environment says. Either way the block's
    new answers are saved when it ends, so a library caller or a pool worker
    that never reaches interpreter exit keeps them too.
    """
    global _override
    previous = _override
    if not use:
        _override = False
    try:
        yield
    finally:
        try:
            save_all()
        finally:
            _override = previous


def save_all() -> None:
    """Save every cache of this process that learnt something (never raises)."""
    with _registry_lock:
        caches = list(_caches)
    for cache in caches:
        cache.save()


# -- the key ---------------------------------------------------------------------

def voikko_key(options: tuple[tuple[str, Any], ...]) -> dict:
    """What Voikko's answers depend on: library, binding, dictionaries, ``options``, format."""
    import libvoikko

    binding = _file_identity(Path(libvoikko.__file__)) if getattr(libvoikko, "__file__", None) else None
    return {
        "format": FORMAT,
        "libvoikko": str(libvoikko.Voikko.getVersion()),
        "binding": binding,
        "dictionaries": _dictionary_identity(libvoikko),
        "options": [[name, value] for name, value in options],
    }


def _dictionary_identity(libvoikko) -> list:
    """The dictionaries libvoikko lists and the files of every ``mor-*`` folder on its search path."""
    listed = sorted([d.language, d.script, d.variant, d.description] for d in libvoikko.Voikko.listDicts())
    files = []
    for base in _dictionary_search_path():
        for folder in (base / "5", base):
            try:
                entries = sorted(e.path for e in os.scandir(folder) if e.name.startswith("mor-") and e.is_dir())
            except OSError:
                continue
            for entry in entries:
                try:
                    names = sorted(os.listdir(entry))
                except OSError:
                    continue
                files.extend(_file_identity(Path(entry) / name) for name in names)
    return [listed, files, os.environ.get("VOIKKO_DICTIONARY", "")]


def _dictionary_search_path() -> list[Path]:
    """Where libvoikko looks for dictionaries, in its order."""
    paths = [Path(p) for p in os.environ.get("VOIKKO_DICTIONARY_PATH", "").split(os.pathsep) if p]
    with contextlib.suppress(RuntimeError, KeyError):
        paths.append(Path.home() / ".voikko")
    paths += [Path("/etc/voikko"), Path("/usr/lib/voikko"), Path("/usr/share/voikko"),
              Path("/usr/local/lib/voikko"), Path("/usr/local/share/voikko")]
    return paths


def _file_identity(path: Path) -> list:
    try:
        status = path.stat()
    except OSError:
        return [str(path), None, None]
    return [str(path), status.st_size, status.st_mtime_ns]


def grammar_key(text: str, description_language: str) -> str:
    """The cache key of one grammar-checker call: a digest of the language and the exact text."""
    data = f"{description_language}\0{text}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _key_digest(key: dict) -> str:
    canonical = json.dumps(key, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.blake2b(canonical.encode("ascii"), digest_size=10).hexdigest()


def _today() -> int:
    return int(time.time() // 86400)


# -- the cache --------------------------------------------------------------------

Generations = list  # [[day, {section: {key: value}}], ...], oldest first


class VoikkoCache:
    """Voikko's answers of one cache key: loaded whole on first use, saved when something was learnt.

    ``directory`` and ``key`` may be callables, resolved on first use, so that
    a process that never asks Voikko anything never looks for them.
    """

    def __init__(self, directory: Path | Callable[[], Path | None] | None,
                 key: dict | Callable[[], dict]) -> None:
        self._directory = directory
        self._key = key
        self._path: Path | None = None
        self._sections: dict[str, dict] | None = None   # everything known: loaded and learnt
        self._generations: Generations = []              # as loaded, for deciding what is stale
        self._new: dict[str, dict] = {s: {} for s in SECTIONS}
        self._hits: dict[str, set] = {s: set() for s in SECTIONS}
        self._lock = threading.Lock()
        self._broken = False                              # key or directory could not be resolved
        _register(self)

    # -- reading ----------------------------------------------------------------

    def get(self, section: str, key: str) -> Any:
        """The cached answer, or None (not cached, or the cache is off)."""
        sections = self._sections
        if sections is None:
            sections = self._load()
            if sections is None:
                return None
        entries = sections[section]
        value = entries.get(key)
        if value is None:
            return None
        if section in TEXT_SECTIONS and type(value) is str:
            try:
                value = entries[key] = _unpack(value)
            except ValueError:  # a damaged entry: asked again
                return None
        self._hits[section].add(key)
        return value

    def put(self, section: str, key: str, value: Any) -> None:
        """Remember a new answer of Voikko's (kept only while the cache is on)."""
        # Only the cheap switch here: this runs on every miss. The environment is read
        # when the file is loaded and before anything is written.
        if _override is False:
            return
        sections = self._sections if self._sections is not None else self._load()
        if sections is None:
            return
        sections[section][key] = value
        self._new[section][key] = value

    @property
    def path(self) -> Path | None:
        """The cache file (None when no directory or key could be found)."""
        self._resolve()
        return self._path

    def _resolve(self) -> bool:
        if self._path is not None:
            return True
        if self._broken:
            return False
        try:
            directory = self._directory() if callable(self._directory) else self._directory
            key = self._key() if callable(self._key) else self._key
            if directory is None:
                raise OSError("no cache directory")
            self._key = key
            self._path = Path(directory) / f"{_PREFIX}{_key_digest(key)}{_SUFFIX}"
            return True
        except Exception:  # noqa: BLE001 - no home, odd libvoikko: run without a cache
            log.debug("drafter: no Voikko cache key or directory", exc_info=True)
            self._broken = True
            return False

    def _load(self) -> dict[str, dict] | None:
        """Read the file into memory (an empty cache when it is missing or unusable); None when off."""
        if not enabled() or not self._resolve():
            return None
        with self._lock:
            if self._sections is not None:
                return self._sections
            generations = _read(self._path, self._key)
            sections: dict[str, dict] = {s: {} for s in SECTIONS}
            for _, entries in generations:
                for section in SECTIONS:
                    sections[section].update(entries[section])
            self._generations = generations
            self._sections = sections
            return sections

    # -- writing ----------------------------------------------------------------

    def save(self) -> bool:
        """Merge what was learnt into the file on disk; True when it was written. Never raises."""
        try:
            return self._save()
        except Exception:  # noqa: BLE001 - an unwritable cache is no reason to fail a check
            log.debug("drafter: the Voikko cache could not be saved", exc_info=True)
            return False

    def _save(self) -> bool:
        if self._sections is None or not enabled() or not (any(self._new.values()) or self._stale_hits()):
            return False
        path = self._path
        today = _today()
        fresh = {s: {k: self._sections[s][k] for k in self._hits[s] if k in self._sections[s]} for s in SECTIONS}
        for section in SECTIONS:
            fresh[section].update(self._new[section])
        _prepare_directory(path.parent)
        with _locked(path.with_suffix(".lock")):
            generations = _merged(_read(path, self._key), today, fresh)
            data = _encode(self._key, generations)
            while len(data) > MAX_BYTES and len(generations) > 1:
                generations.pop(0)
                data = _encode(self._key, generations)
            if len(data) > MAX_BYTES:
                log.debug("drafter: the Voikko cache would exceed %d bytes; not written", MAX_BYTES)
                return False
            _write_atomically(path, data)
        self._new = {s: {} for s in SECTIONS}
        self._hits = {s: set() for s in SECTIONS}
        self._generations = [[today, {s: {} for s in SECTIONS}]]
        _prune_directory(path.parent, keep=path)
        return True

    def _stale_hits(self) -> bool:
        """Whether an answer used here lives only in generations older than :data:`REFRESH_DAYS`."""
        threshold = _today() - REFRESH_DAYS
        if all(day >= threshold for day, _ in self._generations):
            return False
        recent = [entries for day, entries in self._generations if day >= threshold]
        for section in SECTIONS:
            for key in self._hits[section]:
                if not any(key in entries[section] for entries in recent):
                    return True
        return False


def shared(key: Callable[[], dict]) -> VoikkoCache:
    """The process's cache in :func:`cache_dir`, its key computed by ``key`` on first use.

    One per process: every analyser of drafter's own Voikko handle (see
    :func:`drafter.nlp.morphology.open_voikko`) shares it.
    """
    with _registry_lock:
        cache = _shared.get("default")
        if cache is None:
            cache = _shared["default"] = VoikkoCache(cache_dir, key)
    return cache


def _register(cache: VoikkoCache) -> None:
    global _atexit_registered
    with _registry_lock:
        _caches.add(cache)
        if not _atexit_registered:
            atexit.register(save_all)
            _atexit_registered = True


# -- the file ---------------------------------------------------------------------

def _read(path: Path, key: dict) -> Generations:
    """The file's generations, or [] when it is missing, damaged, of another key or format."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError:
        log.debug("drafter: the Voikko cache %s is unreadable", path, exc_info=True)
        return []
    try:
        return _decode(data, key)
    except Exception:  # noqa: BLE001 - any damage means: start again
        log.debug("drafter: the Voikko cache %s is damaged; ignored", path, exc_info=True)
        return []


def _encode(key: dict, generations: Generations) -> bytes:
    for _, entries in generations:
        for section in TEXT_SECTIONS:
            values = entries.get(section)
            for word, value in (values.items() if isinstance(values, dict) else ()):
                if type(value) is not str:
                    values[word] = _pack(value)
    payload = json.dumps({"key": key, "generations": generations}, ensure_ascii=False,
                         separators=(",", ":")).encode("utf-8", "surrogatepass")
    header = f"{_MAGIC} {FORMAT} {len(payload)} {zlib.crc32(payload):08x}\n".encode("ascii")
    return header + payload


def _pack(value: Any) -> str:
    """``value`` as JSON text with its quotes swapped for DEL, so the file's parser takes it in one copy.

    Inside the file's JSON every quote of a nested JSON text would be escaped, and
    escaped strings are what makes loading slow (half the load time of a cache that
    has seen a 5,000-measure draft). DEL needs no escaping; the rare text holding a
    DEL of its own is stored as plain JSON behind a leading "J" (no JSON text starts
    with one).
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if _DEL in text:
        return "J" + text
    return text.replace('"', _DEL)


def _unpack(text: str) -> Any:
    """The value :func:`_pack` stored as ``text``; ValueError when it is not one.

    The JSON scanner is called directly: ``json.loads`` around it costs as much
    again for texts this short, and a check unpacks one per distinct word.
    """
    text = text[1:] if text.startswith("J") else text.replace(_DEL, '"')
    try:
        value, end = _SCAN(text, 0)
    except StopIteration:
        raise ValueError("not a packed value") from None
    if end != len(text):
        raise ValueError("text after the packed value")
    return value


def _decode(data: bytes, key: dict) -> Generations:
    newline = data.index(b"\n", 0, 200)
    magic, version, length, crc = data[:newline].decode("ascii").split(" ")
    payload = memoryview(data)[newline + 1:]
    if magic != _MAGIC or int(version) != FORMAT or int(length) != len(payload) or int(crc, 16) != zlib.crc32(payload):
        raise ValueError("header does not match")
    document = json.loads(bytes(payload).decode("utf-8", "surrogatepass"))
    if document.get("key") != key:
        raise ValueError("another cache key")
    generations = document["generations"]
    if not isinstance(generations, list):
        raise ValueError("no generations")
    for generation in generations:
        day, entries = generation
        if type(day) is not int or not all(isinstance(entries.get(s), dict) for s in SECTIONS):
            raise ValueError("malformed generation")
    return sorted(generations, key=lambda generation: generation[0])


def _merged(generations: Generations, today: int, fresh: dict[str, dict]) -> Generations:
    """``generations`` with ``fresh`` moved into today's, too old ones dropped, oldest first."""
    oldest = today - MAX_AGE_DAYS
    kept: Generations = []
    current = {s: {} for s in SECTIONS}
    for day, entries in generations:
        if day < oldest:
            continue
        if day >= today:  # today's (or a clock gone back): fold into today's generation
            for section in SECTIONS:
                current[section].update(entries[section])
            continue
        for section in SECTIONS:
            section_entries = entries[section]
            for key in fresh[section]:
                section_entries.pop(key, None)
        if any(entries[s] for s in SECTIONS):
            kept.append([day, entries])
    for section in SECTIONS:
        current[section].update(fresh[section])
    kept.append([today, current])
    return kept


def _prepare_directory(directory: Path) -> None:
    if directory.is_dir():
        return
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):
        (directory / "CACHEDIR.TAG").write_text(_TAG, encoding="ascii")


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    """Hold an advisory lock on ``lock_path`` (up to :data:`LOCK_WAIT` s; then go on unlocked)."""
    try:
        import fcntl
    except ImportError:  # no fcntl (Windows): last writer wins, files are still never torn
        yield
        return
    try:
        handle = open(lock_path, "a+b")
    except OSError:
        log.debug("drafter: no lock file %s", lock_path, exc_info=True)
        yield
        return
    with handle:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:  # another writer holds it
                if time.monotonic() >= deadline:
                    log.debug("drafter: %s stayed locked; writing without the lock", lock_path)
                    break
                time.sleep(0.01)
            except OSError:  # no locks on this file system
                log.debug("drafter: cannot lock %s; writing without the lock", lock_path, exc_info=True)
                break
        yield  # closing the file releases the lock


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it over ``path``.

    No fsync: after a crash a cache file may be empty or short, which the
    header check then ignores; the cache is not worth the wait.
    """
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _prune_directory(directory: Path, keep: Path) -> None:
    """Delete other keys' files unused for :data:`MAX_AGE_DAYS` (with their locks) and crashes' temporary files."""
    now = time.time()
    try:
        entries = {entry.name: entry for entry in os.scandir(directory) if entry.name.startswith(_PREFIX)}
    except OSError:
        return
    for name, entry in entries.items():
        if name in (keep.name, keep.with_suffix(".lock").name):
            continue
        try:
            age = now - entry.stat().st_mtime
        except OSError:
            continue
        if name.endswith(".tmp"):
            stale = age > 3600
        elif name.endswith(".lock"):  # only once its cache file is gone
            stale = age > MAX_AGE_DAYS * 86400 and name[:-len(".lock")] + _SUFFIX not in entries
        else:
            stale = age > MAX_AGE_DAYS * 86400
        if stale:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
