/** The policy's measures grouped by section, each expandable to its clause text, with its 责任单位 as tags. */
import { Collapse, Flex, Tag, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import type { Measure } from '../../lib/types.js';

interface Section {
  no: number;
  title: string;
  measures: Measure[];
}

export function groupBySection(measures: readonly Measure[]): Section[] {
  const sections = new Map<number, Section>();
  for (const m of [...measures].sort((a, b) => a.no - b.no)) {
    const s = sections.get(m.sectionNo) ?? { no: m.sectionNo, title: m.sectionTitle, measures: [] };
    s.measures.push(m);
    sections.set(m.sectionNo, s);
  }
  return [...sections.values()].sort((a, b) => a.no - b.no);
}

const SECTION_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

interface MeasureListProps {
  measures: readonly Measure[];
  /** Extra content under a measure's clause (the policy library lists its support items there). */
  renderBelow?: (measure: Measure) => ReactNode;
  /** Extra content in a measure's header, before its 责任单位 tags (e.g. a count). */
  renderBadge?: (measure: Measure) => ReactNode;
  /** Measures expanded at first. */
  defaultOpen?: readonly number[];
}

export function MeasureCollapse({ measures, renderBelow, renderBadge, defaultOpen }: MeasureListProps) {
  return (
    <Collapse
      size="small"
      defaultActiveKey={defaultOpen?.map(String)}
      items={measures.map((m) => ({
        key: String(m.no),
        label: (
          <Typography.Text strong>
            {m.no}. {m.title}
          </Typography.Text>
        ),
        extra: (
          <Flex gap={4} wrap justify="flex-end">
            {renderBadge?.(m)}
            {m.departments.map((d) => (
              <Tag key={d.code} color="geekblue" style={{ marginInlineEnd: 0 }}>
                {d.name}
              </Tag>
            ))}
          </Flex>
        ),
        children: (
          <>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{m.clauseText}</Typography.Paragraph>
            {renderBelow?.(m)}
          </>
        ),
      }))}
    />
  );
}

export function MeasureSections({ measures, ...rest }: MeasureListProps) {
  const sections = useMemo(() => groupBySection(measures), [measures]);
  return (
    <Flex vertical gap={16} data-testid="measure-sections">
      {sections.map((s) => (
        <div key={s.no}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {SECTION_NUMERALS[s.no - 1] ?? s.no}、{s.title}
          </Typography.Title>
          <MeasureCollapse measures={s.measures} {...rest} />
        </div>
      ))}
    </Flex>
  );
}
