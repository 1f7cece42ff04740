"""Pet-segmentation U-Net: data cache, model, training and ONNX export (see training/README.md)."""
