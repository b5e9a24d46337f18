// Runs `npm ci` only when node_modules is missing or older than package-lock.json, so the Maven build stays fast.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(web, 'package-lock.json');
const installed = join(web, 'node_modules', '.package-lock.json');

const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs;
if (!stale) {
  console.log('web: node_modules is up to date');
  process.exit(0);
}
console.log('web: installing dependencies (npm ci)');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// --prefer-offline: packages already in npm's cache are taken from it without asking the registry again
const result = spawnSync(npm, ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
  cwd: web,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
