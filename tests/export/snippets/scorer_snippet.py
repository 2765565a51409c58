import cv2
import numpy as np

scorer = cv2.dnn.readNetFromONNX("scorer.onnx")
images = np.load("images.npy").astype(np.float32)  # [N, 1, 28, 28], 0-255 pixels as stored
scorer.setInput(images, "x")
score, flagged = scorer.forward(["score", "flagged"])
np.savetxt("scores.txt", np.hstack([score, flagged]))
