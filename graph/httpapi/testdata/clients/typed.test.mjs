// The typed client for TypeScript apps: an app built on its documents
// type-checks (a wrongly typed variable is refused), compiles, and runs
// against the server with urql.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { url } from './server.mjs';

test('an app built on the typed client type-checks and reads through it', async () => {
  const here = fileURLToPath(new URL('.', import.meta.url));
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'typed/tsconfig.json'], { cwd: here, stdio: 'inherit' });
  const { entityName } = await import('./.typed-build/graph/httpapi/testdata/clients/typed/app.js');
  assert.equal(await entityName(url, 'soviet-union'), 'Soviet Union');
});
