/**
 * A search box that applies on Enter or on the button, and clears on ×.
 * Test ids and aria attributes land on the <input> itself.
 */
import { SearchOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import { useEffect, useState } from 'react';

interface Props {
  value: string | undefined;
  onSearch: (value: string) => void;
  placeholder: string;
  width: number;
  testId?: string;
}

export function SearchInput({ value, onSearch, placeholder, width, testId }: Props) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <Space.Compact style={{ width }}>
      <Input
        allowClear
        value={text}
        placeholder={placeholder}
        aria-label={placeholder}
        data-testid={testId}
        onChange={(e) => setText(e.target.value)}
        onClear={() => onSearch('')}
        onPressEnter={() => onSearch(text.trim())}
      />
      <Button icon={<SearchOutlined />} aria-label={placeholder} onClick={() => onSearch(text.trim())} />
    </Space.Compact>
  );
}
