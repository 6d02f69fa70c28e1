#!/usr/bin/env node
// The wxpay-pos command line (signature doctor, standalone simulator). Runs the plain JavaScript built by
// `npm run build` (scripts/build-cli.mjs → out/cli/index.mjs); no TypeScript tooling at run time.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../out/cli/index.mjs', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write(
    'wxpay-pos: the command is not built yet. Run `npm run build` (or `npm run build:cli`) in the project folder first.\n' +
      'wxpay-pos：命令尚未构建，请先在项目目录运行 `npm run build`（或 `npm run build:cli`）。\n',
  );
  process.exit(2);
}
const { main } = await import(pathToFileURL(built).href);
process.exitCode = await main(process.argv.slice(2));
