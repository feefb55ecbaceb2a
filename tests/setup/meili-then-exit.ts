/**
 * Test-only: starts an embedded Meilisearch in the directory given, prints its pid and ends this
 * process with process.exit, without stopping it (launcher.test.ts checks it does not outlive us).
 */
import path from 'node:path';
import { startEmbeddedMeilisearch } from '../../scripts/services/embedded-meilisearch';

const dir = process.argv[2]!;
const meili = await startEmbeddedMeilisearch({ dataDir: path.join(dir, 'meili'), keyFile: path.join(dir, 'meili-key') });
process.stdout.write(`${meili.pid}\n`);
process.exit(3);
