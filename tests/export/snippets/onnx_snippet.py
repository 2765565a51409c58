import cv2
import numpy as np
import onnx

for name in ("encoder.onnx", "decoder.onnx"):
    onnx.checker.check_model(onnx.load(name))
encoder = cv2.dnn.readNetFromONNX("encoder.onnx")
decoder = cv2.dnn.readNetFromONNX("decoder.onnx")
x = np.random.rand(8, 1, 28, 28).astype(np.float32)  # pixels / 255
encoder.setInput(x, "x")
mu, logvar = encoder.forward(["mu", "logvar"])
decoder.setInput(mu, "z")
reconstruction = decoder.forward("reconstruction")
