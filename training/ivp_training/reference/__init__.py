"""Importing networks trained with the CLIP-IVP reference code (NVlabs StyleGAN2-ADA pickles, OpenAI CLIP
TorchScript archives): a pickle reader that executes nothing from the file, our own definitions of the networks
filled from the recorded state, and the CLIP BPE tokenizer. Entry point: ``python -m ivp_training.import_reference``."""
