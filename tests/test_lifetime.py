"""What the console script leaves for the process's end; a library caller frees as usual."""

from __future__ import annotations

import subprocess
import sys
import weakref

from drafter import lifetime


class _Value:
    pass


def test_a_library_caller_gets_what_it_is_done_with_freed():
    assert not lifetime.ending_soon()
    value = _Value()
    alive = weakref.ref(value)
    lifetime.done_with(value)
    del value
    assert alive() is None


def test_once_the_process_is_ending_what_it_is_done_with_is_kept():
    code = (
        "import weakref\n"
        "from drafter import lifetime\n"
        "class V: pass\n"
        "lifetime.keep_until_exit()\n"
        "v = V(); alive = weakref.ref(v)\n"
        "lifetime.done_with(v); del v\n"
        "print(lifetime.ending_soon(), alive() is not None)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True"]


def test_parsed_xml_is_kept_only_when_the_command_asks_for_it():
    code = (
        "import weakref\n"
        "from drafter import lifetime\n"
        "class V: pass\n"
        "lifetime.keep_until_exit()\n"
        "tree = V(); alive = weakref.ref(tree)\n"
        "lifetime.done_with(tree, parsed_xml=True); del tree\n"
        "print(alive() is None)\n"
        "lifetime.keep_until_exit(parsed_xml=True)\n"
        "tree = V(); alive = weakref.ref(tree)\n"
        "lifetime.done_with(tree, parsed_xml=True); del tree\n"
        "print(alive() is not None)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True"]
