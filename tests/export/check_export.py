"""Checks LatentLab's exports with other runtimes: for every case of the manifest (one model each), PyTorch
loads model.py + weights.pt strictly and reproduces LatentLab's encode and decode, torch.jit.script accepts
the module (saved as scripted.pt for LatentLab to open again), onnx.checker accepts every .onnx file, and
OpenCV's DNN module runs them and reproduces LatentLab's outputs and anomaly scores.

Usage: check_export.py MANIFEST.json; prints one JSON line per case and exits 1 if any check failed."""
import importlib.util
import json
import sys

import cv2
import numpy as np
import onnx
import torch

PYTORCH_TOLERANCE = 1e-5
ONNX_TOLERANCE = 1e-4


def load(case, name):
    return np.load(f"{case['dir']}/{name}.npy")


def module_of(folder, name):
    # A Python identifier: TorchScript writes the module's name into the scripted file's code.
    identifier = "".join(c if c.isalnum() else "_" for c in name)
    spec = importlib.util.spec_from_file_location(f"export_{identifier}", f"{folder}/model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def diff(a, b):
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    if a.shape != b.shape:
        return float("inf")
    return float(np.abs(a - b).max()) if a.size else 0.0


def check_pytorch(case, result):
    model = module_of(f"{case['dir']}/pytorch", case["name"]).Model()
    model.load_state_dict(torch.load(f"{case['dir']}/pytorch/weights.pt"), strict=True)
    model.eval()
    x = torch.from_numpy(load(case, "x"))
    y = torch.from_numpy(load(case, "y")) if case["conditional"] else None
    args = (x, y) if y is not None else (x,)
    scripted = torch.jit.script(model)
    torch.jit.save(scripted, f"{case['dir']}/scripted.pt")
    with torch.no_grad():
        for label, m in (("pytorch", model), ("scripted", scripted)):
            encoded = m.encode(*args)
            encoded = encoded if isinstance(encoded, tuple) else (encoded,)
            first = encoded[0]
            for name, value in zip(case["outputs"], encoded):
                result[f"{label}_{name}"] = diff(value.numpy(), load(case, f"expect_{name}"))
            if "codes" in case["outputs"]:
                result[f"{label}_codes"] = diff(m.codes(x).numpy(), load(case, "expect_codes"))
            decoded = m.decode(first, y) if y is not None else m.decode(first)
            result[f"{label}_decode"] = diff(decoded.numpy(), load(case, "expect_recon"))
            # sample() must run and give inputs' shape.
            drawn = m.sample(y[:3]) if y is not None else m.sample(3)
            result[f"{label}_sample_shape_ok"] = list(drawn.shape[1:]) == list(x.shape[1:])


def run_net(path, feeds, outputs):
    net = cv2.dnn.readNetFromONNX(path)
    for name, value in feeds.items():
        net.setInput(np.ascontiguousarray(value, np.float32), name)
    got = net.forward(outputs)
    return dict(zip(outputs, got))


def check_onnx(case, result):
    folder = f"{case['dir']}/onnx"
    files = ["encoder", "decoder"] + [f"scorer_{s}" for s in case["scores"]]
    for f in files:
        onnx.checker.check_model(onnx.load(f"{folder}/{f}.onnx"))
    result["onnx_checker"] = len(files)
    x = load(case, "x")
    extra = {"label_onehot": load(case, "y_onehot")} if case["conditional"] else {}
    enc = run_net(f"{folder}/encoder.onnx", {"x": x, **extra}, case["outputs"])
    for name in case["outputs"]:
        result[f"onnx_{name}"] = diff(enc[name].reshape(load(case, f"expect_{name}").shape), load(case, f"expect_{name}"))
    first = load(case, f"expect_{case['outputs'][0]}")
    dec = run_net(f"{folder}/decoder.onnx", {"z": first, **extra}, ["reconstruction"])
    result["onnx_decode"] = diff(dec["reconstruction"], load(case, "expect_recon"))
    for s in case["scores"]:
        got = run_net(f"{folder}/scorer_{s}.onnx", {"x": load(case, "x_raw"), **extra}, ["score", "flagged"])
        expected = load(case, f"expect_score_{s}")
        # Scores are sums over every value (BCE, -ELBO: hundreds of nats): compared relative to their size.
        result[f"onnx_score_{s}"] = diff(got["score"][:, 0] / np.maximum(1.0, np.abs(expected)), expected / np.maximum(1.0, np.abs(expected)))
        result[f"onnx_flags_{s}"] = diff(got["flagged"][:, 0], load(case, f"expect_flag_{s}"))


def main():
    manifest = json.load(open(sys.argv[1]))
    failed = False
    for case in manifest["cases"]:
        result = {"name": case["name"]}
        try:
            check_pytorch(case, result)
            check_onnx(case, result)
        except Exception as e:  # reported, not raised: the other cases still run
            result["error"] = f"{type(e).__name__}: {e}"
        bad = [k for k, v in result.items()
               if (k.startswith(("pytorch_", "scripted_")) and isinstance(v, float) and not v < PYTORCH_TOLERANCE)
               or (k.startswith("onnx_") and k != "onnx_checker" and isinstance(v, float) and not v < ONNX_TOLERANCE)
               or (isinstance(v, bool) and not v)]
        result["failed"] = bad + (["error"] if "error" in result else [])
        failed = failed or bool(result["failed"])
        print(json.dumps(result), flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
