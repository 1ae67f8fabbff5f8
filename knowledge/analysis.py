"""Text analysis for lexical retrieval: Chinese segmentation, stop words, synonyms.

Documents and queries go through the same segmentation so their terms meet in the
BM25 index.  Design choices (measured on the STARD statute-retrieval benchmark, see
the retrieval report):

* jieba in *search mode* (``cut_for_search``): besides the best segmentation it also
  emits the dictionary sub-words of long words, so a query for 工会 or 劳动合同 hits
  documents that only contain 工会法 / 基层工会委员会 / 劳动合同法.
* Optionally character bigrams of every CJK run, which make any two-character word
  match regardless of how jieba happened to cut either side.  Off by default: only
  +0.01 lexical / +0.005 hybrid Recall@10 on the benchmark, for 2.5x the tokens
  and 3.5x the index build time (0.7 s instead of 0.2 s for 12k articles).
* Stop words (both sides): layperson questions are full of 请问/怎么办/可以吗/我 ...;
  they carry no topical information but in BM25 they still match thousands of
  statute articles.  公司/单位 are deliberately *not* stop words (公司法 questions).
* Synonym expansion (query side only): each group's other members are added with a
  lower weight, so 职代会 also finds 职工代表大会 without outweighing the user's words.

A private ``jieba.Tokenizer`` is used (never the global one) so the union user
dictionary cannot leak into, or be disturbed by, other code using jieba.  It is built
lazily on first use, silently, with its dictionary cache in the temp directory.
"""

from __future__ import annotations

import logging
import re
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Final

import jieba
import jieba.posseg

_DATA_DIR: Final = Path(__file__).with_name("data")


class _Default:
    """Sentinel type: "use the packaged file" (``None`` means "use none")."""

    def __repr__(self) -> str:
        return "DEFAULT"


DEFAULT: Final = _Default()

DEFAULT_USER_DICT: Final = _DATA_DIR / "union_terms.txt"
DEFAULT_SYNONYMS: Final = _DATA_DIR / "synonyms.tsv"
DEFAULT_STOPWORDS: Final = _DATA_DIR / "stopwords.txt"

#: Weight of a synonym added by expansion, relative to the query term it came from.
EXPANSION_WEIGHT: Final = 0.5
#: Weight of a character bigram term in queries (only with ``char_bigrams=True``).
BIGRAM_WEIGHT: Final = 0.3

# A token is kept only if it contains a CJK ideograph, a letter or a digit: drops
# punctuation and whitespace that jieba returns as tokens.
_CONTENT_RE: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9]")
_CJK_RUN_RE: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,}")
# Separable verbs (离合词) with a quantity inside: 加几个小时班 = 加班几个小时, 请三天假 = 请假三天.
# Segmentation would see only 能加 / 小时 / 班 there; the joined word is what the documents (and the
# synonym table: 加班 → 延长工作时间) know, so the question is rewritten before it is cut.
_SEPARABLE_RE: Final = re.compile(
    r"(?P<verb>[加请休值倒上])[了过]?(?P<amount>(?:几|多少|[一二三四五六七八九十两半\d]+)个?"
    r"(?:小时|钟头|天|日|周|个?月|年)?)的?(?P<object>班|假)"
)

PathArg = Path | str | None | _Default


def _resolve(arg: PathArg, default: Path) -> Path | None:
    if isinstance(arg, _Default):
        return default
    return Path(arg) if arg is not None else None


def _read_lines(path: Path | None) -> list[str]:
    """Non-empty, non-comment lines of a UTF-8 file; [] if it does not exist.

    The union dictionary and synonym files are maintained separately and may be
    missing (or mid-edit); retrieval must still work without them.
    """
    if path is None:
        return []
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        return []
    lines = (ln.strip() for ln in text.splitlines())
    return [ln for ln in lines if ln and not ln.startswith("#")]


def load_stopwords(path: Path | None) -> frozenset[str]:
    """One stop word per line (anything after the first whitespace is ignored)."""
    return frozenset(ln.split()[0] for ln in _read_lines(path))


def load_synonyms(path: Path | None) -> list[list[str]]:
    """Synonym groups: one per line, tab-separated, first member canonical."""
    groups: list[list[str]] = []
    for ln in _read_lines(path):
        members = list(dict.fromkeys(m.strip() for m in ln.split("\t") if m.strip()))
        if len(members) >= 2:
            groups.append(members)
    return groups


def load_user_dict(path: Path | None) -> list[tuple[str, int | None, str | None]]:
    """jieba user-dictionary lines ``word [freq] [pos]``; malformed parts tolerated."""
    entries: list[tuple[str, int | None, str | None]] = []
    for ln in _read_lines(path):
        parts = ln.split()
        word, freq, tag = parts[0], None, None
        rest = parts[1:]
        if rest and rest[0].isdigit():
            freq = int(rest.pop(0))
        if rest:
            tag = rest[0]
        entries.append((word, freq, tag))
    return entries


_BASE_LOCK: Final = threading.Lock()
_BASE: tuple[dict[str, int], int] | None = None


def _base_dictionary() -> tuple[dict[str, int], int]:
    """jieba's default prefix dictionary, loaded once per process.

    Loaded through a throw-away private Tokenizer whose cache lives in the temp dir.
    jieba logs "Building prefix dict..." at DEBUG to stderr via its module logger;
    it is silenced only while loading and the caller's level is restored.
    """
    global _BASE
    with _BASE_LOCK:
        if _BASE is None:
            tok = jieba.Tokenizer()
            tok.tmp_dir = tempfile.gettempdir()
            logger = jieba.default_logger
            old_level = logger.level
            logger.setLevel(logging.WARNING)
            try:
                tok.initialize()
            finally:
                logger.setLevel(old_level)
            _BASE = (tok.FREQ, tok.total)
        return _BASE


class Analyzer:
    """Turns documents into index tokens and questions into weighted query terms."""

    def __init__(
        self,
        *,
        user_dict: PathArg = DEFAULT,
        synonyms: PathArg = DEFAULT,
        stopwords: PathArg = DEFAULT,
        search_mode: bool = True,
        char_bigrams: bool = False,
        expansion_weight: float = EXPANSION_WEIGHT,
        bigram_weight: float = BIGRAM_WEIGHT,
    ) -> None:
        self._user_dict_path = _resolve(user_dict, DEFAULT_USER_DICT)
        self.search_mode = search_mode
        self.char_bigrams = char_bigrams
        self.expansion_weight = expansion_weight
        self.bigram_weight = bigram_weight
        self.stopwords = load_stopwords(_resolve(stopwords, DEFAULT_STOPWORDS))
        # lower-cased like the text they are matched against (e.g. "N+1", "HR")
        self.synonym_groups = [
            [w.lower() for w in g] for g in load_synonyms(_resolve(synonyms, DEFAULT_SYNONYMS))
        ]
        # term -> every other member of every group containing it
        self._expansions: dict[str, list[str]] = {}
        for group in self.synonym_groups:
            for word in group:
                others = self._expansions.setdefault(word, [])
                others.extend(w for w in group if w != word and w not in others)
        self._tokenizer: jieba.Tokenizer | None = None
        self._pos: jieba.posseg.POSTokenizer | None = None
        self._lock = threading.Lock()

    # -- tokenizer ---------------------------------------------------------------

    def _get_tokenizer(self) -> jieba.Tokenizer:
        tok = self._tokenizer
        if tok is not None:
            return tok
        with self._lock:
            if self._tokenizer is None:
                self._tokenizer = self._build_tokenizer()
            return self._tokenizer

    def _build_tokenizer(self) -> jieba.Tokenizer:
        freq, total = _base_dictionary()
        tok = jieba.Tokenizer()
        # Each analyzer gets its own copy of the prefix dictionary (add_word mutates
        # it); copying is ~30x faster than jieba re-reading its cache file.
        tok.FREQ, tok.total, tok.initialized = dict(freq), total, True
        for word, count, tag in load_user_dict(self._user_dict_path):
            tok.add_word(word, count, tag)
        # Synonym members must be single tokens, otherwise 职代会 would be cut into
        # 职/代/会 and its expansion could never be triggered.
        for group in self.synonym_groups:
            for word in group:
                if word not in tok.FREQ or not tok.FREQ[word]:
                    tok.add_word(word)
        return tok

    # -- analysis ----------------------------------------------------------------

    def _words(self, text: str) -> list[str]:
        tok = self._get_tokenizer()
        cut = tok.cut_for_search(text) if self.search_mode else tok.cut(text)
        stop = self.stopwords
        # split() also guarantees no token contains whitespace: callers persist
        # tokens space-joined.
        return [w for t in cut for w in t.split() if w not in stop and _CONTENT_RE.search(w)]

    def _without_stopwords(self, text: str) -> str:
        """``text`` with stop words replaced by a separator, so query bigrams are
        built only from contentful stretches (no 请问/可以吗 bigrams)."""
        tok = self._get_tokenizer()
        stop = self.stopwords
        return "".join(" " if w in stop else w for w in tok.cut(text))

    @staticmethod
    def _bigrams(text: str) -> Iterable[str]:
        for run in _CJK_RUN_RE.findall(text):
            for i in range(len(run) - 1):
                yield "\x01" + run[i : i + 2]  # prefixed: never collides with a word

    def tagged_words(self, text: str) -> list[tuple[str, str]]:
        """(word, part of speech) of the exact segmentation (not search mode, no stop words removed), for
        rules that tell nouns from verbs: knowledge.followup finds the topic of a question this way."""
        if self._pos is None:
            tokenizer = self._get_tokenizer()  # takes the lock itself
            with self._lock:
                if self._pos is None:
                    self._pos = jieba.posseg.POSTokenizer(tokenizer)
        return [(p.word, p.flag) for p in self._pos.cut(text)]

    def index_tokens(self, text: str) -> list[str]:
        """Tokens of a document, in order, repeated as often as they occur."""
        tokens = self._words(text.lower())
        if self.char_bigrams:
            tokens.extend(self._bigrams(text))
        return tokens

    def synonyms(self, term: str) -> list[str]:
        """The other members of the term's synonym groups, as written (延长工作时间 for 加班)."""
        return list(self._expansions.get(term, ()))

    def query_terms(self, query: str, also: Iterable[str] = ()) -> dict[str, float]:
        """Weighted terms of a user question for ``LexicalIndex.search``.

        Each surviving word counts 1 per occurrence; synonyms of a word, and the names in ``also`` (the
        other names of what the question names, which the documents declared: knowledge.aliases), are
        added with ``expansion_weight`` (never lowering a term the user actually typed).
        """
        terms: dict[str, float] = {}
        query = _SEPARABLE_RE.sub(r"\g<verb>\g<object>\g<amount>", query)
        words = self._words(query.lower())
        for w in words:
            terms[w] = terms.get(w, 0.0) + 1.0
        expanded: dict[str, float] = {}
        others = [syn for w in words for syn in self._expansions.get(w, ())]
        for syn in [*others, *also]:
            # analyse the synonym like document text so it meets the index tokens
            for t in self._words(syn.lower()):
                if t not in terms:
                    expanded[t] = max(expanded.get(t, 0.0), self.expansion_weight)
        for t, wt in expanded.items():
            terms[t] = wt
        if self.char_bigrams:
            for bg in self._bigrams(self._without_stopwords(query)):
                terms[bg] = terms.get(bg, 0.0) + self.bigram_weight
        return terms
