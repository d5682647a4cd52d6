// Audit figures: `tessera audit verify` over 100,000 entries in 20 chains (a form's records each
// have their own), as entries a second; and appending them, in transactions of 100.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundles, runBench } from './lib';

const { createEmbeddedStore, appendAudit, setAuditKey, verifyAuditChain } = bundles.runtime;
const ENTRIES = 100_000;
const CHAINS = 20;
const PER_TX = 100;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-audit-'));
  try {
    const store = await createEmbeddedStore({ dataDir: dir });
    setAuditKey(store, 'bench-audit-key-bench-audit-key!');
    const actor = { id: 'u1', name: '王工' };
    let t0 = performance.now();
    for (let i = 0; i < ENTRIES; i += PER_TX) {
      await store.withTransaction(async (session) => {
        for (let k = i; k < i + PER_TX; k++) {
          const before = k % 3 ? { lot: `L-${k}`, qty: k % 100, status: 'open' } : null;
          await appendAudit(store, session, { actor, action: before ? 'record.update' : 'record.create', collection: `r_form${k % CHAINS}`, recordId: `rec${k % 5000}`, before, after: { lot: `L-${k}`, qty: (k % 100) + 1, status: 'passed' } });
        }
      });
    }
    const appendMs = performance.now() - t0;
    console.log(`bench audit.append: ${ENTRIES.toLocaleString('en')} entries in ${CHAINS} chains, ${PER_TX} a transaction: ${Math.round((ENTRIES / appendMs) * 1000).toLocaleString('en')} entries/s`);
    t0 = performance.now();
    const verdict = await verifyAuditChain(store);
    const verifyMs = performance.now() - t0;
    if (!verdict.ok || verdict.count !== ENTRIES) throw new Error(`verify: ${JSON.stringify(verdict)}`);
    console.log(`bench audit.verify: ${ENTRIES.toLocaleString('en')} entries in ${verdict.chains} chains verified in ${(verifyMs / 1000).toFixed(2)} s: ${Math.round((ENTRIES / verifyMs) * 1000).toLocaleString('en')} entries/s`);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runBench(main);
