#!/usr/bin/env bash
# Installs what the test suite needs and the machine lacks (Debian/Ubuntu): Chromium for the Playwright tests,
# Debian's PyTorch and friends for the training/ tests, fonts for rendered labels, poppler's pdftoppm (the handout
# test renders the PDF's first page for a person to look at). Does nothing when all is there.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
/usr/bin/python3 -c "import torch" >/dev/null 2>&1 || need+=(python3-torch)
/usr/bin/python3 -c "import numpy" >/dev/null 2>&1 || need+=(python3-numpy)
/usr/bin/python3 -c "import PIL" >/dev/null 2>&1 || need+=(python3-pil)
/usr/bin/python3 -c "import pytest" >/dev/null 2>&1 || need+=(python3-pytest)
dpkg -s libopenblas0-openmp >/dev/null 2>&1 || need+=(libopenblas0-openmp)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fontconfig fonts-dejavu-core)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)

if [ ${#need[@]} -eq 0 ]; then
  echo "Test prerequisites present."
  exit 0
fi

echo "Installing test prerequisites: ${need[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "Test prerequisites installed."
