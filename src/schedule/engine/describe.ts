/** A cron schedule (5 fields, Beijing time) read out in plain Chinese, for administrators. Pure. */
const WEEK = ['日', '一', '二', '三', '四', '五', '六', '日'];
const num = (s: string) => (/^\d+$/.test(s) ? Number(s) : null);
const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

export function describeCron(cron: string | null): string {
  if (!cron) return '不定时（仅手动运行）';
  const f = cron.trim().split(/\s+/);
  if (f.length !== 5) return `cron：${cron}`;
  const [mi, ho, dom, mon, dow] = f as [string, string, string, string, string];
  const m = num(mi);
  const h = num(ho);
  const everyN = /^\*\/(\d+)$/.exec(mi);
  if (everyN && ho === '*' && dom === '*' && mon === '*' && dow === '*') return `每 ${everyN[1]} 分钟`;
  if (m !== null && ho === '*' && dom === '*' && mon === '*' && dow === '*') return `每小时第 ${m} 分`;
  if (m === null || h === null) return `cron：${cron}（北京时间）`;
  const at = hhmm(h, m);
  if (dom === '*' && mon === '*' && dow === '*') return `每天 ${at}`;
  const d = num(dow);
  if (dom === '*' && mon === '*' && d !== null && d <= 7) return `每周${WEEK[d]} ${at}`;
  if (dom === '*' && mon === '*' && dow === '1-5') return `工作日（周一至周五）${at}`;
  const day = num(dom);
  if (day !== null && mon === '*' && dow === '*') return `每月 ${day} 日 ${at}`;
  const month = num(mon);
  if (day !== null && month !== null && dow === '*') return `每年 ${month} 月 ${day} 日 ${at}`;
  return `cron：${cron}（北京时间）`;
}
