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

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function lockedError(dataDir: string, holder: LockInfo): AppError {
  const where = holder.port ? `（服务器运行在端口 ${holder.port}）` : '';
  return new AppError(
    'DATA_DIR_LOCKED',
    409,
    `数据目录 ${dataDir} 正被进程 ${holder.pid}（${holder.purpose}）使用${where}。嵌入式数据库只能由一个进程打开：请先停止该进程，或通过该服务器的 API 操作，或设置 DATABASE_URL 使用 PostgreSQL 服务器。` +
      ` (The data folder is held by process ${holder.pid}; stop it first or use the running server.)`,
  );
}

/**
 * Takes the lock. The lock file only ever appears complete: it is written under a
 * private name and hard-linked into place (link fails if the name exists). A lock
 * whose holder is dead is first renamed away under a unique name, which only one
 * contender can do; if what it renamed turns out to be a live holder's fresh lock,
 * it is put back.
 */
export function acquireDataDirLock(dataDir: string, purpose: string): { release(): void; update(info: Partial<LockInfo>): void } {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, '.lock');
  const info: LockInfo = { pid: process.pid, purpose, startedAt: new Date().toISOString() };
  const unique = `${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}`;
  const tmp = `${file}.${unique}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(info));
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        fs.linkSync(tmp, file);
        return holdLock(dataDir, file, info);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const holder = readLock(dataDir);
      if (!holder) {
        sleepSync(20); // vanished or unreadable this instant: look again
        continue;
      }
      if (holder.pid !== process.pid && alive(holder.pid)) throw lockedError(dataDir, holder);
      // The holder is gone: move its lock aside; only one contender's rename succeeds.
      const stale = `${file}.${unique}.stale`;
      try {
        fs.renameSync(file, stale);
      } catch {
        continue; // someone else moved it first
      }
      const moved = (() => {
        try {
          return JSON.parse(fs.readFileSync(stale, 'utf8')) as LockInfo;
        } catch {
          return null;
        }
      })();
      if (moved && moved.pid !== holder.pid && alive(moved.pid)) {
        // We moved a fresh lock that replaced the stale one in between: give it back.
        try {
          fs.linkSync(stale, file);
        } catch {
          /* a third process holds it now; it will be found on the next turn */
        }
      }
      fs.rmSync(stale, { force: true });
    }
    throw new AppError('DATA_DIR_LOCKED', 409, `无法锁定数据目录 ${dataDir}`);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function holdLock(dataDir: string, file: string, info: LockInfo) {
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
    update(extra: Partial<LockInfo>) {
      Object.assign(info, extra);
      // Rewrite atomically so a reader never sees a half-written file.
      const tmp = `${file}.${process.pid}.update`;
      fs.writeFileSync(tmp, JSON.stringify(info));
      fs.renameSync(tmp, file);
    },
  };
}
