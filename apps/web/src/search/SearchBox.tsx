/** The dashboard's way into a search of all accounts: it opens the search page with the words typed. */
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Button } from '../ui/Button.tsx';
import { SearchField } from '../ui/SearchField.tsx';

export function SearchBox() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = text.trim();
    void navigate({ to: '/search', search: q ? { q } : {} });
  };
  return (
    <search className="mt-6">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
        <SearchField
          className="min-w-0 flex-1 basis-56"
          label={t('search.box')}
          placeholder={t('tx.searchPlaceholder')}
          value={text}
          onChange={setText}
        />
        <Button type="submit" variant="secondary">
          {t('search.submit')}
        </Button>
      </form>
    </search>
  );
}
