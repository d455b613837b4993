#!/usr/bin/env bash
# The Slurm integration tests run a real single-node cluster (slurmctld, slurmd, slurmrestd, munge): install Debian's
# packages when missing, as ensure-chromium.sh does for Chromium. Exits 0 when they are there, 1 (with the reason on
# stderr) when they cannot be installed here; the tests then skip and say so.
set -euo pipefail
have() {
  for b in slurmctld slurmd slurmrestd scontrol munged; do command -v "$b" >/dev/null 2>&1 || return 1; done
  ls /usr/lib/*/slurm-wlm/rest_auth_jwt.so >/dev/null 2>&1
}
if have; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Slurm is not installed and this is not root: cannot install slurmctld/slurmd/slurmrestd." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Slurm is not installed and there is no apt-get to install it with." >&2
  exit 1
fi
echo "==> Installing Debian's Slurm packages for the cluster tests" >&2
# Without recommends nothing pulls in the JWT plugin slurmrestd needs: name it.
PKGS="slurmctld slurmd slurm-client slurmrestd slurm-wlm-jwt-plugin munge"
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -qq --no-install-recommends $PKGS >/dev/null 2>&1; then
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq --no-install-recommends $PKGS >/dev/null || { echo "apt-get could not install $PKGS." >&2; exit 1; }
fi
command -v slurmrestd >/dev/null
