#!/usr/bin/env bash
# Builds the service and stages what it needs at run time in one folder (default .deploy/), with production
# dependencies only: the folder App Service runs from (zip deploy) and the same file list as the Dockerfile.
#   bash infra/scripts/stage-app.sh [folder]
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-.deploy}"

npm ci --no-audit --no-fund
npm run build

rm -rf "$out"
mkdir -p "$out"
# dist/ (the compiled service), cards/ (Adaptive Card templates read at start), package.json (read for the
# version) and the lock file; ladders/ holds the municipality's own ladder files when there are any.
cp -R dist cards package.json package-lock.json "$out"/
if [ -d ladders ]; then cp -R ladders "$out"/; fi
# botbuilder-dialogs' postinstall runs `npx rimraf`, which is a devDependency: let npx fetch it.
(cd "$out" && npm_config_yes=true npm ci --omit=dev --no-audit --no-fund)
echo "staged in $out"
