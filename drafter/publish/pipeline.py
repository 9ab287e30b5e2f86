"""``drafter publish``: make the publication version of a draft and list every edit.

Two stages, each checked by the no-text-lost invariant before anything is written:

1. *Package clean-up* on the source: comments, highlights and draft watermarks
   removed, tracked changes accepted (or rejected), personal metadata removed and
   publication properties set. Locations in this stage's changes are the
   source's paragraphs.
2. *Text edits* on the accepted draft read back: draft marker words, hidden
   text (when asked), the fixes of ``drafter check`` (safe ones; unsafe ones when
   asked), and renumbering of typed measure numbers with every cross-reference.
   Locations are the output's paragraphs.
3. *Restyling* with a publication template (``--template``, like pandoc's
   reference doc): styles, page setup, headers and footers from the template
   (:mod:`drafter.ooxml.restyle`). Body and notes keep their text; each replaced
   header or footer and the styles taken are listed as ``template-applied``.

After each stage the edited package is read back with the reader and its text
is compared with the text before the stage with every listed edit applied (see
:mod:`drafter.publish.textview`); a difference ends publish with one line and no
output. The input is never modified; outputs are written atomically.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from drafter.errors import DrafterError
from drafter.findings import Change, Finding, FindingLocation
from drafter.publish.plan import PlannedEdit, plan_fixes, plan_hidden_text, plan_markers, without_overlaps
from drafter.publish.renumber import plan_renumbering
from drafter.publish.textview import Join, Stories, TextEdit, check_invariant, minimal_edit

SCHEMA = "drafter.changes/1"


@dataclass(frozen=True)
class PublishOptions:
    """What publish does; every step is on by default."""

    reject: bool = False
    keep_comments: bool = False
    keep_highlights: bool = False
    keep_metadata: bool = False
    remove_hidden: bool = False
    fixes: str = "safe"            # "safe" | "unsafe" | "none"
    renumber: bool = True
    remove_markers: bool = True
    check_remaining: bool = True   # run the checks on the result for ``remaining``
    config_path: Path | None = None
    force: bool = False
    template: Path | None = None   # publication template (.docx/.dotx) to restyle with

    @classmethod
    def from_config(cls, config, **overrides) -> "PublishOptions":
        """Options from a config's ``[publish]`` table, command-line values laid over them."""
        settings = dict(getattr(config, "publish", {}) or {})
        values: dict[str, Any] = {}
        if settings.get("accept_revisions") is False:
            values["reject"] = True
        if settings.get("remove_comments") is False:
            values["keep_comments"] = True
        if settings.get("remove_highlights") is False:
            values["keep_highlights"] = True
        if settings.get("remove_hidden_text") is True:
            values["remove_hidden"] = True
        if settings.get("strip_metadata") is False:
            values["keep_metadata"] = True
        if settings.get("renumber") is False:
            values["renumber"] = False
        if settings.get("apply_fixes") in ("safe", "unsafe", "none"):
            values["fixes"] = settings["apply_fixes"]
        if settings.get("template"):
            # relative to the drafter.toml that names it
            base = Path(config.path).parent if getattr(config, "path", None) else Path.cwd()
            values["template"] = base / settings["template"]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


@dataclass
class PublishResult:
    """What publish did: the change log, the renumbering map, what remains for editors."""

    source: str
    output: str
    changes: list[Change] = field(default_factory=list)
    renumbered: dict[str, int] = field(default_factory=dict)
    remaining: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    data: bytes = b""
    redline: bytes | None = None

    def to_json(self) -> dict[str, Any]:
        """The change log exactly per contract §3 (``notes`` added)."""
        out = {
            "schema": SCHEMA, "source": self.source, "output": self.output,
            "changes": [c.to_json() for c in self.changes],
            "renumbered": dict(self.renumbered),
            "remaining": [f.to_json() for f in self.remaining],
        }
        if self.notes:
            out["notes"] = list(self.notes)
        return out


def publish_file(source: Path, output: Path, options: PublishOptions | None = None,
                 redline: bool = False, write: bool = True) -> PublishResult:
    """Publish ``source`` to ``output``; with ``write`` False only compute the result.

    Raises InputError for an unreadable source, OutputError for a refused output
    and InvariantError when the text would change without a listed change.
    """
    from drafter.config import load_config
    from drafter.io import check_output_path

    source, output = Path(source), Path(output)
    options = options or PublishOptions()
    inputs = [source] + ([Path(options.template)] if options.template is not None else [])
    if write:
        check_output_path(output, inputs, force=options.force)
    config = load_config(source, options.config_path)
    publisher = _Publisher(source, output, options, config)
    if options.template is not None:
        publisher.load_template(Path(options.template))
    result = publisher.run(redline)
    if write:
        from drafter.io import write_bytes_atomic

        write_bytes_atomic(output, result.data, inputs=inputs, force=options.force)
    return result


class _Publisher:
    def __init__(self, source: Path, output: Path, options: PublishOptions, config) -> None:
        self.source, self.output, self.options, self.config = source, output, options, config
        self.tmp = tempfile.TemporaryDirectory(prefix="drafter-publish-")
        self.result = PublishResult(source=source.name, output=output.name)
        self.new_numbers: dict[int, int] = {}
        self.list_starts: list = []
        self.sections: list = []
        self.generated_edits: list[TextEdit] = []
        self.section_changes: list[Change] = []
        self.template = None        # the publication template's Package, when restyling
        self.template_doc = None

    def load_template(self, path: Path) -> None:
        """Read the publication template; an unreadable one ends publish before anything is written."""
        from drafter.ooxml.package import Package

        self.template = Package(str(path))
        self.template_doc = self._read(path)

    def run(self, redline: bool) -> PublishResult:
        try:
            return self._run(redline)
        finally:
            self.tmp.cleanup()

    # -- helpers ---------------------------------------------------------------

    def _write_tmp(self, name: str, data: bytes) -> Path:
        path = Path(self.tmp.name) / name
        path.write_bytes(data)
        return path

    def _read(self, path: Path):
        from drafter.ooxml.reader import read_document

        return read_document(str(path))

    def _recognise(self, document):
        from drafter.structure import recognise

        try:
            return recognise(document, language=self.config.language, profile=self.config.profile)
        except Exception as exc:  # noqa: BLE001 - locations are extra; publishing goes on
            self.result.notes.append(f"structure not recognised ({type(exc).__name__}: {exc}); "
                                     "changes carry no measure numbers")
            return None

    @staticmethod
    def _measure_lookup(programme, new_numbers: dict[int, int] | None = None):
        """A function giving the number of the measure a body paragraph belongs to (or None).

        With ``new_numbers`` (measure opening paragraph -> number after renumbering)
        the number is the one the measure has in the output.
        """
        body_parts = {p.location.part for p in programme.document.paragraphs()} if programme else set()

        def measure_at(paragraph) -> int | None:
            if programme is None or paragraph is None or paragraph.location.part not in body_parts:
                return None
            found = programme.measure_at(paragraph.location.paragraph)
            if found is None:
                return None
            return (new_numbers or {}).get(found.location.paragraph, found.number)
        return measure_at

    # -- the two stages ---------------------------------------------------------

    def _run(self, redline: bool) -> PublishResult:
        from drafter.ooxml.package import Package
        from drafter.ooxml.writer import PackageEditor

        source_doc = self._read(self.source)
        source_programme = self._recognise(source_doc)
        self.source_programme = source_programme
        measure_at = self._measure_lookup(source_programme)
        package = Package(str(self.source))
        editor = PackageEditor(package)
        stage1_edits: list = []
        self._clean_package(editor, source_doc, measure_at, stage1_edits)
        if editor.touched():
            accepted_path = self._write_tmp("accepted.docx", editor.to_bytes())
            accepted_doc = self._read(accepted_path)
            expected = Stories.of(source_doc).apply(stage1_edits)
            check_invariant(expected, Stories.of(accepted_doc), "publish")
        else:
            accepted_path, accepted_doc = self.source, source_doc

        accepted_programme = self._recognise(accepted_doc) if accepted_doc is not source_doc else source_programme
        measure_at = self._measure_lookup(accepted_programme)
        planned = self._plan_text_edits(accepted_doc, accepted_programme, measure_at)
        self._renumber_stage_one(source_programme, accepted_programme)
        self._plan_sections(accepted_programme)
        planned = self._feasible(accepted_path, planned)
        if planned or self.list_starts or self.sections:
            data, redline_data = self._apply_text_edits(accepted_path, planned, redline)
            final_path = self._write_tmp("published.docx", data)
            final_doc = self._read(final_path)
            expected = Stories.of(accepted_doc).apply([p.edit for p in planned] + self.generated_edits)
            check_invariant(expected, Stories.of(final_doc), "publish")
            self.result.changes.extend(p.change for p in planned)
            self._check_list_starts(final_doc)
            self.result.changes.extend(self.section_changes)
        else:
            data = accepted_path.read_bytes()
            final_doc = accepted_doc
            redline_data = data if redline else None
        if self.template is not None:
            data, final_doc = self._restyle(data, final_doc)
        self.result.data = data
        self.result.redline = redline_data
        final_programme = accepted_programme if final_doc is accepted_doc else self._recognise(final_doc)
        if self.options.check_remaining:
            self._remaining(final_programme)
        from drafter.publish.accessibility import accessibility_findings

        self.result.remaining.extend(accessibility_findings(final_doc, final_programme, self.config))
        return self.result

    def _restyle(self, data: bytes, document) -> tuple[bytes, Any]:
        """Stage 3: the template's styles, page setup, headers and footers; body and notes keep their text."""
        from drafter.ooxml.package import Package
        from drafter.ooxml.restyle import apply_template
        from drafter.ooxml.writer import PackageEditor

        editor = PackageEditor(Package(str(self._write_tmp("unstyled.docx", data))))
        report = apply_template(editor, self.template)
        restyled_data = editor.to_bytes()
        restyled = self._read(self._write_tmp("restyled.docx", restyled_data))
        before, template_stories = Stories.of(document), Stories.of(self.template_doc)
        replaced = {s.draft_part for s in report.stories if s.draft_part}
        expected = {part: texts for part, texts in before.parts.items() if part not in replaced}
        for story in report.stories:
            if story.output_part:
                expected[story.output_part] = dict(template_stories.parts.get(story.template_part, {}))
        check_invariant(Stories(expected), Stories.of(restyled), "publish --template")

        changes = self.result.changes
        for story in report.stories:
            if story.draft_part and story.template_part and \
                    editor.package.read(story.draft_part) == self.template.read(story.template_part):
                continue   # already the template's own (a publication restyled before)
            was = "\n".join(before.sequence(story.draft_part)) if story.draft_part else ""
            now = "\n".join(template_stories.sequence(story.template_part)) if story.template_part else ""
            what = f"{story.kind} ({story.type})"
            note = (f"{what} replaced by the template's {story.template_part}" if story.draft_part and story.output_part
                    else f"{what} removed: the template has none" if story.draft_part
                    else f"{what} added from the template's {story.template_part}")
            changes.append(Change("template-applied", was, now,
                                  FindingLocation(part=story.draft_part or story.output_part), note=note))
        changes.append(Change("template-applied", "", Path(self.template.path).name,
                              FindingLocation(part="word/styles.xml"), note=_restyle_summary(report)))
        self.result.notes.extend(f"template: {note}" for note in report.notes)
        self._number_changes(document, restyled)
        return restyled_data, restyled

    def _number_changes(self, document, restyled) -> None:
        """List each paragraph whose automatic number the template's styles changed (it is visible text)."""
        shown = {p.location.paragraph: (p.numbering.label if p.numbering else "") for p in restyled.paragraphs()}
        differ = [(p, p.numbering.label if p.numbering else "") for p in document.paragraphs()
                  if shown.get(p.location.paragraph, "") != (p.numbering.label if p.numbering else "")]
        if not differ:
            return
        measure_at = self._measure_lookup(self._recognise(restyled))
        for paragraph, label in differ:
            now = shown.get(paragraph.location.paragraph, "")
            self.result.changes.append(Change(
                "template-applied", label, now,
                FindingLocation(measure=measure_at(paragraph), paragraph=paragraph.location.paragraph,
                                text=paragraph.text[:80], part=paragraph.location.part),
                note="automatic number changed by the template's styles"))

    def _renumber_stage_one(self, source_programme, accepted_programme) -> None:
        """Give stage-1 changes the output's measure numbers (their paragraphs stay the source's).

        Measures are matched by their order, which accepting revisions keeps unless a
        whole measure was inserted or deleted; then the source's numbers are kept.
        """
        if source_programme is None or accepted_programme is None or not self.new_numbers:
            return
        if len(source_programme.measures) != len(accepted_programme.measures):
            self.result.notes.append("measure numbers of tracked changes, comments and highlights are the "
                                     "draft's own: accepting revisions changed the number of measures")
            return
        order = {m.location.paragraph: i for i, m in enumerate(source_programme.measures)}
        accepted = accepted_programme.measures
        changes = self.result.changes
        for i, change in enumerate(changes):
            loc = change.location
            if loc.measure is None or loc.paragraph is None:
                continue
            found = source_programme.measure_at(loc.paragraph) if loc.part == "word/document.xml" else None
            if found is None or found.location.paragraph not in order:
                continue
            target = accepted[order[found.location.paragraph]]
            number = self.new_numbers.get(target.location.paragraph, target.number)
            if number != loc.measure:
                changes[i] = replace(change, location=replace(loc, measure=number))

    def _clean_package(self, editor, source_doc, measure_at, edits: list) -> None:
        from drafter.ooxml import cleanup, metadata

        changes = self.result.changes
        options = self.options
        main = editor.main_part
        paragraphs = {(p.location.part, p.location.paragraph): p for p in source_doc.all_paragraphs()}

        # A publication version is a plain .docx: macros (.docm) are dropped, never run,
        # and a template's or macro document's main part becomes an ordinary document.
        macros = cleanup.remove_macros(editor)
        for part in macros.parts:
            changes.append(Change("macros-removed", part, "", FindingLocation(part=part),
                                  note="macro project removed: a publication version carries no macros"))
        if macros.main_type_after != macros.main_type_before:
            changes.append(Change("content-type-changed", macros.main_type_before or "", macros.main_type_after or "",
                                  FindingLocation(part=main), note="the publication version is a plain .docx document"))

        if not options.keep_comments:
            removal = cleanup.remove_comments(editor)
            anchors = _comment_anchors(source_doc)
            for comment in source_doc.comments:
                where = anchors.get(comment.id)
                location = FindingLocation(part=main)
                if where is not None:
                    location = FindingLocation(measure=measure_at(where[0]), paragraph=where[0].location.paragraph,
                                               start=where[1], end=where[2],
                                               text=where[0].text[where[1]:where[2]], part=where[0].location.part)
                author = comment.author or "unknown author"
                changes.append(Change("comment-removed", f"{author}: {comment.text}", "", location,
                                      note=f"comment {comment.id}" + (f" of {comment.date}" if comment.date else "")))
            if removal.parts and not source_doc.comments:
                self.result.notes.append("removed comment parts that held no readable comment: "
                                         + ", ".join(removal.parts))
        if not options.keep_highlights:
            for found in cleanup.remove_highlights(editor):
                paragraph = paragraphs.get((found.part, found.paragraph))
                location = FindingLocation(
                    measure=measure_at(paragraph) if paragraph else None, paragraph=found.paragraph,
                    text=found.text, part=found.part)
                changes.append(Change("highlight-removed", found.text, found.text, location,
                                      note="highlight " + ", ".join(c for c in found.colours if c)))
        if options.remove_markers:
            for part, text in cleanup.remove_watermarks(editor):
                changes.append(Change("marker-removed", text, "", FindingLocation(part=part),
                                      note="draft watermark removed"))

        self._resolve_revisions(editor, source_doc, paragraphs, measure_at, edits)
        for edit in metadata.stop_tracking(editor):
            changes.append(Change("metadata-removed", edit.before, edit.after, FindingLocation(part=edit.part),
                                  note="Track Changes switched off"))
        if not options.keep_metadata:
            keep = tuple(self.config.publish.get("keep_custom_properties", ()) or ())
            for edit in metadata.strip_personal_metadata(editor, keep):
                changes.append(Change("metadata-removed", edit.before, "", FindingLocation(part=edit.part),
                                      note=edit.name))
        settings = self.config.publish
        values = {key: settings.get(key) for key in ("title", "subject")}
        programme = self.source_programme
        # accessibility: a document needs a title and a language; the draft's own ones will do
        if not values["title"] and not (source_doc.properties.title or "").strip() and programme is not None \
                and programme.title and _opens_with(source_doc, programme.title):
            values["title"] = programme.title.strip()
        keywords = settings.get("keywords")
        if keywords:
            values["keywords"] = ", ".join(keywords) if isinstance(keywords, (list, tuple)) else str(keywords)
        language = settings.get("language") or self.config.language
        if not language and not (source_doc.properties.language or source_doc.default_language) \
                and programme is not None and programme.language in metadata.LANGUAGE_TAGS:
            language = programme.language
        if language:
            values["language"] = metadata.LANGUAGE_TAGS.get(language, language)
        for edit in metadata.set_properties(editor, {k: v for k, v in values.items() if v}):
            changes.append(Change("metadata-set", edit.before, edit.after, FindingLocation(part=edit.part),
                                  note=edit.name))

    def _resolve_revisions(self, editor, source_doc, paragraphs, measure_at, edits: list) -> None:
        from drafter.ooxml import revisions

        parts = _revision_parts(editor, self.options.keep_comments)
        touched = {}
        for name in parts:
            if not revisions.may_have_revisions(editor.read(name)):
                continue
            touched[name] = editor.tree(name)
        if not touched:
            return
        if self.options.reject:
            self._reject(editor, source_doc, touched, measure_at, edits)
            return
        for name, root in touched.items():
            resolution = revisions.accept_all(root)
            edits.extend(Join(name, index) for index in resolution.joined if index >= 0)
        for paragraph in source_doc.all_paragraphs():
            for revision in paragraph.revisions:
                self.result.changes.append(_revision_change(paragraph, revision, measure_at, "revision-accepted"))

    def _reject(self, editor, source_doc, touched, measure_at, edits: list) -> None:
        """Reject: the expected text is the reader's view of the draft with every revision swapped."""
        from drafter.ooxml import revisions
        from drafter.ooxml.package import Package
        from drafter.ooxml.writer import PackageEditor

        swapped = PackageEditor(Package(str(self.source)))
        for name in touched:
            revisions.swap_revisions(swapped.tree(name))
        swapped_doc = self._read(self._write_tmp("swapped.docx", swapped.to_bytes()))
        for name, root in touched.items():
            resolution = revisions.reject_all(root)
            edits_here = [Join(name, index) for index in resolution.joined if index >= 0]
            edits.extend(edits_here)
        before, after = Stories.of(source_doc), Stories.of(swapped_doc)
        by_key = {(p.location.part, p.location.paragraph): p for p in swapped_doc.all_paragraphs()}
        by_key.update({(p.location.part, p.location.paragraph): p for p in source_doc.all_paragraphs()})
        for part in sorted(set(before.parts) | set(after.parts)):
            old, new = before.parts.get(part, {}), after.parts.get(part, {})
            for index in sorted(set(old) | set(new)):
                a, b = old.get(index), new.get(index)
                if a == b:
                    continue
                a, b = a or "", b or ""
                paragraph = by_key.get((part, index))
                per_revision = _rejected_revisions(paragraph, b) if index in old else None
                if per_revision is not None:
                    for revision, edit in per_revision:
                        edits.append(edit)
                        self.result.changes.append(_revision_change(paragraph, revision, measure_at,
                                                                    "revision-rejected"))
                    continue
                start, end, was, now = minimal_edit(a, b)
                if index not in old:
                    start, end, was, now = 0, 0, "", b
                location = FindingLocation(
                    measure=measure_at(paragraph) if paragraph is not None else None, paragraph=index,
                    start=start, end=end, text=was, part=part)
                edits.append(TextEdit(part, index, start, end, now))
                self.result.changes.append(Change("revision-rejected", was, now, location,
                                                  note="tracked changes rejected in this paragraph"))
        for paragraph in source_doc.all_paragraphs():
            for revision in paragraph.revisions:
                if revision.kind in ("rPrChange", "pPrChange", "other"):
                    change = _revision_change(paragraph, revision, measure_at, "revision-rejected")
                    self.result.changes.append(change)

    def _plan_text_edits(self, document, programme, measure_at) -> list[PlannedEdit]:
        options = self.options
        ordered: list[PlannedEdit] = []
        if options.renumber and programme is not None:
            plan = plan_renumbering(programme)
            self.new_numbers = plan.new_numbers
            self.list_starts = plan.list_starts
            measure_at = self._measure_lookup(programme, plan.new_numbers)
            plan.edits = [PlannedEdit(replace(p.change, location=replace(p.change.location,
                                                                         measure=measure_at(_Where(p.edit)))), p.edit)
                          if p.change.kind == "reference-updated" else p for p in plan.edits]
            ordered.extend(plan.edits)
            self.result.renumbered = plan.renumbered
            self.result.remaining.extend(plan.remaining)
        if options.remove_markers:
            ordered.extend(plan_markers(document, measure_at))
        if options.remove_hidden:
            ordered.extend(plan_hidden_text(document, measure_at))
        if options.fixes != "none" and programme is not None:
            findings = self._check(programme)
            fixes, _ = plan_fixes(findings, document, options.fixes == "unsafe")
            ordered.extend(PlannedEdit(replace(p.change, location=replace(p.change.location,
                                                                           measure=measure_at(_Where(p.edit)))),
                                       p.edit) for p in fixes)
        kept, dropped = without_overlaps(ordered)
        for planned in dropped:
            self.result.notes.append(
                f"{planned.change.kind} at {planned.edit.part} paragraph {planned.edit.paragraph} was not made: "
                "it overlaps another edit")
        if dropped and any(p.change.kind in ("measure-renumbered", "reference-updated") for p in dropped):
            self.result.renumbered = _renumbered_of(kept)
        return kept

    def _check(self, programme) -> list[Finding]:
        from drafter.checks.engine import run_checks

        try:
            return list(run_checks(programme, self.config).findings)
        except DrafterError:
            raise
        except Exception as exc:  # noqa: BLE001 - fixes are optional; the publication still stands
            self.result.notes.append(f"checks could not run, no fixes applied ({type(exc).__name__}: {exc})")
            return []

    def _feasible(self, accepted_path: Path, planned: list[PlannedEdit]) -> list[PlannedEdit]:
        """The planned edits that can be made in the XML; the others are noted and left out."""
        if not planned:
            return planned
        from drafter.ooxml.edit import EditError, part_segments
        from drafter.ooxml.package import Package
        from drafter.ooxml.writer import PackageEditor

        editor = PackageEditor(Package(str(accepted_path)))
        # One linear walk per edited part, not one walk of the part per edit.
        by_part: dict[str, dict[int, list]] = {}
        kept = []
        for p in planned:
            e = p.edit
            try:
                paragraphs = by_part.get(e.part)
                if paragraphs is None:
                    paragraphs = by_part[e.part] = dict(part_segments(editor.peek(e.part)))
                if e.paragraph not in paragraphs:
                    raise EditError(f"paragraph {e.paragraph} does not exist")
                every = paragraphs[e.paragraph]
                length = every[-1].end if every else 0
                if not 0 <= e.start <= e.end <= length:
                    raise EditError(f"range {e.start}..{e.end} is outside the paragraph's text (length {length})")
                segments = [s for s in every if s.end > e.start and s.start < e.end]
                if any(segment.in_math for segment in segments):
                    raise EditError("the text is inside an equation")
            except (EditError, KeyError) as exc:
                self.result.notes.append(f"{p.change.kind} at {e.part} paragraph {e.paragraph} was not made: {exc}")
                continue
            kept.append(p)
        return kept

    def _apply_text_edits(self, accepted_path: Path, planned: list[PlannedEdit],
                          redline: bool) -> tuple[bytes, bytes | None]:
        from drafter.ooxml.cleanup import set_list_start
        from drafter.ooxml.edit import EditError, apply_replacements
        from drafter.ooxml.package import Package
        from drafter.ooxml.writer import PackageEditor

        by_part: dict[str, list] = {}
        for p in planned:
            by_part.setdefault(p.edit.part, []).append((p.edit.paragraph, p.edit.start, p.edit.end, p.edit.new_text))
        outputs = []
        for tracked in ((False, True) if redline else (False,)):
            editor = PackageEditor(Package(str(accepted_path)))
            for part, edits in by_part.items():
                try:
                    apply_replacements(editor.tree(part), edits, tracked=tracked, author="drafter")
                except EditError as exc:
                    raise PublishError(f"publish: an edit in {part} could not be made ({exc}); "
                                       "nothing was written") from None
            for num_id, level, start, _ in self.list_starts:
                set_list_start(editor, num_id, level, start)
            if not tracked:
                self._append_sections(editor)
            outputs.append(editor.to_bytes())
        return outputs[0], (outputs[1] if redline else None)

    def _plan_sections(self, programme) -> None:
        if programme is None:
            return
        from drafter.publish.generated import plan_sections

        try:
            self.sections = plan_sections(programme, self.config, self.new_numbers)
        except Exception as exc:  # noqa: BLE001 - a generated section is extra; the publication stands
            self.result.notes.append(f"generated sections skipped ({type(exc).__name__}: {exc})")

    def _append_sections(self, editor) -> None:
        """Write the planned sections; list each with the text edits that explain it."""
        from drafter.ooxml.writer import append_body_blocks

        for section in self.sections:
            added = append_body_blocks(editor, section.key, section.blocks)
            if added is None:
                self.result.notes.append(f"{section.title}: already in the document, not added again")
                continue
            first, texts = added
            main = editor.main_part
            self.generated_edits.extend(TextEdit(main, first + i, 0, 0, text) for i, text in enumerate(texts))
            tables = [b for b in section.blocks if b.kind == "table"]
            rows = sum(len(t.rows) for t in tables)
            self.section_changes.append(Change(
                "section-generated", "", section.title, FindingLocation(paragraph=first, part=main),
                note=f"{section.key.strip('_').replace('_', ' ')}: {len(texts)} paragraph(s)"
                     + (f", a table of {rows} row(s)" if tables else "")))

    def _check_list_starts(self, final_doc) -> None:
        """List each fixed list start, confirmed by the number Word will show in the output."""
        shown = {p.location.paragraph: p.numbering.value for p in final_doc.paragraphs() if p.numbering}
        for _, _, start, change in self.list_starts:
            if shown.get(change.location.paragraph) == start:
                self.result.changes.append(change)
            else:
                self.result.notes.append(f"the list at paragraph {change.location.paragraph} was set to start at "
                                         f"{start} but shows {shown.get(change.location.paragraph)}")

    def _remaining(self, programme) -> None:
        """Findings of the published text that an editor must still look at."""
        if programme is None:
            return
        seen = {(f.rule, f.location.paragraph, f.location.start) for f in self.result.remaining}
        self.result.remaining.extend(f for f in self._check(programme)
                                     if (f.rule, f.location.paragraph, f.location.start) not in seen)


class _Where:
    """A stand-in paragraph for a measure lookup by location only."""

    def __init__(self, edit: TextEdit) -> None:
        from drafter.blocks import Location

        self.location = Location(edit.part, edit.paragraph)


class PublishError(DrafterError):
    """Publishing could not be completed; nothing was written."""


def _opens_with(document, title: str) -> bool:
    """Whether ``title`` is one of the first few non-empty paragraphs of the body (a cover title)."""
    opening = [p.text.strip() for p in document.paragraphs() if p.text.strip()][:5]
    return title.strip() in opening


def _restyle_summary(report) -> str:
    """One line on what the template replaced: styles, lists, page setup, theme, settings."""
    renamed = report.renamed()
    kept = report.count("copied")
    parts = [f"styles: {report.count('id')} of the draft's replaced by the template's definitions",
             f"{len(renamed)} renamed to template styles"
             + (f" ({', '.join(f'{m.source_id} → {m.target_id}' for m in renamed[:5])}"
                + (", …" if len(renamed) > 5 else "") + ")" if renamed else ""),
             f"{kept} kept from the draft (the template has none like them)",
             f"{len(report.added())} added from the template"]
    if report.lists:
        parts.append(f"{len(report.lists)} list(s) of template styles added")
    parts.append(f"page setup of {report.sections} section(s)")
    if report.replaced_parts:
        parts.append("theme and fonts: " + ", ".join(report.replaced_parts))
    if report.settings:
        parts.append("settings: " + ", ".join(report.settings))
    return "; ".join(parts)


def _renumbered_of(kept: list[PlannedEdit]) -> dict[str, int]:
    out = {}
    for p in kept:
        if p.change.kind == "measure-renumbered":
            out[p.change.before] = int(p.change.after)
    return out


def _revision_parts(editor, keep_comments: bool) -> list[str]:
    from drafter.ooxml.cleanup import story_parts

    names = story_parts(editor)
    for kind in ("styles", "numbering") + (("comments",) if keep_comments else ()):
        for target in editor.related(editor.main_part, kind):
            if target not in names:
                names.append(target)
    return names


def _comment_anchors(document) -> dict[str, tuple]:
    anchors = {}
    for paragraph in document.all_paragraphs():
        for anchor in paragraph.comments:
            anchors.setdefault(anchor.comment_id, (paragraph, anchor.start, anchor.end))
    return anchors


def _rejected_revisions(paragraph, rejected_text: str):
    """(revision, text edit) per text revision of ``paragraph`` when together they give ``rejected_text``.

    None when the paragraph's revisions do not explain the rejected text alone
    (text carried over from wholly deleted paragraphs, paragraph-level changes):
    the caller then lists one change for the paragraph.
    """
    if paragraph is None:
        return None
    pairs = []
    for revision in paragraph.revisions:
        loc = paragraph.location
        if revision.kind in ("ins", "moveTo"):
            pairs.append((revision, TextEdit(loc.part, loc.paragraph, revision.start, revision.end, "")))
        elif revision.kind in ("del", "moveFrom"):
            pairs.append((revision, TextEdit(loc.part, loc.paragraph, revision.start, revision.start,
                                             revision.text)))
        elif revision.kind.startswith("paragraph-mark"):
            return None
    text = paragraph.text
    ordered = sorted(pairs, key=lambda pair: (-pair[1].start, -pair[1].end))
    for (_, a), (_, b) in zip(ordered, ordered[1:]):
        if b.end > a.start or (a.start == a.end == b.start == b.end):
            return None  # touching edits: their order would be a guess
    for _, edit in ordered:
        if not 0 <= edit.start <= edit.end <= len(text):
            return None
        text = text[:edit.start] + edit.new_text + text[edit.end:]
    return pairs if text == rejected_text and pairs else None


_REVISION_NOTES = {
    "ins": "inserted text", "del": "deleted text", "moveTo": "moved text (destination)",
    "moveFrom": "moved text (origin)", "rPrChange": "formatting change", "pPrChange": "paragraph formatting change",
    "paragraph-mark-ins": "paragraph break inserted", "paragraph-mark-del": "paragraph break deleted",
    "other": "table, section or numbering property change",
}


def _revision_change(paragraph, revision, measure_at, kind: str) -> Change:
    text = paragraph.text
    accepted = kind == "revision-accepted"
    if revision.kind in ("ins", "moveTo"):
        inserted = text[revision.start:revision.end]
        before, after = ("", inserted) if accepted else (inserted, "")
    elif revision.kind in ("del", "moveFrom"):
        before, after = (revision.text, "") if accepted else ("", revision.text)
    elif revision.kind == "paragraph-mark-del":
        before, after = ("\n", "") if accepted else ("", "")
    elif revision.kind == "paragraph-mark-ins":
        before, after = ("", "\n") if accepted else ("\n", "")
    else:
        span = text[revision.start:revision.end]
        before = after = span
    location = FindingLocation(measure=measure_at(paragraph), paragraph=paragraph.location.paragraph,
                               start=revision.start, end=revision.end, text=text[revision.start:revision.end],
                               part=paragraph.location.part)
    note = _REVISION_NOTES.get(revision.kind, revision.kind)
    if revision.author:
        note += f" by {revision.author}"
    if revision.date:
        note += f" ({revision.date})"
    return Change(kind, before, after, location, note=note)


__all__ = ["PublishOptions", "PublishResult", "PublishError", "publish_file", "SCHEMA"]
