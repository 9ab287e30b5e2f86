"""What the console script leaves for the process's end; a library caller frees as usual."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref

from drafter import lifetime


class _Value:
    pass


def _in_a_fresh_process(lines: list[str]) -> list[str]:
    """What ``lines`` print, run after ``from drafter import lifetime`` in a new interpreter."""
    code = "\n".join(["import weakref", "from drafter import lifetime", "class V: pass", *lines]) + "\n"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()


def _hand_over(parsed_xml: bool) -> list[str]:
    """Lines that hand a fresh value to done_with and print whether it is still alive."""
    return ["v = V(); alive = weakref.ref(v)", f"lifetime.done_with(v, parsed_xml={parsed_xml}); del v",
            "print(alive() is not None)"]


def test_a_library_caller_gets_what_it_is_done_with_freed():
    assert not lifetime.ending_soon()
    value = _Value()
    alive = weakref.ref(value)
    lifetime.done_with(value)
    del value
    assert alive() is None


def test_once_the_process_is_ending_what_it_is_done_with_is_kept():
    printed = _in_a_fresh_process(["lifetime.keep_until_exit()", "print(lifetime.ending_soon())",
                                   *_hand_over(parsed_xml=False)])
    assert printed == ["True", "True"]


def test_parsed_xml_is_kept_only_when_the_command_asks_for_it():
    printed = _in_a_fresh_process(["lifetime.keep_until_exit()", *_hand_over(parsed_xml=True),
                                   "lifetime.keep_until_exit(parsed_xml=True)", *_hand_over(parsed_xml=True)])
    assert printed == ["False", "True"]


def test_the_collector_is_paused_in_the_block_and_back_after_it():
    assert gc.isenabled()
    with lifetime.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_already_off_stays_off_and_resume_false_leaves_it_off():
    gc.disable()
    try:
        with lifetime.collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    with lifetime.collector_paused(resume=False):
        pass
    assert not gc.isenabled()
    gc.enable()


def test_freeze_hides_what_exists_from_the_collector_for_the_block_only():
    with lifetime.collector_paused(freeze=True):
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0 and gc.isenabled()
