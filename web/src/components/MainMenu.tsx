/** The left menu, built from the module table and the user's role. */
import { Menu, type MenuProps } from 'antd';
import { useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import type { Role } from '../../../src/shared/enums.js';
import { useI18n } from '../lib/i18n.js';
import { MODULES, canUse, type ModuleDef } from '../lib/modules.js';
import { MODULE_ICONS } from './moduleIcons.js';

type Item = Required<MenuProps>['items'][number];

function toItem(m: ModuleDef, role: Role, pick: (l: ModuleDef['label']) => string): Item {
  const children = m.children?.filter((c) => canUse(c.roles, role));
  if (children && children.length > 0) {
    return {
      key: m.path,
      icon: MODULE_ICONS[m.key],
      label: pick(m.label),
      children: children.map((c) => ({ key: c.path, label: pick(c.label) })),
    };
  }
  return { key: m.path, icon: MODULE_ICONS[m.key], label: pick(m.label) };
}

/** Every menu path, longest first, to find the item for the current URL. */
function allPaths(): string[] {
  return MODULES.flatMap((m) => [m.path, ...(m.children ?? []).map((c) => c.path)]).sort((a, b) => b.length - a.length);
}
const PATHS = allPaths();

export function selectedPath(pathname: string): string {
  return PATHS.find((p) => (p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`))) ?? pathname;
}

/** `onNavigate`: called after a page was chosen (the phone's drawer closes). */
export function MainMenu({ role, onNavigate }: { role: Role; onNavigate?: () => void }) {
  const { t, pick } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();

  const items = useMemo<Item[]>(() => {
    const mine = MODULES.filter((m) => canUse(m.roles, role));
    const work = mine.filter((m) => m.section === 'work').map((m) => toItem(m, role, pick));
    const admin = mine.filter((m) => m.section === 'admin').map((m) => toItem(m, role, pick));
    const self = mine.filter((m) => m.section === 'self').map((m) => toItem(m, role, pick));
    const result: Item[] = [...work];
    if (admin.length > 0) result.push({ type: 'group', key: 'g-admin', label: t('menu.admin'), children: admin });
    result.push({ type: 'divider', key: 'd-self' }, ...self);
    return result;
  }, [role, pick, t]);

  const selected = selectedPath(location.pathname);
  const open = MODULES.filter((m) => m.children?.some((c) => c.path === selected)).map((m) => m.path);

  return (
    <div data-testid="main-menu">
      <Menu
        mode="inline"
        theme="dark"
        items={items}
        selectedKeys={[selected]}
        defaultOpenKeys={open}
        onClick={({ key }) => {
          void navigate(key);
          onNavigate?.();
        }}
        aria-label={t('menu.label')}
      />
    </div>
  );
}
