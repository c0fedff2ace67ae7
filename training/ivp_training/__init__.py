"""IVP Studio demo-model training: small CLIP-like encoder + view-conditional StyleGAN2-style generator."""
__version__ = "0.1.0"
