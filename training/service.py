"""TrainingService: the one entry point channels use for courses, quizzes, progress and certificates.

Trainers (role trainer; admins see all) build courses from parts of the knowledge base's documents,
review the generated items and publish; trainees join with the invite code and answer one item at a
time. Roles are the registry's (registry.policy); records live in training.db (training.store).

Public methods (names are stable; the chat flows, the API and the console call them):
authoring  create_course, add_lessons, add_lesson, courses, course, lessons, items, approve, drop,
           edit_item, publish, invite_code
learning   enrol, enrolments, next_item, answer, progress
reporting  report, export_report, certificate, verify
documents  glossary, generate
bundles    export_course, import_course, load_sample_course
"""

from __future__ import annotations

from collections.abc import Sequence

from training.authoring import AuthoringMixin
from training.bundle import BundleMixin
from training.corpus import select
from training.errors import InvalidValue
from training.learning import LearningMixin
from training.model import GlossaryEntry, QuizItem
from training.reporting import ReportingMixin


class TrainingService(ReportingMixin, LearningMixin, BundleMixin, AuthoringMixin):
    """The mixins share TrainingBase (store, registry, corpus, clock); see the module docstring."""

    # -- documents -----------------------------------------------------------------------------------
    def glossary(self, terms: Sequence[str] | None = None) -> list[GlossaryEntry]:
        """Union terms with the definition a document gives, else 未在文件中定义."""
        return self._glossary.entries(terms)

    def generate(self, doc: str, *, article: str | None = None, n: int = 20) -> list[QuizItem]:
        """Verified items for one document (or one article of it), not stored: `gonghui quiz generate`."""
        found = self.corpus.find(doc)
        if found is None:
            raise InvalidValue("doc", f"知识库中没有文件“{doc}”，请用 gonghui docs 查看编号和标题。")
        passages = select(found, article or "")
        if not passages:
            raise InvalidValue("article", f"《{found.name}》中没有“{article}”。")
        return self.generator.generate(passages, n=n)
