"""What claimkit's LLM path keeps of a perfect model's answer: a local server answers with the gold.

python bench/llm_ceiling.py GOLD.jsonl [--noise NOISE] [--quirk none|429|reasoning] [--concurrency N]
                            [--max-tokens N] [--limit N] [--out FILE]

The bench starts an OpenAI-compatible server on 127.0.0.1 that answers each extraction request with the gold
attributions of the article chunk it finds in the prompt, written in claimkit's model-facing schema and with
nothing a model could not write (no offsets): the quote as the gold's words (the fragments of a split quote
joined by " ... "), the speaker by the gold's resolved entity where it has one, else its speaker words, the
mention and the cue as the gold's words. Like a real server it cuts a reply at the request's token limit
(``max_tokens`` or ``max_completion_tokens``) with ``finish_reason: length``; tokens are counted as four
characters each. ``--noise`` adds what a real model does: ``typo`` (other quotation marks, doubled spaces, a
changed first letter's case, a trailing period), ``ellipsis`` (a quote of more than 20 words shortened to its
first and last eight, joined by "..."), ``hallucinate`` (one word in ten of each quote invented), ``speakers``
(every third speaker named by an invented name that the article never uses), ``pronouns`` (every speaker
written as the words the model read at the site: 'he', 'the senator'), ``misattribute`` (every tenth claim given
to another person the article names), ``authorial`` (five of the article's own sentences per article given as
claims of its first named speaker, with no mention or cue), ``head`` (a quote of more than six words given as its
first six and "…"), ``case`` (the first letter's case changed). ``--quirk`` makes the server behave as real ones
do: ``429`` refuses each distinct request once with ``Retry-After``; ``reasoning`` answers 400 to ``max_tokens``
and to ``temperature``, as OpenAI's reasoning models do. ``--concurrency`` summarises that many articles at once.

claimkit runs with its default settings (but for the cache and the call log, off) over every article, and the
bench prints F1 at both IoU thresholds, resolved-speaker accuracy, model calls and chunks per article, completion
tokens per article and per claim, articles lost and requests refused, and the losses by cause. With ``--out`` each
summary is written as one JSON line ``{"id": …, "summary": …}``.
"""

from __future__ import annotations

import argparse
import hashlib
import http.server
import json
import random
import re
import statistics
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import claimkit
from claimkit.engines.llm.engine import QUOTE_ENDS, QUOTE_WORDS
from claimkit.engines.llm.schema import ModelClaim, ModelExtraction, ModelSpeaker
from claimkit.evaluate import EvalReport, GoldRecord, read_gold, score_article
from claimkit.settings import Settings
from claimkit.text.spans import article_sentences, windows

CHARS_PER_TOKEN = 4
NOISES = [
    "none",
    "typo",
    "ellipsis",
    "hallucinate",
    "speakers",
    "pronouns",
    "misattribute",
    "authorial",
    "head",
    "case",
]
INVENTED_WORDS = ("zebrafruit", "quasilunar", "marblewick", "tonguefeld", "plimsovar")
INVENTED_SPEAKER = "Senator Jane Hallucinated"
_ARTICLE_RE = re.compile(r"<article>\n(.*)\n</article>", re.DOTALL)


class GoldServer:
    """Answers extraction requests from the gold of the article in the prompt."""

    def __init__(self, raw_records: list[dict[str, Any]], noise: str, seed: int = 7, quirk: str = "none") -> None:
        self.records = raw_records
        self.noise = noise
        self.quirk = quirk
        self.refused = 0
        """Requests answered 429 or 400 (``--quirk``)."""
        self.random = random.Random(seed)
        self.requests = 0
        self.cut = 0
        """Replies cut at the request's token limit."""
        self.claim_tokens: list[int] = []
        """Tokens of each claim written, as the schema asks for it."""
        self.unknown = 0
        self.authorial = 0
        self.http_requests = 0
        self.limited: set[str] = set()
        """Authorial sentences given as claims (``--noise authorial``)."""
        """Requests whose article the server did not find."""
        self._lock = threading.Lock()

    def refusal(self, body: dict[str, Any]) -> tuple[int, dict[str, str], str] | None:
        """A server's quirk for this request: a 429 with Retry-After on every third request, or a reasoning model's
        400s on ``max_tokens`` and ``temperature``; None to answer."""
        with self._lock:
            self.http_requests += 1
            digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
            if self.quirk == "429" and digest not in self.limited:  # each request refused once, then answered
                self.limited.add(digest)
                self.refused += 1
                return 429, {"Retry-After": "1"}, "Rate limit reached for requests"
            if self.quirk == "reasoning" and "max_tokens" in body:
                self.refused += 1
                message = "Unsupported parameter: 'max_tokens' is not supported with this model."
                return 400, {}, message + " Use 'max_completion_tokens' instead."
            if self.quirk == "reasoning" and "temperature" in body:
                self.refused += 1
                return 400, {}, "Unsupported value: 'temperature' does not support 0.0 with this model."
        return None

    def answer(self, body: dict[str, Any]) -> tuple[str, str, int, int]:
        """The reply content, its finish reason, prompt tokens and completion tokens."""
        prompt = next(m["content"] for m in body["messages"] if m["role"] == "user")
        found = _ARTICLE_RE.search(prompt)
        chunk = found.group(1) if found else ""
        record = next((r for r in self.records if chunk and chunk in r["text"]), None)
        with self._lock:
            self.requests += 1
            if record is None:
                self.unknown += 1
                content = json.dumps({"speakers": [], "claims": []})
            else:
                start = record["text"].index(chunk)
                content = self._reply(record, start, start + len(chunk))
            limit = body.get("max_completion_tokens") or body.get("max_tokens") or 10**9
            tokens = _tokens(content)
            if tokens > limit:
                self.cut += 1
                return content[: limit * CHARS_PER_TOKEN], "length", _tokens(prompt), limit
            return content, "stop", _tokens(prompt), tokens

    def _reply(self, record: dict[str, Any], start: int, end: int) -> str:
        text = record["text"]
        claims: list[ModelClaim] = []
        speakers: dict[str, ModelSpeaker] = {}
        names = sorted({a["speaker_entity"] for a in record["attributions"] if _is_a_name(a.get("speaker_entity"))})
        for n, gold in enumerate(record["attributions"]):
            spans = gold["content_spans"]
            if not (start <= min(s for s, _ in spans) and max(e for _, e in spans) <= end):
                continue
            name = gold.get("speaker_entity") or gold.get("speaker")
            if self.noise == "speakers" and n % 3 == 0:
                name = INVENTED_SPEAKER
            if self.noise == "pronouns" and gold.get("speaker"):
                name = gold["speaker"]  # the words it read: 'he', 'the senator'
            others = [other for other in names if other != name and name and not set(other.split()) & set(name.split())]
            if self.noise == "misattribute" and n % 10 == 5 and others:
                name = others[n % len(others)]  # another person the article names
            fragments = [text[s:e] for s, e in spans]
            if self.noise not in ("ellipsis", "head"):
                fragments = [_as_asked(fragment) for fragment in fragments]
            quote = self._noisy(" ... ".join(fragments))
            if self.noise == "head" and len(spans) == 1 and len(quote.split()) > 6:
                quote = " ".join(quote.split()[:6]) + " …"  # the head of the quote, and an ellipsis
            claim = {
                "speaker": name,
                "mention": gold.get("speaker"),
                "cue": gold.get("cue"),
                "quote": quote,
                "kind": gold.get("kind") or gold.get("kind_heuristic") or "indirect",
                "stance": "neutral",
                "answers": None,
            }
            claims.append(ModelClaim.model_validate(claim))
            self.claim_tokens.append(_tokens(json.dumps(claim, separators=(",", ":"))))  # as the reply writes it
            if name is not None and name not in speakers:
                kind = gold.get("speaker_kind") or "person"
                speakers[name] = ModelSpeaker(name=name, role=None, affiliation=None, kind=kind)
        if self.noise == "authorial":
            claims.extend(self._authorial(record, start, end, names))
        return ModelExtraction(speakers=list(speakers.values()), claims=claims).model_dump_json()

    def _authorial(self, record: dict[str, Any], start: int, end: int, names: list[str]) -> list[ModelClaim]:
        """Five of the article's own sentences in the chunk that hold no gold attribution, as claims of the
        article's first named speaker: what a model does when it takes the author's words for a source's."""
        text = record["text"]
        taken = [span for a in record["attributions"] for span in (*a["content_spans"], *a.get("speaker_spans", []))]
        free = [
            (s, e)
            for s, e in article_sentences(text)
            if start <= s and e <= end and e - s > 40 and not any(a < e and s < b for a, b in taken)
        ]
        chosen = free[:: max(1, len(free) // 5)][:5]
        self.authorial += len(chosen)
        speaker = names[0] if names else None
        return [
            ModelClaim(
                speaker=speaker,
                mention=None,
                cue=None,
                quote=_as_asked(text[s:e].strip()),
                kind="indirect",
                stance="neutral",
                answers=None,
            )
            for s, e in chosen
        ]

    def _noisy(self, quote: str) -> str:
        words = quote.split(" ")
        if self.noise == "case":
            return quote[:1].swapcase() + quote[1:]
        if self.noise == "typo":
            quote = quote.replace("“", '"').replace("”", '"').replace(" ", "  ", 1)
            quote = quote[:1].swapcase() + quote[1:]
            return quote if quote.endswith(".") else quote + "."
        if self.noise == "ellipsis" and len(words) > 20:  # the model's own way of shortening, not the prompt's
            return " ".join(words[:8]) + " ... " + " ".join(words[-8:])
        if self.noise == "hallucinate" and len(words) >= 5:
            for k in self.random.sample(range(len(words)), max(1, len(words) // 10)):
                words[k] = self.random.choice(INVENTED_WORDS)
            return " ".join(words)
        return quote


def _as_asked(quote: str) -> str:
    """A quote as the prompt asks for it: a long one by its first and last words."""
    words = quote.split()
    if len(words) <= QUOTE_WORDS:
        return quote
    return " ".join(words[:QUOTE_ENDS]) + " ... " + " ".join(words[-QUOTE_ENDS:])


def _is_a_name(words: str | None) -> bool:
    return bool(words) and all(w[:1].isupper() for w in (words or "").split()) and len((words or "").split()) >= 2


def _tokens(text: str) -> int:
    return -(-len(text) // CHARS_PER_TOKEN)


@contextmanager
def serving(gold: GoldServer) -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            refused = gold.refusal(body)
            if refused is not None:
                status, headers, message = refused
                error = json.dumps({"error": {"message": message, "type": "invalid_request_error"}}).encode()
                self.send_response(status)
                for name, value in {**headers, "Content-Type": "application/json"}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(error)))
                self.end_headers()
                self.wfile.write(error)
                return
            content, finish, prompt_tokens, completion_tokens = gold.answer(body)
            payload = json.dumps(
                {
                    "id": f"chatcmpl-gold-{gold.requests}",
                    "object": "chat.completion",
                    "created": 0,
                    "model": body.get("model", "gold"),
                    "choices": [
                        {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish}
                    ],
                    "usage": {
                        "prompt_tokens": prompt_tokens,
                        "completion_tokens": completion_tokens,
                        "total_tokens": prompt_tokens + completion_tokens,
                    },
                }
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _checks(noise: str, summary: claimkit.ArticleSummary, text: str) -> Counter[str]:
    """What the noise must never get through: invented words in any output field, invented speakers."""
    found: Counter[str] = Counter()
    if noise == "hallucinate":
        fields = [summary.summary] + [c.statement for c in summary.claims] + [c.quote.text for c in summary.claims]
        fields += [s.name for s in summary.speakers]
        found["output fields with an invented word"] = sum(any(w in f for w in INVENTED_WORDS) for f in fields)
    if noise == "speakers":
        invented = set(INVENTED_SPEAKER.lower().split()) - {"senator"}
        found["speakers named by an invented name"] = sum(
            bool(invented & set(s.name.lower().split())) for s in summary.speakers
        )
        found["speakers without a located mention"] = sum(not s.mentions for s in summary.speakers)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--noise", choices=NOISES, default="none")
    parser.add_argument("--max-tokens", type=int, default=None, help="claimkit's max_tokens (default: its own)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--quirk", choices=["none", "429", "reasoning"], default="none", help="a server's quirk")
    parser.add_argument("--concurrency", type=int, default=1, help="articles summarised at once (threads)")
    args = parser.parse_args()
    raw = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    raw = [r for r in raw if r.get("attributions")][: args.limit]
    records: list[GoldRecord] = [r for r in read_gold(args.gold) if r.attributions][: args.limit]
    server = GoldServer(raw, args.noise, quirk=args.quirk)
    report = EvalReport()
    usage: Counter[str] = Counter()
    losses: Counter[str] = Counter()
    out = args.out.open("w", encoding="utf-8") if args.out else None
    with serving(server) as url:
        options: dict[str, Any] = {"model": "gold", "base_url": url, "api_key": "sk-bench-not-a-key"}
        options |= {"cache": False, "log_calls": False}
        if args.max_tokens is not None:
            options["max_tokens"] = args.max_tokens
        settings = Settings(**options)
        with ThreadPoolExecutor(args.concurrency) as pool:
            outcomes = list(pool.map(lambda r: _summarised(r.text, settings), records))
        for record, outcome in zip(records, outcomes, strict=True):
            usage["chunks"] += len(windows(record.text, settings.chunk_chars, settings.chunk_overlap))
            if isinstance(outcome, claimkit.ClaimkitError):
                losses[f"articles lost: {type(outcome).__name__}: {outcome}"[:200]] += 1
                report.articles.append(score_article(record, _empty(record.text)))  # its gold counts as missed
                continue
            summary = outcome
            report.articles.append(score_article(record, summary))
            if summary.provenance.usage:
                usage.update(summary.provenance.usage.model_dump(include={"calls", "completion_tokens"}))
            for warning in summary.warnings:
                losses[_cause(warning)] += 1
            losses.update(_checks(args.noise, summary, record.text))
            if out is not None:
                out.write(json.dumps({"id": record.id, "summary": summary.model_dump(mode="json")}) + "\n")
    if out is not None:
        out.close()
    _print(report, usage, losses, server, args)


def _summarised(text: str, settings: Settings) -> claimkit.ArticleSummary | claimkit.ClaimkitError:
    try:
        return claimkit.summarise(text, settings=settings)
    except claimkit.ClaimkitError as e:
        return e


def _empty(text: str) -> claimkit.ArticleSummary:
    from datetime import UTC, datetime

    from claimkit.records import Article, Provenance

    provenance = Provenance(claimkit_version=claimkit.__version__, engine="llm", created_at=datetime.now(UTC))
    return claimkit.ArticleSummary(
        article=Article(id="lost", language="en", chars=len(text)), summary="", provenance=provenance
    )


def _cause(warning: str) -> str:
    for words, cause in (
        ("dropped a quote", "quotes dropped: not placed in the article"),
        ("complete claims of the last reply were read", "chunks whose reply was cut: its complete claims kept"),
        ("gave no valid reply", "chunks with no valid reply: lost"),
        ("named a speaker the article never names", "speaker names the article never uses (claims kept)"),
        ("the model attributes", "speakers the rules read otherwise (a warning; claims kept)"),
    ):
        if words in warning:
            return cause
    return "other warnings"


def _print(report: EvalReport, usage: Counter[str], losses: Counter[str], server: GoldServer, args: Any) -> None:
    totals = report.totals()
    articles = max(1, totals["articles"])
    print(f"{args.gold.name}, noise {args.noise}: {totals['articles']} articles, {totals['gold']} gold attributions")
    for threshold in (0.3, 0.8):
        t = totals[f"iou>={threshold}"]
        print(f"IoU ≥ {threshold}: P {t['precision']:.3f}  R {t['recall']:.3f}  F1 {t['f1']:.3f}")
    resolved = totals["resolved_speaker_accuracy"]
    print(f"resolved speakers {resolved:.3f}" if resolved is not None else "resolved speakers: no entities in the gold")
    requests, completion = usage["calls"] / articles, usage["completion_tokens"] / articles
    chunks = usage["chunks"] / articles
    print(f"per article: requests {requests:.2f} (chunks {chunks:.2f}), completion tokens {completion:,.0f}")
    lost = sum(n for cause, n in losses.items() if cause.startswith("articles lost"))
    print(f"articles lost: {lost}; quirk {args.quirk} at concurrency {args.concurrency}:", end=" ")
    print(f"{server.refused} requests refused, {server.http_requests} HTTP requests")
    if server.claim_tokens:
        print(f"completion tokens per claim: median {statistics.median(server.claim_tokens):.0f}")
    print(f"server: {server.requests} requests, {server.cut} replies cut at the token limit, {server.unknown} unknown")
    for cause, count in sorted(losses.items()):
        print(f"  {cause}: {count}")


if __name__ == "__main__":
    sys.exit(main())
