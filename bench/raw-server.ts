import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { baseEnv, exitAsError, ServerProcess, spawnNode, stopChild } from './server-process';

/**
 * raw-server.main.ts as plain JavaScript: transpiled here and run with `node -e` from the
 * repository root (where its requires resolve), so that neither ts-node nor the TypeScript
 * compiler adds to the baseline's memory or CPU.
 */
function rawServerProgram(): string {
  const source = readFileSync(resolve(__dirname, 'raw-server.main.ts'), 'utf8');
  return ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
}

/** Starts the raw baseline in its own Node process (so its CPU and RSS are its own). */
export async function startRawServer(databaseUrl: string, poolSize: number): Promise<ServerProcess> {
  const child = spawnNode(
    'raw',
    ['-e', rawServerProgram()],
    { ...baseEnv(), NODE_ENV: 'production', RAW_DATABASE_URL: databaseUrl, RAW_POOL_SIZE: String(poolSize), PORT: '0' },
    { ipc: true, cwd: resolve(__dirname, '..') },
  );
  const server = { name: 'raw', pid: child.pid!, stop: () => stopChild(child) };
  try {
    const [message] = (await Promise.race([once(child, 'message'), exitAsError(child, 'raw server')])) as [{ port: number }];
    child.disconnect(); // the IPC channel is only for the start-up message
    return { ...server, baseUrl: `http://127.0.0.1:${message.port}` };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
