/** Department code → its name in the current language (the code itself until the list has loaded). */
import { useCallback } from 'react';
import { useI18n } from '../../lib/i18n.js';
import { useReference } from '../../lib/reference.js';

export function useDepartmentName(): (code: string) => string {
  const { lang } = useI18n();
  const departments = useReference('departments');
  return useCallback(
    (code: string) => {
      const d = departments.items.find((x) => x.code === code);
      return d ? (lang === 'en' ? d.nameEn : d.name) : code;
    },
    [departments.items, lang],
  );
}
