"""A fourth review sample: 60 items drawn (seed 4) from the same pool as bench quiz, leaving out the 60
items of the seed-2026 sample that the generator's author read. Nobody reads this one before the review."""
import json, random
from bench.quiz import _files, SAMPLE_SIZE
from training.corpus import Corpus, squash
from training.quiz import Generator
corpus = Corpus.from_files(_files())
gen = Generator(corpus)
items = [i for doc in corpus.docs for i in gen.generate(doc.passages, one_per_sentence=True)]
seen, pool = set(), []
for item in items:
    keys = {squash(item.question), squash(item.source.quote)}
    if not keys & seen:
        seen |= keys
        pool.append(item)
read = [json.loads(l) for l in open("bench/data/quiz_review_blind3_sample.jsonl", encoding="utf-8")]
read_keys = {squash(r["question"]) for r in read} | {squash(r["source"]["quote"]) for r in read}
fresh = [i for i in pool if not ({squash(i.question), squash(i.source.quote)} & read_keys)]
sample = random.Random(4).sample(fresh, min(SAMPLE_SIZE, len(fresh)))
with open("/work/blind4/quiz/sample.jsonl", "w", encoding="utf-8") as f:
    for n, item in enumerate(sample, 1):
        f.write(json.dumps({"id": n, **item.as_json()}, ensure_ascii=False) + "\n")
print(f"pool {len(pool)}, not read {len(fresh)}, drawn {len(sample)}")
