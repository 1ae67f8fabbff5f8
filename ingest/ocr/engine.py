"""The OCR engine: RapidOCR (PaddleOCR's PP-OCRv4 Chinese models on onnxruntime).

``rapidocr-onnxruntime`` 1.4 carries its three models (detection, direction, recognition; 16 MB) inside
the wheel and never downloads anything; the later ``rapidocr`` 2.x/3.x packages fetch their models on
first use, which fails on an offline server, hence the pin in the ``ocr`` extra.

Detection runs on the page as it is, so red print (the header, seals) is found too; recognition of
black text runs on a copy with the red ink washed out, so a seal over the signature and date does not
garble them. Each box reports how much of its ink is red, for the clean-up to tell a red header from a
seal.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import numpy as np

from ingest.errors import IngestError

log = logging.getLogger(__name__)

INSTALL = "需要安装 OCR 组件：pip install 'gonghui[ocr]'"
# The long side detection sees: 960 px keeps 10-point print of an A4 page legible and is ~4× cheaper
# than the page's 1754 px.
DET_SIDE = 960
# One thread: on a small server OCR should leave the other core to searches (and with several busy
# processes, onnxruntime's spinning threads make two slower than one).
THREADS = 1
RED_MARGIN = 60  # red ink: R exceeds G and B by this much


class OcrUnavailable(IngestError):
    """The OCR extra is not installed."""


@dataclass(frozen=True)
class Box:
    """A recognised text line: its corner points (clockwise from top-left, in pixels), text,
    recognition score (0–1) and how red its ink is (0 black … 1 red, black weighted ×3)."""

    quad: tuple[tuple[float, float], ...]
    text: str
    score: float
    red: float = 0.0


def red_mask(rgb: np.ndarray) -> np.ndarray:
    r, g, b = (rgb[..., i].astype(np.int16) for i in range(3))
    return (r > 110) & (r - g > RED_MARGIN) & (r - b > RED_MARGIN)


def reddish(rgb: np.ndarray) -> np.ndarray:
    """Red ink and its pale, blurred edges: what is washed out before black text is recognised."""
    r, g, b = (rgb[..., i].astype(np.int16) for i in range(3))
    return (r > 100) & (r - np.maximum(g, b) > 25)


class RapidEngine:
    """Wraps one RapidOCR instance (models load once, ~0.3 s); safe to share between threads."""

    def __init__(self, *, det_side: int = DET_SIDE, threads: int = THREADS) -> None:
        self.det_side = det_side
        self.threads = threads
        self._ocr = None
        self._lock = threading.Lock()

    def _engine(self, where: str):
        if self._ocr is None:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as exc:  # not installed, or a library it needs (libGL for opencv) is missing
                missing = exc.name in ("rapidocr_onnxruntime", None) or "rapidocr" in str(exc)
                raise OcrUnavailable(
                    where, INSTALL if missing else f"OCR 组件无法加载（{exc}）；{INSTALL}"
                ) from exc
            self._ocr = RapidOCR(
                # "min" with a small limit: the detector takes the page at the size _detect gives it
                det_limit_type="min",
                det_limit_side_len=32,
                intra_op_num_threads=self.threads,
                inter_op_num_threads=1,
                print_verbose=False,
            )
        return self._ocr

    def check(self, where: str) -> None:
        """Raise :class:`OcrUnavailable` now rather than after rendering pages."""
        with self._lock:
            self._engine(where)

    def read(self, rgb: np.ndarray, *, where: str = "") -> list[Box]:
        """Text lines of an RGB page image (uint8, H×W×3)."""
        with self._lock:  # one onnxruntime session per model; calls are serialised
            ocr = self._engine(where)
            bgr = np.ascontiguousarray(rgb[..., ::-1])
            quads = _detect(ocr, bgr, self.det_side)
            if quads is None or len(quads) == 0:
                return []
            quads = ocr.sorted_boxes(quads)
            reds = [_red_share(rgb, q) for q in quads]
            washed = bgr.copy()
            washed[reddish(rgb)] = 255
            crops = []
            for q, red in zip(quads, reds, strict=True):
                crops.extend(ocr.get_crop_img_list(bgr if red > 0.5 else washed, [q]))
            crops = _upright(ocr, crops)
            results, _ = ocr.text_rec(crops, False)
        boxes = []
        for q, red, (text, score) in zip(quads, reds, results, strict=True):
            text = text.strip()
            if text:
                boxes.append(Box(tuple((float(x), float(y)) for x, y in q), text, float(score), red))
        return boxes


def _detect(ocr, bgr: np.ndarray, side: int) -> np.ndarray | None:
    """Text-line quads found on the page scaled to ``side`` pixels (long side), in page pixels.

    RapidOCR itself picks the detector's size from the image's (up to 2000 px): we scale down first,
    and crop the lines for recognition from the full-size page.
    """
    import cv2

    h, w = bgr.shape[:2]
    scale = min(1.0, side / max(h, w))
    if scale < 1:
        bgr = cv2.resize(bgr, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    quads, _ = ocr.text_det(bgr)
    if quads is None or len(quads) == 0:
        return None
    return (np.asarray(quads, dtype=np.float32) / scale).astype(np.float32)


def _upright(ocr, crops: list[np.ndarray]) -> list[np.ndarray]:
    """Turn the lines over only when most of the page is upside down (a sheet fed the wrong way).

    Line by line, the direction classifier is sure of itself and wrong on lines full of quotation
    marks (“六比一创”、“三保一促”), whose recognition then comes back empty; a page is one way up.
    """
    _, labels, _ = ocr.text_cls(crops)  # it rotates copies; we only read its labels
    weights = [c.shape[1] for c in crops]
    flipped = sum(
        w for w, (label, score) in zip(weights, labels, strict=True) if label == "180" and score > 0.9
    )
    if flipped < 0.6 * sum(weights):
        return crops
    return [np.ascontiguousarray(np.rot90(c, 2)) for c in crops]


def _red_share(rgb: np.ndarray, quad: np.ndarray) -> float:
    x0, y0 = np.floor(quad.min(axis=0)).astype(int)
    x1, y1 = np.ceil(quad.max(axis=0)).astype(int)
    patch = rgb[max(0, y0) : max(0, y1), max(0, x0) : max(0, x1)]
    if patch.size == 0:
        return 0.0
    red = red_mask(patch)
    black = (patch.min(axis=2) < 110) & ~reddish(patch)
    # black print under a seal (the signature, the date) is mostly covered by red ink yet is black
    # text: black pixels weigh three times as much
    weight = red.sum() + 3 * black.sum()
    return float(red.sum() / weight) if weight else 0.0
