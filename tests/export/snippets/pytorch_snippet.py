import torch
from model import Model  # model.py of the export folder

model = Model()  # the exported configuration is the default
model.load_state_dict(torch.load("weights.pt"))
model.eval()
x = torch.rand(8, *model.input_shape)  # your samples, scaled to [0, 1]
with torch.no_grad():
    mu, logvar = model.encode(x)
    reconstruction = model.decode(mu)
    samples = model.sample(16)
torch.jit.save(torch.jit.script(model), "vae-scripted.pt")  # opens in LatentLab again
