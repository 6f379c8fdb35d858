import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { baseEnv, exitAsError, ServerProcess, spawnNode, stopChild } from './server-process';

const SOURCES = resolve(__dirname, 'raw');
const ROOT = resolve(__dirname, '..');

/**
 * bench/raw/*.ts as plain JavaScript in a throwaway directory under .data/ (inside the
 * repository, so its requires find node_modules), so that neither ts-node nor the TypeScript
 * compiler adds to the baseline's memory or CPU.
 */
async function transpileRawServer(): Promise<string> {
  await mkdir(join(ROOT, '.data'), { recursive: true });
  const directory = await mkdtemp(join(ROOT, '.data', 'bench-raw-'));
  for (const file of readdirSync(SOURCES).filter((name) => name.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(join(SOURCES, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    await writeFile(join(directory, file.replace(/\.ts$/, '.js')), outputText);
  }
  return directory;
}

/** Starts the raw baselines in their own Node process (so its CPU and RSS are its own). */
export async function startRawServer(databaseUrl: string, poolSize: number, nodeArgs: string[] = []): Promise<ServerProcess> {
  const directory = await transpileRawServer();
  const child = spawnNode(
    'raw',
    [...nodeArgs, join(directory, 'main.js')],
    { ...baseEnv(), NODE_ENV: 'production', RAW_DATABASE_URL: databaseUrl, RAW_POOL_SIZE: String(poolSize), PORT: '0' },
    { ipc: true, cwd: ROOT },
  );
  const server = {
    name: 'raw',
    pid: child.pid!,
    stop: async () => {
      await stopChild(child);
      await rm(directory, { recursive: true, force: true });
    },
  };
  try {
    const [message] = (await Promise.race([once(child, 'message'), exitAsError(child, 'raw server')])) as [{ port: number }];
    child.disconnect(); // the IPC channel is only for the start-up message
    return { ...server, baseUrl: `http://127.0.0.1:${message.port}` };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
