"""The persistent cache of Voikko's answers: hits, keys, damage, concurrency, switches, same results."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest

from drafter.nlp import voikko_cache
from drafter.nlp.morphology import GrammarError, VoikkoAnalyser, open_voikko
from drafter.nlp.voikko_cache import ANALYZE, GRAMMAR, SPELL, VoikkoCache, cache_session

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus" / "samples" / "toimintaohjelma-luonnos.docx"
KEY = {"format": voikko_cache.FORMAT, "libvoikko": "test", "dictionaries": [], "options": []}
needs_voikko = pytest.mark.skipif(open_voikko() is None, reason="Voikko (libvoikko + voikko-fi) is not installed")


class FakeError:
    def __init__(self, start: int, length: int, code: int, suggestions, description: str) -> None:
        self.startPos, self.errorLen, self.errorCode = start, length, code
        self.suggestions, self.shortDescription = suggestions, description


class FakeVoikko:
    """Answers like libvoikko's, and counts every question."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def analyze(self, word: str):
        self.calls.append(("analyze", word))
        if word == "tuntematon_sana":
            return []
        return [{"BASEFORM": word.lower(), "CLASS": "teonsana", "MOOD": "indicative", "PERSON": "4",
                 "WORDBASES": f"+{word.lower()}({word.lower()})"},
                {"BASEFORM": word.lower() + "nen", "CLASS": "nimisana", "SIJAMUOTO": "sisaolento"}]

    def spell(self, word: str) -> bool:
        self.calls.append(("spell", word))
        return not word.startswith("virhe")

    def suggest(self, word: str):
        self.calls.append(("suggest", word))
        return [word + "a", word + "e", word + "i", word + "o"]

    def grammarErrors(self, text: str, language: str):
        self.calls.append(("grammar", text))
        at = text.find("se se")
        return [FakeError(at, 5, 8, ["se"], f"Sana kahteen kertaan ({language}).")] if at >= 0 else []


@pytest.fixture(autouse=True)
def _cache_on(monkeypatch):
    monkeypatch.delenv("DRAFTER_NO_CACHE", raising=False)


def analyser(directory: Path, voikko: FakeVoikko | None = None, key: dict = KEY) -> VoikkoAnalyser:
    return VoikkoAnalyser(voikko or FakeVoikko(), cache=VoikkoCache(directory, key))


def ask_everything(analyser: VoikkoAnalyser) -> list:
    """Every kind of question, with the answers in comparable form."""
    return [
        analyser.analyses("arvioidaan"), analyser.analyses("tuntematon_sana"),
        analyser.spell("kunta"), analyser.spell("virheellinen"),
        analyser.suggest("virhe", 3), analyser.suggest("virhe", 10),
        analyser.grammar_errors("Ohjelma julkaistaan ja se se arvioidaan."),
        analyser.grammar_errors("Ohjelma julkaistaan ja se se arvioidaan.", "en"),
        analyser.grammar_errors("Kaikki on hyvin."),
    ]


def _questions() -> int:
    voikko = FakeVoikko()
    ask_everything(VoikkoAnalyser(voikko, cache=None))
    return len(voikko.calls)


QUESTIONS = _questions()  # how often Voikko is asked without a cache


def cache_file(directory: Path) -> Path:
    files = sorted(directory.glob("voikko-*.json"))
    assert len(files) == 1, files
    return files[0]


# -- hits ------------------------------------------------------------------------

def test_a_second_process_gets_every_answer_from_the_cache_without_asking_voikko(tmp_path):
    first = analyser(tmp_path)
    uncached = VoikkoAnalyser(FakeVoikko(), cache=None)
    answers = ask_everything(first)
    assert answers == ask_everything(uncached)
    assert first._store.save()
    voikko = FakeVoikko()
    second = analyser(tmp_path, voikko)
    assert ask_everything(second) == answers
    assert voikko.calls == []


def test_cached_answers_have_the_types_of_fresh_ones(tmp_path):
    first = analyser(tmp_path)
    ask_everything(first)
    first._store.save()
    second = analyser(tmp_path)
    errors = second.grammar_errors("Ohjelma julkaistaan ja se se arvioidaan.")
    assert errors == [GrammarError(23, 28, 8, ("se",), "Sana kahteen kertaan (fi).")]
    assert isinstance(errors[0].suggestions, tuple)
    analysis = second.analyses("arvioidaan")[0]
    assert analysis.is_passive and analysis.raw["BASEFORM"] == "arvioidaan"
    assert second.spell("kunta") is True and second.spell("virheellinen") is False


def test_only_new_answers_cause_a_write(tmp_path):
    first = analyser(tmp_path)
    ask_everything(first)
    assert first._store.save()
    assert not first._store.save()  # nothing new since
    second = analyser(tmp_path)
    ask_everything(second)
    assert not second._store.save()
    second.spell("uusi")
    assert second._store.save()
    assert analyser(tmp_path)._store.get(SPELL, "uusi") is True


def test_grammar_is_cached_per_exact_text_and_description_language(tmp_path):
    first = analyser(tmp_path)
    first.grammar_errors("Yksi se se.")
    first._store.save()
    voikko = FakeVoikko()
    second = analyser(tmp_path, voikko)
    second.grammar_errors("Yksi se se.")
    second.grammar_errors("Yksi se se. ")
    second.grammar_errors("Yksi se se.", "en")
    assert voikko.calls == [("grammar", "Yksi se se. "), ("grammar", "Yksi se se.")]
    text = cache_file(tmp_path).read_text(encoding="utf-8")
    assert "Yksi se se" not in text  # paragraph texts are stored as digests only


# -- the key -----------------------------------------------------------------------

def fake_libvoikko(monkeypatch, tmp_path: Path, version: str = "4.3.1"):
    dictionary = tmp_path / "dicts" / "5" / "mor-standard"
    dictionary.mkdir(parents=True, exist_ok=True)
    if not (dictionary / "mor.vfst").exists():
        (dictionary / "mor.vfst").write_bytes(b"x" * 10)
    if not (tmp_path / "binding.py").exists():
        (tmp_path / "binding.py").write_text("# binding\n")
    module = types.ModuleType("libvoikko")
    module.__file__ = str(tmp_path / "binding.py")
    module.Voikko = types.SimpleNamespace(
        getVersion=lambda: version,
        listDicts=lambda: [types.SimpleNamespace(language="fi", script="", variant="standard",
                                                 description="suomi (perussanasto)")])
    monkeypatch.setitem(sys.modules, "libvoikko", module)
    monkeypatch.setenv("VOIKKO_DICTIONARY_PATH", str(tmp_path / "dicts"))
    return dictionary


def test_the_key_changes_with_the_library_the_dictionary_and_the_options(monkeypatch, tmp_path):
    options = (("setIgnoreDot", True),)
    dictionary = fake_libvoikko(monkeypatch, tmp_path)
    key = voikko_cache.voikko_key(options)
    assert voikko_cache.voikko_key(options) == key
    assert str(dictionary / "mor.vfst") in json.dumps(key)
    fake_libvoikko(monkeypatch, tmp_path, version="4.4")
    assert voikko_cache.voikko_key(options) != key
    fake_libvoikko(monkeypatch, tmp_path)
    assert voikko_cache.voikko_key(options) == key
    assert voikko_cache.voikko_key((("setIgnoreDot", False),)) != key
    (dictionary / "mor.vfst").write_bytes(b"y" * 11)  # a new dictionary version
    assert voikko_cache.voikko_key(options) != key
    key = voikko_cache.voikko_key(options)
    (tmp_path / "binding.py").write_text("# another binding\n")
    assert voikko_cache.voikko_key(options) != key


def test_answers_saved_under_one_key_are_not_read_under_another(tmp_path):
    first = analyser(tmp_path)
    ask_everything(first)
    first._store.save()
    voikko = FakeVoikko()
    ask_everything(analyser(tmp_path, voikko, key={**KEY, "libvoikko": "other"}))
    assert len(voikko.calls) == QUESTIONS
    # Even a file renamed to the other key's name is refused: the key inside must match.
    other = VoikkoCache(tmp_path / "x", {**KEY, "libvoikko": "other"})
    other.path.parent.mkdir()
    cache_file(tmp_path).rename(other.path)
    assert other.get(SPELL, "kunta") is None


def test_the_default_key_is_that_of_the_installed_voikko():
    pytest.importorskip("libvoikko")
    from drafter.nlp.morphology import VOIKKO_OPTIONS

    key = voikko_cache.voikko_key(VOIKKO_OPTIONS)
    import libvoikko

    assert key["libvoikko"] == libvoikko.Voikko.getVersion()
    assert key["options"] == [list(option) for option in VOIKKO_OPTIONS]


# -- damage ----------------------------------------------------------------------

@pytest.mark.parametrize("damage", ["truncated", "flipped", "garbage", "empty", "wrong-structure", "folder"])
def test_a_damaged_cache_is_ignored_and_answers_come_from_voikko(tmp_path, damage):
    first = analyser(tmp_path)
    answers = ask_everything(first)
    first._store.save()
    path = cache_file(tmp_path)
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[:len(data) // 2])
    elif damage == "flipped":
        index = data.index(b"kunta")
        path.write_bytes(data[:index] + b"kanta" + data[index + 5:])
    elif damage == "garbage":
        path.write_bytes(os.urandom(len(data)))
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "wrong-structure":
        path.write_bytes(voikko_cache._encode(KEY, [[voikko_cache._today(), {"spell": []}]]))
    else:
        path.unlink()
        path.mkdir()
    voikko = FakeVoikko()
    second = analyser(tmp_path, voikko)
    assert ask_everything(second) == answers
    assert len(voikko.calls) == QUESTIONS
    if damage != "folder":
        assert second._store.save()  # the damaged file is replaced by a good one
        assert ask_everything(analyser(tmp_path)) == answers


def test_a_malformed_entry_is_asked_again(tmp_path):
    generations = [[voikko_cache._today(), {
        ANALYZE: {"arvioidaan": [{"BASEFORM": 5}], "tuntematon_sana": "x"},
        SPELL: {"kunta": "yes"},
        "suggest": {"virhe": [1, 2]},
        GRAMMAR: {voikko_cache.grammar_key("Kaikki on hyvin.", "fi"): [[0, 1, "8", [], ""]]},
    }]]
    (tmp_path / VoikkoCache(tmp_path, KEY).path.name).write_bytes(voikko_cache._encode(KEY, generations))
    voikko = FakeVoikko()
    answers = ask_everything(analyser(tmp_path, voikko))
    assert answers == ask_everything(VoikkoAnalyser(FakeVoikko(), cache=None))
    assert len(voikko.calls) == QUESTIONS


def test_an_unwritable_cache_directory_changes_nothing(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = analyser(blocker / "cache")
    answers = ask_everything(cache)
    assert not cache._store.save()
    assert answers == ask_everything(VoikkoAnalyser(FakeVoikko(), cache=None))


def test_no_home_and_no_variables_means_no_cache(monkeypatch):
    monkeypatch.delenv("DRAFTER_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: (_ for _ in ()).throw(RuntimeError("no home"))))
    assert voikko_cache.cache_dir() is None
    voikko = FakeVoikko()
    cache = VoikkoAnalyser(voikko, cache=VoikkoCache(voikko_cache.cache_dir, KEY))
    assert cache.spell("kunta") and cache.spell("kunta")
    assert voikko.calls == [("spell", "kunta")]
    assert not cache._store.save()


def test_the_cache_folder_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "a"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "b"))
    assert voikko_cache.cache_dir() == tmp_path / "a"
    monkeypatch.delenv("DRAFTER_CACHE_DIR")
    assert voikko_cache.cache_dir() == tmp_path / "b" / "drafter"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # ignored, as the XDG spec says
    assert voikko_cache.cache_dir() == Path.home() / ".cache" / "drafter"


# -- several writers -----------------------------------------------------------------

def _learn_and_save(directory: str, words: list[str], barrier) -> None:
    cache = VoikkoCache(Path(directory), KEY)
    analyser = VoikkoAnalyser(FakeVoikko(), cache=cache)
    for word in words:
        analyser.spell(word)
        analyser.analyses(word)
    barrier.wait()
    if not cache.save():
        raise SystemExit(3)


def test_concurrent_writers_never_tear_the_file_and_lose_nothing(tmp_path):
    context = multiprocessing.get_context("fork")
    for round_ in range(3):
        barrier = context.Barrier(4)
        words = [[f"sana{round_}x{n}x{i}" for i in range(300)] for n in range(4)]
        processes = [context.Process(target=_learn_and_save, args=(str(tmp_path), batch, barrier))
                     for batch in words]
        for process in processes:
            process.start()
        for process in processes:
            process.join(30)
            assert process.exitcode == 0
        reader = VoikkoCache(tmp_path, KEY)
        for batch in words:
            for word in batch:
                assert reader.get(SPELL, word) is True
                assert reader.get(ANALYZE, word)
    assert not list(tmp_path.glob("*.tmp"))


def test_the_forked_partner_saves_what_it_learnt_before_sending():
    import drafter.checks.language  # noqa: F401 - registers the hook
    from drafter.checks.parallel import AFTER_PARTNER_WORK

    assert voikko_cache.save_all in AFTER_PARTNER_WORK


# -- switches ------------------------------------------------------------------------

def test_drafter_no_cache_reads_and_writes_nothing(monkeypatch, tmp_path):
    first = analyser(tmp_path)
    ask_everything(first)
    first._store.save()
    before = cache_file(tmp_path).read_bytes()
    monkeypatch.setenv("DRAFTER_NO_CACHE", "1")
    voikko = FakeVoikko()
    second = analyser(tmp_path, voikko)
    ask_everything(second)
    second.spell("uusi")
    assert len(voikko.calls) == QUESTIONS + 1
    assert not second._store.save()
    assert cache_file(tmp_path).read_bytes() == before
    empty = tmp_path / "empty"
    third = analyser(empty)
    ask_everything(third)
    third._store.save()
    assert not empty.exists()


def test_cache_session_false_reads_and_writes_nothing_and_true_saves(tmp_path):
    voikko = FakeVoikko()
    with cache_session(False):
        off = analyser(tmp_path, voikko)
        ask_everything(off)
    assert not list(tmp_path.glob("voikko-*.json"))
    assert len(voikko.calls) == QUESTIONS
    with cache_session(True):
        on = analyser(tmp_path)
        ask_everything(on)
    assert cache_file(tmp_path).exists()  # saved at the end of the session


# -- ageing and size -------------------------------------------------------------------

def test_old_generations_are_dropped_and_used_entries_refreshed(monkeypatch, tmp_path):
    day = 20_000
    monkeypatch.setattr(voikko_cache, "_today", lambda: day)
    first = analyser(tmp_path)
    first.spell("vanha")
    first.spell("kaytetty")
    first._store.save()
    day += voikko_cache.REFRESH_DAYS + 1
    second = analyser(tmp_path)
    assert second._store.get(SPELL, "kaytetty") is True
    assert second._store.save()  # an old entry was used: it moves to today's generation
    generations = voikko_cache._read(cache_file(tmp_path), KEY)
    assert [d for d, _ in generations] == [20_000, day]
    assert "kaytetty" in generations[-1][1][SPELL] and "kaytetty" not in generations[0][1][SPELL]
    day += voikko_cache.MAX_AGE_DAYS
    third = analyser(tmp_path)
    third.spell("uusi")
    third._store.save()
    generations = voikko_cache._read(cache_file(tmp_path), KEY)
    assert [d for d, _ in generations] == [day - voikko_cache.MAX_AGE_DAYS, day]
    assert VoikkoCache(tmp_path, KEY).get(SPELL, "vanha") is None


def test_past_the_size_cap_the_oldest_generations_go(monkeypatch, tmp_path):
    day = 20_000
    monkeypatch.setattr(voikko_cache, "_today", lambda: day)
    first = analyser(tmp_path)
    for i in range(200):
        first.spell(f"ensimmainen{i}")
    first._store.save()
    size = cache_file(tmp_path).stat().st_size
    monkeypatch.setattr(voikko_cache, "MAX_BYTES", int(size * 1.5))
    day += 1
    second = analyser(tmp_path)
    for i in range(200):
        second.spell(f"toinen{i}")
    assert second._store.save()
    reader = VoikkoCache(tmp_path, KEY)
    assert reader.get(SPELL, "toinen0") is True and reader.get(SPELL, "ensimmainen0") is None
    assert cache_file(tmp_path).stat().st_size <= voikko_cache.MAX_BYTES


def test_files_of_keys_unused_for_long_are_deleted(tmp_path):
    old = tmp_path / "voikko-0123456789abcdef0123.json"
    old.write_text("old")
    recent = tmp_path / "voikko-fedcba98765432100123.json"
    recent.write_text("recent")
    stamp = time.time() - (voikko_cache.MAX_AGE_DAYS + 1) * 86400
    os.utime(old, (stamp, stamp))
    cache = analyser(tmp_path)
    cache.spell("kunta")
    cache._store.save()
    assert not old.exists() and recent.exists()


# -- the real thing ----------------------------------------------------------------------

def _check_json(tmp_path: Path, *extra: str, env: dict | None = None) -> dict:
    command = [sys.executable, "-c", "from drafter.cli import main; main()", "check", str(SAMPLE),
               "--format", "json", *extra]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=300,
                          env={**os.environ, "DRAFTER_CACHE_DIR": str(tmp_path), **(env or {})})
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(done.stdout)
    for file in report["files"]:
        file.pop("file", None)
    return report


@needs_voikko
def test_drafter_check_finds_the_same_with_a_cold_a_warm_and_no_cache(tmp_path):
    if not (REPO / "drafter" / "cli.py").exists() or not SAMPLE.exists():
        pytest.skip("no sample draft")
    uncached = _check_json(tmp_path / "none", "--no-cache")
    assert not (tmp_path / "none").exists()
    assert _check_json(tmp_path / "none", env={"DRAFTER_NO_CACHE": "1"}) == uncached
    assert not (tmp_path / "none").exists()
    cold = _check_json(tmp_path / "cache")
    written = cache_file(tmp_path / "cache")
    stamp = written.stat().st_mtime_ns
    warm = _check_json(tmp_path / "cache")
    assert cold == warm == uncached
    assert written.stat().st_mtime_ns == stamp  # nothing new was learnt: nothing written


def test_a_stand_in_for_voikko_never_gets_the_shared_cache():
    assert VoikkoAnalyser(FakeVoikko())._store is None


def test_a_writer_waits_for_the_lock_and_then_writes_anyway(monkeypatch, tmp_path):
    fcntl = pytest.importorskip("fcntl")
    cache = analyser(tmp_path)
    cache.spell("kunta")
    tmp_path.mkdir(exist_ok=True)
    monkeypatch.setattr(voikko_cache, "LOCK_WAIT", 0.2)
    with open(cache._store.path.with_suffix(".lock"), "a+b") as holder:
        fcntl.flock(holder.fileno(), fcntl.LOCK_EX)
        started = time.monotonic()
        assert cache._store.save()
        assert time.monotonic() - started >= 0.2
    assert VoikkoCache(tmp_path, KEY).get(SPELL, "kunta") is True


@pytest.mark.parametrize("value", [
    [{"BASEFORM": "kunta", "FSTOUTPUT": '[Ln]kunta "lainaus" \\ kenoviiva'}],
    [{"BASEFORM": "outo\x7fmerkki"}],
    [],
    "Jokin",
    None,
])
def test_packed_analyses_come_back_as_they_were_stored(value):
    packed = voikko_cache._pack(value)
    assert '"' not in packed or packed.startswith("J")
    assert voikko_cache._unpack(packed) == value


def test_packed_analyses_load_from_the_file_without_escapes(tmp_path):
    analyses = [{"BASEFORM": "kunta", "CLASS": "nimisana", "SIJAMUOTO": "nimento"}]
    data = voikko_cache._encode(KEY, [[voikko_cache._today(), {
        ANALYZE: {"kunta": analyses}, SPELL: {}, "suggest": {}, GRAMMAR: {}}]])
    assert b'\\"' not in data
    (tmp_path / VoikkoCache(tmp_path, KEY).path.name).write_bytes(data)
    assert VoikkoCache(tmp_path, KEY).get(ANALYZE, "kunta") == analyses


@pytest.mark.parametrize("damaged", ["", "[{\x7fBASEFORM\x7f:", "[] trailing", "J", "J[1,"])
def test_a_damaged_packed_entry_is_refused_not_misread(damaged):
    with pytest.raises(ValueError):
        voikko_cache._unpack(damaged)
