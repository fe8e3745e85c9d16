/**
 * The embedded database belongs to one process. The holder writes DATA_DIR/.lock
 * (pid, purpose, port); another process that finds a live holder refuses with a
 * message instead of opening the folder and corrupting it. A lock left by a dead
 * process is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.js';

export interface LockInfo {
  pid: number;
  purpose: string;
  port?: number;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLock(dataDir: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, '.lock'), 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

export function acquireDataDirLock(dataDir: string, purpose: string): { release(): void; update(info: Partial<LockInfo>): void } {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, '.lock');
  const info: LockInfo = { pid: process.pid, purpose, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const cur = readLock(dataDir);
        if (cur?.pid === process.pid) fs.rmSync(file, { force: true });
      };
      process.once('exit', release);
      return {
        release,
        update(extra) {
          Object.assign(info, extra);
          fs.writeFileSync(file, JSON.stringify(info));
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readLock(dataDir);
      if (holder && holder.pid !== process.pid && alive(holder.pid)) {
        const where = holder.port ? `（服务器运行在端口 ${holder.port}）` : '';
        throw new AppError(
          'DATA_DIR_LOCKED',
          409,
          `数据目录 ${dataDir} 正被进程 ${holder.pid}（${holder.purpose}）使用${where}。嵌入式数据库只能由一个进程打开：请先停止该进程，或通过该服务器的 API 操作，或设置 DATABASE_URL 使用 PostgreSQL 服务器。` +
            ` (The data folder is held by process ${holder.pid}; stop it first or use the running server.)`,
        );
      }
      // Stale lock from a process that is gone: take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError('DATA_DIR_LOCKED', 409, `无法锁定数据目录 ${dataDir}`);
}
