/**
 * 收款账户: 开户名, 开户行, 账号 under `bankAccount` — in the application form (optional in a draft,
 * required to submit) and in the 免申即享 confirmation (required). The shared BankAccount schema
 * checks the values; its messages land under these fields.
 */
import { Form, Input } from 'antd';
import { useFundingI18n } from './words.js';

export const BANK_FIELDS = ['bankAccount', 'bankAccount.holder', 'bankAccount.bank', 'bankAccount.account'] as const;

export interface BankValues {
  holder?: string;
  bank?: string;
  account?: string;
}

/** The account as the API takes it, or null when every part is blank. */
export function bankBody(v: BankValues | undefined): { holder: string; bank: string; account: string } | null {
  const holder = v?.holder?.trim() ?? '';
  const bank = v?.bank?.trim() ?? '';
  const account = v?.account?.trim() ?? '';
  return holder || bank || account ? { holder, bank, account } : null;
}

export function BankAccountFields({ required }: { required: boolean }) {
  const { t } = useFundingI18n();
  const rule = (message: string) => (required ? [{ required: true, whitespace: true, message }] : []);
  return (
    <>
      <Form.Item name={['bankAccount', 'holder']} label={t('funding.bank.holder')} rules={rule(t('funding.bank.holderRequired'))}>
        <Input maxLength={60} data-testid="bank-holder" />
      </Form.Item>
      <Form.Item name={['bankAccount', 'bank']} label={t('funding.bank.bank')} rules={rule(t('funding.bank.bankRequired'))}>
        <Input maxLength={60} data-testid="bank-bank" />
      </Form.Item>
      <Form.Item name={['bankAccount', 'account']} label={t('funding.bank.account')} rules={rule(t('funding.bank.accountRequired'))} extra={t('funding.bank.accountHint')}>
        <Input maxLength={40} inputMode="numeric" data-testid="bank-account" />
      </Form.Item>
    </>
  );
}
