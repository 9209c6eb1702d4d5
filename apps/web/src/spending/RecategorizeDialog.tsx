/** Puts one transaction in another category, and on request every transaction of its merchant from now on. */
import type { CategorizedTransaction, CategoryKey } from '@passbook/contracts';
import { CATEGORY_KEYS } from '@passbook/contracts/constants';
import { useId, useRef, useState } from 'react';
import { describeApiFailure } from '../errors/describe.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { announce } from '../ui/announcer.ts';
import { Button } from '../ui/Button.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';
import { categoryLabel } from './categoryLabel.ts';
import { useRecategorize } from './queries.ts';

export function RecategorizeDialog({
  transaction,
  onClose,
}: {
  transaction: CategorizedTransaction;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const selectId = useId();
  const ruleId = useId();
  const selectRef = useRef<HTMLSelectElement>(null);
  const merchant = transaction.merchant ?? transaction.description;
  const [category, setCategory] = useState<CategoryKey>(transaction.category ?? 'other');
  const [makeRule, setMakeRule] = useState(false);
  const recategorize = useRecategorize();

  const save = () =>
    recategorize.mutate(
      { transactionId: transaction.id, category, rule: makeRule ? merchant : null },
      {
        onSuccess: () => {
          announce(t('recategorize.done', { merchant, category: categoryLabel(category, t) }));
          onClose();
        },
      },
    );

  return (
    <Dialog
      title={t('recategorize.title')}
      description={t('recategorize.description', { merchant })}
      onClose={onClose}
      initialFocus={selectRef}
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <div>
          <label htmlFor={selectId} className="block text-sm font-medium text-slate-800">
            {t('recategorize.category')}
          </label>
          <select
            id={selectId}
            ref={selectRef}
            value={category}
            onChange={(event) => setCategory(event.currentTarget.value as CategoryKey)}
            className="mt-1 min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 text-slate-900"
          >
            {CATEGORY_KEYS.map((key) => (
              <option key={key} value={key}>
                {categoryLabel(key, t)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-start gap-3">
          <input
            id={ruleId}
            type="checkbox"
            checked={makeRule}
            onChange={(event) => setMakeRule(event.currentTarget.checked)}
            className="mt-1 size-5 shrink-0 accent-brand-700"
          />
          <label htmlFor={ruleId} className="text-sm text-slate-800">
            {t('recategorize.always', { merchant })}
          </label>
        </div>
        {recategorize.isError ? <ProblemMessage problem={describeApiFailure(recategorize.error)} /> : null}
        <div className="flex flex-wrap justify-end gap-3">
          <Button variant="secondary" onClick={onClose}>
            {t('recategorize.cancel')}
          </Button>
          <Button type="submit" busy={recategorize.isPending}>
            {t('recategorize.save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
